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

export enum DutchAuctionStatus {
  SCHEDULED = 'SCHEDULED',
  RUNNING = 'RUNNING',
  SOLD_OUT = 'SOLD_OUT',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}

/** The statuses stored while an auction has not ended; what a reader sees then also depends on the clock. */
export const LIVE_STATUSES = [DutchAuctionStatus.SCHEDULED, DutchAuctionStatus.RUNNING];

registerEnumType(DutchAuctionStatus, {
  name: 'DutchAuctionStatus',
  description: 'Where a falling-price auction stands.',
  valuesConfig: {
    SCHEDULED: { description: 'Not started: the price starts falling at startsAt.' },
    RUNNING: { description: 'The price is falling (or at the floor) and units can be taken.' },
    SOLD_OUT: { description: 'Every unit was taken.' },
    ENDED: { description: 'One interval after reaching the floor; what was unsold is back in stock.' },
    CANCELLED: { description: 'Cancelled; what was unsold is back in stock.' },
  },
});

/**
 * A falling-price auction: the price at t is max(floor, start − decrement × ⌊(t − startsAt) / interval⌋)
 * (src/auctions/dutch-pricing.ts). `remaining` falls only under the row lock of a take; the quantity is reserved
 * from stock at creation and the rest goes back at the end (a status-guarded UPDATE by the end job).
 */
@Entity('dutch_auctions')
@ObjectType({ implements: Node, description: 'A falling-price (Dutch) auction.' })
@Check('"quantity" > 0')
@Check('"remaining" >= 0 AND "remaining" <= "quantity"')
@Check('"floor_price_minor" > 0 AND "floor_price_minor" <= "start_price_minor"')
@Check('"decrement_minor" > 0')
@Check('"interval_seconds" >= 1')
@Index(['createdAt', 'id'])
@Index(['status', 'endsAt'])
export class DutchAuction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this auction.' })
  get globalId(): string {
    return toGlobalId('DutchAuction', this.id);
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

  /** RUNNING until sold out or ended; SCHEDULED and RUNNING read the same, the clock tells them apart. */
  @Column({
    type: 'enum',
    enum: DutchAuctionStatus,
    enumName: 'dutch_auction_status',
    default: DutchAuctionStatus.RUNNING,
  })
  status: DutchAuctionStatus;

  @Field({ description: 'When the price starts falling.' })
  @Column({ type: 'timestamptz', precision: 3 })
  startsAt: Date;

  /** One interval after the price reaches the floor: the end unless sold out first. */
  @Column({ type: 'timestamptz', precision: 3 })
  endsAt: Date;

  @Column({ type: 'int' })
  startPriceMinor: number;

  @Column({ type: 'int' })
  floorPriceMinor: number;

  @Column({ type: 'int' })
  decrementMinor: number;

  @Field(() => Int, { description: 'Seconds between two price steps.' })
  @Column({ type: 'int' })
  intervalSeconds: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Int, { description: 'Units offered; reserved from stock at creation.' })
  @Column({ type: 'int' })
  quantity: number;

  @Field(() => Int, { name: 'remainingQuantity', description: 'Units not taken yet.' })
  @Column({ type: 'int' })
  remaining: number;

  /** The price of the last take that sold the last unit; the price stays there once sold out. */
  @Column({ type: 'int', nullable: true })
  finalPriceMinor: number | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
