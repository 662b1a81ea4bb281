import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { rules, validate } from '../core/validation';
import { MerchantService } from '../catalog/merchant.service';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { DEFAULT_OFFERS_PER_WEEK } from '../privacy/preferences.entity';
import { OFFER_RECEIVED } from './offers.notification-kinds';
import { OfferView } from './offer.types';
import { recipientReason, senderReason } from './offer-reasons';

export interface NewOffer {
  /** Null when the input's ID named something else than a merchant. */
  merchantId: string | null;
  title: string;
  body: string;
  /** Null when the input's ID named something else than a product; undefined when left out. */
  productId?: string | null;
  category?: string | null;
  validUntil?: Date | null;
}

export interface SentOfferResult {
  offer: OfferView;
  deliveredCount: number;
}

/** Who may receive an offer, and through which of their permissions. */
interface Candidate {
  userId: string;
  byShop: boolean;
  byCategory: boolean;
}

const offerRules = () =>
  z.object({
    title: rules.text('The title', 1, 120),
    body: rules.text('The body', 1, 4000),
    category: rules.text('The category', 1, 60).nullish(),
    validUntil: z
      .date()
      .min(new Date(Date.now() + 1), 'An offer must hold until some time ahead.')
      .nullish(),
  });

/**
 * Offers only to those who asked: a shop's staff sends an offer, and it reaches the people with a permission for the
 * shop or for the offer's category, each within their own cap (Preferences.maxOffersPerWeek, offers received in
 * any 7 days, all shops together; DEFAULT_OFFERS_PER_WEEK until they choose, none for an explicit null). The
 * recipients are locked (an advisory lock each, in id order) before their counts are read, so two shops sending at
 * once never take a person past the cap. The shop learns how many it reached, never who.
 */
@Injectable()
export class OfferService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantService,
    private readonly notifications: NotificationSenderService,
  ) {}

  async send(_ctx: Context, senderId: string, input: NewOffer): Promise<SentOfferResult> {
    const valid = validate(offerRules(), input);
    const shop = await this.shopOf(senderId, input.merchantId);
    const product = input.productId === undefined ? null : await this.productOf(shop.id, input.productId);
    const category = valid.category?.trim() || product?.category || null;
    return this.db.transaction(async () => {
      const candidates = await this.candidates(shop.id, category);
      const ids = candidates.map((c) => c.userId).sort();
      await this.db.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('offer-cap:' || id, 0)) FROM unnest($1::uuid[]) AS id ORDER BY id`,
        [ids],
      );
      const within = new Set(await this.withinCap(ids));
      const reached = candidates.filter((c) => within.has(c.userId));
      const reason = senderReason(shop.name, category, reached.length);
      const [offer] = await this.db.query<{ id: string; createdAt: Date }>(
        `INSERT INTO offers (merchant_id, sender_id, product_id, title, body, category, valid_until, delivered_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at AS "createdAt"`,
        [
          shop.id,
          senderId,
          product?.id ?? null,
          valid.title,
          valid.body,
          category,
          valid.validUntil ?? null,
          reached.length,
        ],
      );
      for (const candidate of reached) {
        const [delivery] = await this.db.query<{ id: string }>(
          `INSERT INTO offer_deliveries (offer_id, recipient_id, reason) VALUES ($1, $2, $3) RETURNING id`,
          [offer.id, candidate.userId, recipientReason(shop.name, category, candidate)],
        );
        await this.notifications.send(
          candidate.userId,
          OFFER_RECEIVED,
          { offerId: delivery.id, merchantName: shop.name, title: valid.title },
          senderId,
        );
      }
      const view = OfferView.of({
        id: offer.id,
        merchantId: shop.id,
        productId: product?.id ?? null,
        title: valid.title,
        body: valid.body,
        validUntil: valid.validUntil ?? null,
        reason,
        createdAt: offer.createdAt,
      });
      return { offer: view, deliveredCount: reached.length };
    });
  }

  /** The shop, when `senderId` is its staff; sending for a shop one does not run is a userError on merchantId. */
  private async shopOf(senderId: string, merchantId: string | null): Promise<{ id: string; name: string }> {
    const [shop] = merchantId
      ? await this.db.query<{ id: string; name: string }>('SELECT id, name FROM merchants WHERE id = $1', [
          merchantId,
        ])
      : [];
    if (!shop)
      throw UserFacingError.of('merchantId', UserErrorCode.NotFound, 'There is no shop with this ID.');
    if (!(await this.merchants.roleOf(senderId, shop.id))) {
      throw UserFacingError.of(
        'merchantId',
        UserErrorCode.Forbidden,
        'Only the shop’s staff can send its offers.',
      );
    }
    return shop;
  }

  private async productOf(merchantId: string, productId: string | null) {
    const [product] = productId
      ? await this.db.query<{ id: string; category: string }>(
          'SELECT id, category FROM products WHERE id = $1 AND merchant_id = $2',
          [productId, merchantId],
        )
      : [];
    if (!product) {
      throw UserFacingError.of('productId', UserErrorCode.NotFound, 'The shop has no product with this ID.');
    }
    return product;
  }

  /** Everyone with a permission for the shop or for the category, each once. */
  private candidates(merchantId: string, category: string | null): Promise<Candidate[]> {
    return this.db.query<Candidate>(
      `SELECT user_id AS "userId", bool_or(merchant_id IS NOT NULL) AS "byShop", bool_or(category IS NOT NULL) AS "byCategory"
         FROM offer_permissions
        WHERE merchant_id = $1 OR ($2::text IS NOT NULL AND lower(category) = lower($2::text))
        GROUP BY user_id`,
      [merchantId, category],
    );
  }

  /** Of `userIds`, those who received fewer offers in the last 7 days than their cap. */
  private async withinCap(userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await this.db.query<{ id: string }>(
      `SELECT u.id FROM unnest($1::uuid[]) AS u(id)
         LEFT JOIN user_preferences p ON p.user_id = u.id
        WHERE (p.user_id IS NOT NULL AND p.max_offers_per_week IS NULL)
           OR (SELECT count(*) FROM offer_deliveries d
                WHERE d.recipient_id = u.id AND d.created_at > clock_timestamp() - interval '7 days')
              < CASE WHEN p.user_id IS NULL THEN $2::int ELSE p.max_offers_per_week END`,
      [userIds, DEFAULT_OFFERS_PER_WEEK],
    );
    return rows.map((r) => r.id);
  }
}
