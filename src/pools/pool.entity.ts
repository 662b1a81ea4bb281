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
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import { User } from '../users/user.entity';
import type { TierRow } from './pricing';

export enum PoolStatus {
  OPEN = 'OPEN',
  TIPPED = 'TIPPED',
  SOLD_OUT = 'SOLD_OUT',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/**
 * The statuses in which a pool takes joins and leaves (until its deadline), and is still to close. The one list:
 * SQL statements read it as JOINABLE_SQL, the PL/pgSQL rules as pool_joinable(status) (src/pools/sql/pool-rules.ts).
 */
export const JOINABLE_STATUSES = [PoolStatus.OPEN, PoolStatus.TIPPED, PoolStatus.SOLD_OUT];

/** The statuses in which a pool still has room to grow: not sold out, not ended. */
export const GROWING_STATUSES = [PoolStatus.OPEN, PoolStatus.TIPPED];

/** Statuses as a SQL list, e.g. `('OPEN', 'TIPPED')`, for `status IN ${statusList(…)}`. */
export function statusList(statuses: readonly PoolStatus[]): string {
  return `(${statuses.map((status) => `'${status}'`).join(', ')})`;
}

/** JOINABLE_STATUSES as a SQL list. */
export const JOINABLE_SQL = statusList(JOINABLE_STATUSES);

registerEnumType(PoolStatus, {
  name: 'PoolStatus',
  description: 'Where a group-buy pool stands.',
  valuesConfig: {
    OPEN: { description: 'Taking joins; below the tipping point, so the list price applies.' },
    TIPPED: { description: 'Taking joins; at or above the tipping point, so the pool will buy.' },
    SOLD_OUT: { description: 'Capacity reached; members may still leave or lower their quantity.' },
    SUCCEEDED: { description: 'Closed at the deadline after tipping; every member has an order.' },
    FAILED: { description: 'Closed at the deadline below the tipping point; nobody buys.' },
    CANCELLED: {
      description: 'Cancelled by the merchant (or replaced by a price request) before the deadline.',
    },
  },
});

/**
 * Buyers commit quantities to one product; the unit price falls through the tiers as the committed quantity
 * rises. `committed`, `memberCount` and `status` change only under the row lock taken by the SQL functions
 * `pool_join` and `pool_leave` (see the pools migration) or by the status-guarded close and cancel.
 */
@Entity('pools')
@ObjectType('GroupBuyPool', {
  implements: Node,
  description: 'A group buy: the more committed, the lower the price.',
})
@Check('"committed" >= 0 AND "committed" <= "capacity"')
@Check('"tipping_point" > 0 AND "capacity" >= "tipping_point"')
@Check('"member_count" >= 0')
@Index(['createdAt', 'id'])
@Index(['productId', 'createdAt', 'id'])
@Index(['status', 'deadline'])
export class GroupBuyPool {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this pool.' })
  get globalId(): string {
    return toGlobalId('GroupBuyPool', this.id);
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

  /** Ascending minQuantity, strictly falling prices; the first tier's minQuantity is the tipping point. */
  @Column({ type: 'jsonb' })
  tiers: TierRow[];

  @Field(() => Int, { description: 'The quantity at which the pool will buy: the first tier’s minQuantity.' })
  @Column({ type: 'int' })
  tippingPoint: number;

  @Field(() => Int, { description: 'The most units the pool sells; reserved from the product’s stock.' })
  @Column({ type: 'int' })
  capacity: number;

  @Field(() => Int, { name: 'committedQuantity', description: 'Units committed by all members together.' })
  @Column({ type: 'int', default: 0 })
  committed: number;

  @Field(() => Int, {
    name: 'participantCount',
    description: 'How many people joined, whether or not they show their participation.',
  })
  @Column({ type: 'int', default: 0 })
  memberCount: number;

  /** The product's list price when the pool was created; the price below the tipping point. */
  @Column({ type: 'int' })
  listPriceMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => PoolStatus, { description: 'Where the pool stands.' })
  @Column({ type: 'enum', enum: PoolStatus, enumName: 'pool_status', default: PoolStatus.OPEN })
  status: PoolStatus;

  @Field({ description: 'When the pool closes: it succeeds if tipped, fails otherwise.' })
  @Column({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  /** The unit price every member pays, set when the pool succeeds. */
  @Column({ type: 'int', nullable: true })
  finalUnitPriceMinor: number | null;

  /** When the pool first reached its tipping point and its members were told (POOL_TIPPED), once per pool. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  tippedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the pool succeeded, failed or was cancelled.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  /** Raised by every change, so that live updates can skip states a subscriber has seen. */
  @Column({ type: 'int', default: 0 })
  revision: number;

  @Field({ description: 'When the pool was created.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
