import type { ErasureContext, PersonalDataSection } from '../core/personal-data';
import { RatingAggregateService } from './rating-aggregate.service';

/**
 * What a person wrote and voted on about products. On erasure their choice (`reviews: DELETE | ANONYMIZE`) applies
 * to all they wrote for themselves: reviews, questions and answers are deleted, or kept without an author. What
 * they wrote for a shop as its staff (replies to reviews, answers marked byMerchant) is the shop's word and stays,
 * without their name. Votes go. Every counter kept beside these rows (ratings, helpful counts, answer counts and
 * scores) is corrected in the same transaction.
 */
const deleting = ({ options }: ErasureContext) => options.reviews === 'DELETE';

const ANONYMIZE_ANSWERS = 'UPDATE answers SET author_id = NULL WHERE author_id = $1';

export const reviewPersonalData: PersonalDataSection[] = [
  {
    key: 'reviewHelpfulVotes',
    sql: `SELECT review_id, created_at FROM review_helpful_votes WHERE user_id = $1 ORDER BY created_at, review_id`,
    globalIds: { review_id: 'Review' },
    erase: `WITH gone AS (DELETE FROM review_helpful_votes WHERE user_id = $1 RETURNING review_id)
            UPDATE reviews r SET helpful_count = r.helpful_count - 1 FROM gone WHERE r.id = gone.review_id`,
  },
  {
    key: 'answerVotes',
    sql: `SELECT answer_id, value, created_at FROM answer_votes WHERE user_id = $1 ORDER BY created_at, answer_id`,
    globalIds: { answer_id: 'Answer' },
    erase: `WITH gone AS (DELETE FROM answer_votes WHERE user_id = $1 RETURNING answer_id, value)
            UPDATE answers a SET score = a.score - gone.value FROM gone WHERE a.id = gone.answer_id`,
  },
  {
    key: 'reviews',
    sql: `SELECT id, product_id, rating, title, body, helpful_count, created_at, updated_at FROM reviews
           WHERE author_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'Review', product_id: 'Product' },
    erase: (ctx) =>
      deleting(ctx) ? deleteReviews(ctx) : 'UPDATE reviews SET author_id = NULL WHERE author_id = $1',
  },
  {
    key: 'reviewReplies',
    sql: `SELECT id AS review_id, reply_body AS body, replied_at FROM reviews
           WHERE reply_author_id = $1 ORDER BY replied_at, id`,
    globalIds: { review_id: 'Review' },
    erase: 'UPDATE reviews SET reply_author_id = NULL WHERE reply_author_id = $1',
  },
  {
    key: 'reviewerStats',
    shape: 'one',
    sql: 'SELECT review_count, residual_sum FROM reviewer_stats WHERE user_id = $1',
  },
  {
    key: 'questions',
    sql: `SELECT id, product_id, body, answer_count, created_at FROM questions
           WHERE author_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'Question', product_id: 'Product' },
    // A deleted question takes its answers with it: without the question they answer nothing.
    erase: (ctx) =>
      deleting(ctx)
        ? 'DELETE FROM questions WHERE author_id = $1'
        : 'UPDATE questions SET author_id = NULL WHERE author_id = $1',
  },
  {
    key: 'answers',
    sql: `SELECT id, question_id, body, by_merchant, score, created_at FROM answers
           WHERE author_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'Answer', question_id: 'Question' },
    erase: (ctx) => (deleting(ctx) ? deleteAnswers(ctx) : ANONYMIZE_ANSWERS),
  },
];

/**
 * Deletes the person's reviews and takes each one's rating out of the product's summary, the global totals and
 * the reviewer's sums. The products are locked first (in id order, so that two erasures never deadlock), then the
 * reviews read again under the locks, so that the counters match exactly the reviews deleted; a review written
 * meanwhile on another product stays, anonymized, and keeps counting.
 */
async function deleteReviews({ db, container, userId }: ErasureContext): Promise<void> {
  const aggregates = container.get(RatingAggregateService);
  await db.transaction(async (tx) => {
    const reviewed = await tx.query<Array<{ id: string }>>(
      'SELECT DISTINCT product_id AS id FROM reviews WHERE author_id = $1',
      [userId],
    );
    const locked = await aggregates.lockProducts(reviewed.map((p) => p.id));
    const reviews = await tx.query<
      Array<{ id: string; product_id: string; rating: number; residual: number }>
    >(
      `SELECT id, product_id, rating, residual FROM reviews
        WHERE author_id = $1 AND product_id = ANY($2::uuid[]) ORDER BY product_id`,
      [userId, locked],
    );
    for (const review of reviews) {
      await aggregates.apply({
        productId: review.product_id,
        authorId: userId,
        from: review.rating,
        to: null,
        oldResidual: review.residual,
      });
    }
    await tx.query('DELETE FROM reviews WHERE id = ANY($1::uuid[])', [reviews.map((r) => r.id)]);
  });
}

/** Deletes the person's own answers, each question's answer count with them; answers given for a shop stay. */
async function deleteAnswers({ db, userId }: ErasureContext): Promise<void> {
  await db.query(
    `WITH gone AS (DELETE FROM answers WHERE author_id = $1 AND NOT by_merchant RETURNING question_id),
          counted AS (SELECT question_id, count(*)::int AS n FROM gone GROUP BY question_id)
     UPDATE questions q SET answer_count = q.answer_count - counted.n FROM counted WHERE q.id = counted.question_id`,
    [userId],
  );
  await db.query(ANONYMIZE_ANSWERS, [userId]);
}
