import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import { toGlobalId } from '../core/relay/global-id';
import { Node } from '../core/relay/node';
import { User } from '../users/user.entity';
import type { SupplyStepRow } from './clearing';

export enum CallAuctionStatus {
  OPEN = 'OPEN',
  CLEARED = 'CLEARED',
  NO_TRADE = 'NO_TRADE',
  CANCELLED = 'CANCELLED',
}

registerEnumType(CallAuctionStatus, {
  name: 'CallAuctionStatus',
  description: 'Where a call auction stands.',
  valuesConfig: {
    OPEN: { description: 'Taking limit bids until the call time (the call itself may still be running).' },
    CLEARED: { description: 'Called: the filled bids have orders at the clearing price.' },
    NO_TRADE: { description: 'Called with nothing crossing: no order, all supply back in stock.' },
    CANCELLED: { description: 'Cancelled before the call; all supply back in stock.' },
  },
});

/**
 * An exchange-style call auction of one product: supply steps reserved from stock at creation, limit bids until
 * `callAt`, then one uniform clearing price (src/auctions/clearing.ts). `status` leaves OPEN only in the
 * status-guarded UPDATE of the call, in one transaction with the bids' fills, the orders and the stock.
 */
@Entity('call_auctions')
@ObjectType({ implements: Node, description: 'A call auction: bids collected, then cleared at one price.' })
@Check('"total_supply" > 0')
@Index(['createdAt', 'id'])
@Index(['status', 'callAt'])
export class CallAuction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this call auction.' })
  get globalId(): string {
    return toGlobalId('CallAuction', this.id);
  }

  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  product: Product;

  @Index()
  @Column('uuid')
  merchantId: string;

  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  merchant: Merchant;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  createdBy: User | null;

  @Field(() => CallAuctionStatus, { description: 'Where the auction stands.' })
  @Column({
    type: 'enum',
    enum: CallAuctionStatus,
    enumName: 'call_auction_status',
    default: CallAuctionStatus.OPEN,
  })
  status: CallAuctionStatus;

  @Field({ description: 'When bidding ends and the auction is called.' })
  @Column({ type: 'timestamptz', precision: 3 })
  callAt: Date;

  /** Strictly ascending minimum prices; the sum of the quantities is `totalSupply`. */
  @Column({ type: 'jsonb' })
  supply: SupplyStepRow[];

  /** The units reserved from stock at creation. */
  @Column({ type: 'int' })
  totalSupply: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'int', nullable: true })
  clearingPriceMinor: number | null;

  @Field(() => Int, { nullable: true, description: 'Units sold at the call; 0 for NO_TRADE, null before.' })
  @Column({ type: 'int', nullable: true })
  clearedQuantity: number | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  calledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
