import { Check, Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * The inputs of the rating baseline (see trusted-rating.ts), kept current in the same transaction as every
 * review, so that a personal rating costs no scan of all reviews.
 */

/** All reviews together: one row (id 1), for the global mean. */
@Entity('rating_totals')
@Check('"id" = 1')
export class RatingTotals {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  reviewCount: string;

  @Column({ type: 'bigint', default: 0 })
  ratingSum: string;
}

/** One reviewer's reviews: their count and the sum of their residuals, for the reviewer's bias. */
@Entity('reviewer_stats')
export class ReviewerStats {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column({ type: 'int', default: 0 })
  reviewCount: number;

  @Column({ type: 'float8', default: 0 })
  residualSum: number;
}
