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
import { Product } from '../catalog/product.entity';
import { User } from '../users/user.entity';

export enum PriceRequestStatus {
  OPEN = 'OPEN',
  AWARDED = 'AWARDED',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(PriceRequestStatus, {
  name: 'PriceRequestStatus',
  description: 'Where a price request stands.',
  valuesConfig: {
    OPEN: { description: 'Merchants may bid until the deadline.' },
    AWARDED: { description: 'A bid won, by the buyer’s choice or at the deadline; its orders exist.' },
    EXPIRED: { description: 'The deadline passed without a bid at or under the maximum unit price.' },
    CANCELLED: { description: 'The buyer withdrew the request.' },
  },
});

/**
 * A reverse auction: a buyer asks for something, others may join with quantities of their own, and merchants bid
 * the unit price down.
 * `bestBidId`/`bestBidMinor` are kept in step with the bids under this row's lock, which every bid takes.
 */
@Entity('price_requests')
@Check('"quantity" > 0')
@Check('"max_unit_price_minor" > 0')
@Index(['status', 'createdAt', 'id'])
@Index(['buyerId', 'createdAt'])
@ObjectType({
  implements: Node,
  description: 'What a buyer, or a group that forms around the request, asks merchants to bid on.',
})
export class PriceRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this price request.' })
  get globalId(): string {
    return toGlobalId('PriceRequest', this.id);
  }

  /** Who posted it; null once their account is erased (the request stays for the merchants that bid on it). */
  @Column({ type: 'uuid', nullable: true })
  buyerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  buyer: User | null;

  /** The pool whose members were invited to this request; no foreign key until the pools tables exist. */
  @Column({ type: 'uuid', nullable: true })
  poolId: string | null;

  /** What is wanted when the request was made from a pool: the pool's product, which its orders then carry. */
  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @ManyToOne(() => Product, { onDelete: 'SET NULL' })
  product: Product | null;

  @Field({ description: 'What is wanted, in a few words.' })
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field({ description: 'What is wanted, in detail.' })
  @Column({ type: 'text' })
  description: string;

  @Field({ description: 'A free-form category such as "Käse".' })
  @Column({ type: 'varchar', length: 60 })
  category: string;

  @Field({ description: 'Where the goods are wanted, e.g. "Allgäu".' })
  @Column({ type: 'varchar', length: 80 })
  region: string;

  @Field(() => Int, {
    description: 'How many units are wanted: the sum of every participant’s own quantity.',
  })
  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int', nullable: true })
  maxUnitPriceMinor: number | null;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency: string;

  @Field({ description: 'When bidding ends; a late bid may move it (soft close).' })
  @Column({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  @Field(() => PriceRequestStatus, { description: 'Where the request stands.' })
  @Column({ type: 'enum', enum: PriceRequestStatus, enumName: 'price_request_status', default: 'OPEN' })
  status: PriceRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  bestBidId: string | null;

  @Column({ type: 'int', nullable: true })
  bestBidMinor: number | null;

  @Column({ type: 'uuid', nullable: true })
  awardedBidId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Field({ description: 'When the request was posted.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
