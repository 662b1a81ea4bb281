import { z } from 'zod';
import { Config } from '../core/config';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { type UserError, userError, UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { validate } from '../core/validation';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { AudiencePolicy } from '../privacy/audience.policy';
import type { Audience } from '../users/user.entity';

export const PRODUCT_RECOMMENDED = 'PRODUCT_RECOMMENDED';

const rules = z.object({
  note: z.string().trim().max(500, 'The note can have at most 500 characters.'),
  toUserIds: z
    .array(z.string().nullable())
    .min(1, 'Name at least one person.')
    .max(50, 'At most 50 people at once.'),
});

export interface Recommendation {
  /** Local ids; null where the global ID named another type. */
  productId: string | null;
  toUserIds: Array<string | null>;
  note: string;
}

/**
 * How many recommendations one sender already made to each of `$2` in the last day. The sender's lock
 * (`pg_advisory_xact_lock` on `$1`, taken first in the same transaction) makes concurrent calls count in turn.
 */
const SENT_TODAY = `SELECT recipient_id AS id, count(*)::int AS n FROM notifications
  WHERE actor_id = $1 AND recipient_id = ANY($2::uuid[]) AND kind = '${PRODUCT_RECOMMENDED}'
    AND created_at > now() - interval '1 day'
  GROUP BY recipient_id`;

/**
 * Word of mouth: a person tells others about a product. Each recipient decides whose recommendations reach them
 * (`acceptRecommendationsFrom`, judged by AudiencePolicy with the sender as viewer); blocks either way stop it too.
 * Repeated word of mouth is not spam: one sender reaches one person at most RECOMMENDATIONS_PER_DAY times in any
 * 24 hours. Those who do not accept, and those the sender has reached often enough today, are skipped silently,
 * so that a sender cannot probe anyone's settings.
 */
@Injectable()
export class WordOfMouthService {
  constructor(
    private readonly db: Database,
    private readonly policy: AudiencePolicy,
    private readonly sender: NotificationSenderService,
    private readonly config: Config,
  ) {}

  async recommendProduct(ctx: Context, senderId: string, input: Recommendation): Promise<void> {
    const { note, toUserIds } = validate(rules, input);
    const [product] = input.productId
      ? await this.db.query<{ id: string; title: string }>('SELECT id, title FROM products WHERE id = $1', [
          input.productId,
        ])
      : [];
    const people = await this.people(senderId, toUserIds);
    const errors = this.check(senderId, toUserIds, people);
    if (!product) errors.unshift(userError('productId', UserErrorCode.NotFound, 'There is no such product.'));
    if (errors.length) throw new UserFacingError(errors);

    const recipients = [...people.values()].filter((p) => !p.blocked);
    const accepting = await Promise.all(
      recipients.map((p) => this.policy.allows(ctx, p.id, p.acceptRecommendationsFrom)),
    );
    const data = { productId: product.id, productTitle: product.title, note };
    await this.db.transaction(async () => {
      const reached = await this.withinDailyCap(
        senderId,
        recipients.filter((_, i) => accepting[i]).map((p) => p.id),
      );
      for (const id of reached) await this.sender.send(id, PRODUCT_RECOMMENDED, data, senderId);
    });
  }

  /** Those of `recipientIds` the sender may still reach today (all when RECOMMENDATIONS_PER_DAY is 0). */
  private async withinDailyCap(senderId: string, recipientIds: string[]): Promise<string[]> {
    const cap = this.config.RECOMMENDATIONS_PER_DAY;
    if (cap === 0 || recipientIds.length === 0) return recipientIds;
    await this.db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`recommend:${senderId}`]);
    const rows = await this.db.query<{ id: string; n: number }>(SENT_TODAY, [senderId, recipientIds]);
    const sent = new Map(rows.map((r) => [r.id, r.n]));
    return recipientIds.filter((id) => (sent.get(id) ?? 0) < cap);
  }

  /** The named users who exist, with their setting and whether a block stands between them and the sender. */
  private async people(senderId: string, ids: Array<string | null>) {
    const rows = await this.db.query<{ id: string; audience: Audience; blocked: boolean }>(
      `SELECT u.id, u.accept_recommendations_from AS audience,
              EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = u.id AND b.blocked_id = $1)
                                               OR (b.blocker_id = $1 AND b.blocked_id = u.id)) AS blocked
         FROM users u WHERE u.id = ANY($2::uuid[])`,
      [senderId, ids.filter((id) => id !== null)],
    );
    return new Map(
      rows.map((r) => [r.id, { id: r.id, acceptRecommendationsFrom: r.audience, blocked: r.blocked }]),
    );
  }

  private check(senderId: string, ids: Array<string | null>, people: Map<string, unknown>): UserError[] {
    return ids.flatMap((id, i) => {
      const field = ['toUserIds', String(i)];
      if (!id || !people.has(id))
        return [userError(field, UserErrorCode.NotFound, 'There is no such person.')];
      if (id === senderId)
        return [userError(field, UserErrorCode.SelfReference, 'You cannot recommend to yourself.')];
      return [];
    });
  }
}
