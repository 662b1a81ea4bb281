import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { Product } from '../catalog/product.entity';
import { User } from '../users/user.entity';

/**
 * One person's review of one product (writing again edits it). The author is set to null when the account is
 * erased with its reviews kept. The merchant's one reply lives on the same row.
 */
@Entity('reviews')
@Unique(['productId', 'authorId'])
@Check('"rating" BETWEEN 1 AND 5')
// Newest first, covering author, rating and helpful votes; written by hand in migration 1764001000000
// (decorators cannot say DESC or INCLUDE).
@Index('IDX_reviews_product_newest', { synchronize: false })
@Index(['productId', 'helpfulCount', 'id'])
@Index(['productId', 'rating', 'id'])
@Index(['authorId', 'createdAt', 'id'])
@ObjectType({ implements: Node, description: 'A rating of a product with a title and a text.' })
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this review.' })
  get globalId(): string {
    return toGlobalId('Review', this.id);
  }

  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  product: Product;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  author: User | null;

  @Field(() => Int, { description: 'From 1 (poor) to 5 (excellent).' })
  @Column({ type: 'smallint' })
  rating: number;

  @Field({ description: 'A headline, 1–120 characters.' })
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field({ description: 'The text, up to 5,000 characters; may be empty.' })
  @Column({ type: 'text' })
  body: string;

  @Field(() => Int, { description: 'How many people marked this review helpful.' })
  @Column({ type: 'int', default: 0 })
  helpfulCount: number;

  /**
   * rating − (global mean + product bias) when the review was written: its author's contribution to their own
   * bias, so that editing or deleting the review can take exactly this amount back out of the author's sum.
   */
  @Column({ type: 'float8', default: 0 })
  residual: number;

  @Column({ type: 'text', nullable: true })
  replyBody: string | null;

  @Column({ type: 'uuid', nullable: true })
  replyAuthorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  replyAuthor: User | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  repliedAt: Date | null;

  @Field({ description: 'When the review was first written.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the review was last edited.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
