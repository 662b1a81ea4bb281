import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { senderReason } from './offer-reasons';
import { OfferView } from './offer.types';

/** The columns of an offer as its recipient sees it; `d` the delivery, `o` the offer. */
export const RECEIVED_COLUMNS = `d.id, o.merchant_id AS "merchantId", o.product_id AS "productId", o.title, o.body,
  o.valid_until AS "validUntil", d.reason, d.created_at AS "createdAt"`;

type SentRow = Omit<OfferView, 'globalId' | 'reason'> & {
  deliveredCount: number;
  category: string | null;
  shopName: string;
};

/**
 * Per-operation loaders of the offers slice: offers by id as the viewer may see them, the received ones (the
 * viewer is the recipient) or sent ones (the viewer is staff of the shop), null otherwise.
 */
@Injectable()
export class OffersLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => this.create(ctx));
  }

  private create(ctx: Context) {
    const viewerId = ctx.viewer?.id ?? null;
    return {
      visibleById: new DataLoader<string, OfferView | null>(async (ids) => {
        if (!viewerId) return ids.map(() => null);
        const received = await this.db.query<OfferView>(
          `SELECT ${RECEIVED_COLUMNS} FROM offer_deliveries d JOIN offers o ON o.id = d.offer_id
            WHERE d.id = ANY($1::uuid[]) AND d.recipient_id = $2`,
          [ids, viewerId],
        );
        const sent = await this.db.query<SentRow>(
          `SELECT o.id, o.merchant_id AS "merchantId", o.product_id AS "productId", o.title, o.body,
                  o.valid_until AS "validUntil", o.created_at AS "createdAt", o.delivered_count AS "deliveredCount",
                  o.category, m.name AS "shopName"
             FROM offers o JOIN merchants m ON m.id = o.merchant_id
            WHERE o.id = ANY($1::uuid[])
              AND EXISTS (SELECT 1 FROM merchant_staff s WHERE s.merchant_id = o.merchant_id AND s.user_id = $2)`,
          [ids, viewerId],
        );
        const byId = new Map<string, OfferView>();
        for (const row of received) byId.set(row.id, OfferView.of(row));
        for (const { deliveredCount, category, shopName, ...row } of sent) {
          byId.set(
            row.id,
            OfferView.of({ ...row, reason: senderReason(shopName, category, deliveredCount) }),
          );
        }
        return ids.map((id) => byId.get(id) ?? null);
      }),
    };
  }
}
