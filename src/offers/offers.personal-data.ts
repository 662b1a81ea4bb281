import type { PersonalDataSection } from '../core/personal-data';

/**
 * A person's offer permissions and the offers they received (with why). Both go with the account (their foreign
 * keys cascade); offers a person sent for a shop are the shop's and stay, without the sender (set null).
 */
export const offersPersonalData: PersonalDataSection[] = [
  {
    key: 'offerPermissions',
    sql: `SELECT id, merchant_id, category, created_at FROM offer_permissions WHERE user_id = $1
           ORDER BY created_at, id`,
    globalIds: { id: 'OfferPermission', merchant_id: 'Merchant' },
  },
  {
    key: 'offersReceived',
    sql: `SELECT d.id, o.merchant_id, o.product_id, o.title, o.body, o.valid_until, d.reason, d.created_at
            FROM offer_deliveries d JOIN offers o ON o.id = d.offer_id
           WHERE d.recipient_id = $1 ORDER BY d.created_at, d.id`,
    globalIds: { id: 'Offer', merchant_id: 'Merchant', product_id: 'Product' },
  },
];
