import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { WebhookService } from '../apps/webhook.service';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { rules, validate } from '../core/validation';
import { MerchantService } from '../catalog/merchant.service';
import { Product } from '../catalog/product.entity';
import { RatingAggregateService } from './rating-aggregate.service';
import { Review } from './review.entity';
import { toGlobalId } from '../core/relay/global-id';
import { NotificationSenderService } from '../notifications/notification-sender.service';

const reviewRules = z.object({
  rating: rules.intRange('The rating', 1, 5),
  title: rules.text('The title', 1, 120),
  body: z.string().trim().max(5000, 'The text can have at most 5000 characters.'),
});

const replyRules = z.object({ body: rules.text('The reply', 1, 2000) });

export interface ReviewText {
  rating: number;
  title: string;
  body: string;
}

/**
 * Writing, editing and deleting reviews, helpful votes and merchant replies. Each change to a rating locks the
 * product row first, so that its aggregates and the rating baseline stay exact under concurrent reviews.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly db: Database,
    private readonly aggregates: RatingAggregateService,
    private readonly merchants: MerchantService,
    private readonly webhooks: WebhookService,
    private readonly sender: NotificationSenderService,
  ) {}

  /** Writes the author's review of the product, or edits it when there is one already. */
  async write(_ctx: Context, authorId: string, productId: string | null, input: ReviewText): Promise<Review> {
    const valid = validate(reviewRules, input);
    return this.db.transaction(async (tx) => {
      await this.lockProduct(productId, 'productId');
      const product = await tx.getRepository(Product).findOneByOrFail({ id: productId! });
      if (await this.merchants.roleOf(authorId, product.merchantId)) {
        throw UserFacingError.of(
          'productId',
          UserErrorCode.Forbidden,
          'Staff of a shop cannot review its own products.',
        );
      }
      const repo = tx.getRepository(Review);
      const existing = await repo.findOneBy({ productId: productId!, authorId });
      const residual = await this.aggregates.apply({
        productId: productId!,
        authorId,
        from: existing?.rating ?? null,
        to: valid.rating,
        oldResidual: existing?.residual ?? 0,
      });
      const review = existing ?? repo.create({ productId: productId!, authorId });
      Object.assign(review, valid, { residual });
      const saved = await repo.save(review);
      if (!existing) {
        await this.webhooks.record('review.created', [saved.id]);
        const staff = await this.merchants.staffIds(product.merchantId);
        await this.sender.sendToMany(
          staff,
          'REVIEW_WRITTEN',
          {
            reviewId: toGlobalId('Review', saved.id),
            productId: toGlobalId('Product', product.id),
            rating: saved.rating,
          },
          authorId,
        );
      }
      return saved;
    });
  }

  /** Deletes a review; only its author may. */
  async delete(_ctx: Context, actorId: string, reviewId: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const found = await this.find(tx, reviewId);
      if (found.authorId !== actorId) throw new ForbiddenError('Only the author may delete a review.');
      await this.lockProduct(found.productId, 'reviewId');
      const review = await tx.getRepository(Review).findOneBy({ id: found.id });
      if (!review) return;
      await this.aggregates.apply({
        productId: review.productId,
        authorId: review.authorId,
        from: review.rating,
        to: null,
        oldResidual: review.residual,
      });
      await tx.getRepository(Review).delete({ id: review.id });
    });
  }

  /** Marks a review helpful; once per person (again changes nothing), never one's own. */
  async markHelpful(_ctx: Context, actorId: string, reviewId: string | null): Promise<Review> {
    return this.db.transaction(async (tx) => {
      const review = await this.find(tx, reviewId);
      if (review.authorId === actorId)
        throw UserFacingError.of('reviewId', UserErrorCode.SelfReference, 'You cannot mark your own review.');
      const product = await tx.getRepository(Product).findOneByOrFail({ id: review.productId });
      if (await this.merchants.roleOf(actorId, product.merchantId)) {
        throw UserFacingError.of(
          'reviewId',
          UserErrorCode.Forbidden,
          'Staff of a shop cannot vote on reviews of its own products.',
        );
      }
      const inserted = await tx.query(
        `INSERT INTO review_helpful_votes (review_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING review_id`,
        [review.id, actorId],
      );
      if (inserted.length === 0) return review;
      await tx.query('UPDATE reviews SET helpful_count = helpful_count + 1 WHERE id = $1', [review.id]);
      return tx.getRepository(Review).findOneByOrFail({ id: review.id });
    });
  }

  /** The merchant's one reply to a review of its product; replying again replaces it. Staff only. */
  async reply(_ctx: Context, actorId: string, reviewId: string | null, body: string): Promise<Review> {
    const valid = validate(replyRules, { body });
    return this.db.transaction(async (tx) => {
      const review = await this.find(tx, reviewId);
      const product = await tx.getRepository(Product).findOneByOrFail({ id: review.productId });
      await this.merchants.requireRole(actorId, product.merchantId, 'reviewId');
      Object.assign(review, { replyBody: valid.body, replyAuthorId: actorId, repliedAt: new Date() });
      const saved = await tx.getRepository(Review).save(review);
      if (review.authorId && review.authorId !== actorId) {
        await this.sender.send(
          review.authorId,
          'REVIEW_REPLIED',
          { reviewId: toGlobalId('Review', review.id), productId: toGlobalId('Product', review.productId) },
          actorId,
        );
      }
      return saved;
    });
  }

  private async find(tx: EntityManager, reviewId: string | null): Promise<Review> {
    const review = reviewId ? await tx.getRepository(Review).findOneBy({ id: reviewId }) : null;
    if (!review) throw UserFacingError.of('reviewId', UserErrorCode.NotFound, 'There is no such review.');
    return review;
  }

  private async lockProduct(productId: string | null, field: string): Promise<void> {
    const [locked] = productId ? await this.aggregates.lockProducts([productId]) : [];
    if (!locked) throw UserFacingError.of(field, UserErrorCode.NotFound, 'There is no such product.');
  }
}
