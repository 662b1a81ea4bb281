import { CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Review } from './review.entity';

/** One person found a review helpful; at most once, never their own. */
@Entity('review_helpful_votes')
@Index(['userId'])
export class ReviewHelpfulVote {
  @PrimaryColumn('uuid')
  reviewId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => Review, { onDelete: 'CASCADE' })
  review: Review;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
