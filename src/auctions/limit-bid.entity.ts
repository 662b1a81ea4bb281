import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../core/relay/global-id';
import { Node } from '../core/relay/node';
import { User } from '../users/user.entity';
import { CallAuction } from './call-auction.entity';

export enum LimitBidStatus {
  OPEN = 'OPEN',
  FILLED = 'FILLED',
  PARTIALLY_FILLED = 'PARTIALLY_FILLED',
  UNFILLED = 'UNFILLED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(LimitBidStatus, {
  name: 'LimitBidStatus',
  description: 'Where a limit bid stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for the call; may be withdrawn until then.' },
    FILLED: { description: 'Every unit bought at the clearing price.' },
    PARTIALLY_FILLED: { description: 'Some units bought: the last bid filled when the supply ran out.' },
    UNFILLED: { description: 'Called without getting a unit.' },
    WITHDRAWN: { description: 'Withdrawn by the bidder before the call.' },
  },
});

/**
 * A buyer's limit bid in a call auction: up to `quantity` units at up to `maxUnitPriceMinor` each. Bids of one
 * buyer are unique per idempotency key. `status` and `filledQuantity` are set by the call.
 */
@Entity('limit_bids')
@ObjectType({ implements: Node, description: 'A limit bid: how many units, at most at what unit price.' })
@Check('"quantity" > 0')
@Check('"max_unit_price_minor" > 0')
@Check('"filled_quantity" >= 0 AND "filled_quantity" <= "quantity"')
@Index(['auctionId', 'status'])
@Index(['buyerId', 'idempotencyKey'], { unique: true })
export class LimitBid {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this bid.' })
  get globalId(): string {
    return toGlobalId('LimitBid', this.id);
  }

  @Column('uuid')
  auctionId: string;

  @ManyToOne(() => CallAuction, { onDelete: 'CASCADE' })
  auction: CallAuction;

  @Column('uuid')
  buyerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  buyer: User;

  @Field(() => Int, { description: 'The most units wanted.' })
  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int' })
  maxUnitPriceMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => LimitBidStatus, { description: 'Where the bid stands.' })
  @Column({ type: 'enum', enum: LimitBidStatus, enumName: 'limit_bid_status', default: LimitBidStatus.OPEN })
  status: LimitBidStatus;

  @Field(() => Int, { description: 'Units bought at the call; 0 before it.' })
  @Column({ type: 'int', default: 0 })
  filledQuantity: number;

  @Column({ type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Field({ description: 'When the bid was placed; earlier bids at the same limit fill first.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
