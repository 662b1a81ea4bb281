import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { Order } from './order.entity';

/** Which side of a trade gave a rating: the buyer (of the shop) or the shop's staff (of the buyer). */
export enum RatingSide {
  BUYER = 'BUYER',
  MERCHANT = 'MERCHANT',
}

/**
 * A rating after a completed trade, one per order and side, apart from product reviews. `merchantId` and
 * `buyerId` are copied from the order for the aggregates: a BUYER rating is of the merchant, a MERCHANT rating of
 * the buyer.
 */
@Entity('order_ratings')
@Check('"rating" BETWEEN 1 AND 5')
@Index(['merchantId'], { where: `"side" = 'BUYER'` })
@Index(['buyerId'], { where: `"side" = 'MERCHANT'` })
@ObjectType('TransactionRating', { description: 'A rating one side of a trade gave the other after it.' })
export class OrderRating {
  @PrimaryColumn('uuid')
  orderId: string;

  @PrimaryColumn({ type: 'enum', enum: RatingSide, enumName: 'rating_side' })
  side: RatingSide;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  order: Order;

  @Column('uuid')
  merchantId: string;

  /** The buyer of the order; null once the buyer's account is erased. */
  @Column({ type: 'uuid', nullable: true })
  buyerId: string | null;

  /** Who rated; null once erased. */
  @Column({ type: 'uuid', nullable: true })
  raterId: string | null;

  @Field(() => Int, { description: 'From 1 (bad) to 5 (very good).' })
  @Column({ type: 'smallint' })
  rating: number;

  @Field(() => String, { nullable: true, description: 'What the rater said, up to 1000 characters.' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @Field({ description: 'When the rating was given.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
