import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { User } from '../users/user.entity';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';

export enum OrderSource {
  DIRECT = 'DIRECT',
  POOL = 'POOL',
  PRICE_REQUEST = 'PRICE_REQUEST',
  CALL_AUCTION = 'CALL_AUCTION',
  DUTCH_AUCTION = 'DUTCH_AUCTION',
}

export enum OrderStatus {
  PLACED = 'PLACED',
  CONFIRMED = 'CONFIRMED',
  READY = 'READY',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

/** The statuses of an order the shop still has to fulfil: they hold units and show as open. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.PLACED,
  OrderStatus.CONFIRMED,
  OrderStatus.READY,
];

export enum FulfilmentMethod {
  PICKUP = 'PICKUP',
  DELIVERY = 'DELIVERY',
}

/** A delivery address, as the buyer gave it: the buyer's personal data. */
export interface DeliveryAddress {
  name: string;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
}

registerEnumType(OrderSource, {
  name: 'OrderSource',
  description: 'What an order came from.',
  valuesConfig: {
    DIRECT: { description: 'A direct purchase at the list price (placeOrder).' },
    POOL: { description: 'A group-buy pool that succeeded, at its final price.' },
    PRICE_REQUEST: { description: 'An awarded price request, at the winning bid.' },
    CALL_AUCTION: { description: 'A limit bid filled at a call auction’s clearing price.' },
    DUTCH_AUCTION: { description: 'A take of a falling-price auction, at the price of that moment.' },
  },
});

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order stands.',
  valuesConfig: {
    PLACED: { description: 'Placed and binding; the shop has not confirmed it yet.' },
    CONFIRMED: { description: 'The shop confirmed it and is preparing it.' },
    READY: { description: 'Ready for pickup, or handed to the carrier for a delivery.' },
    COMPLETED: {
      description:
        'Handed over: the buyer confirmed receipt, staff marked it, or 14 days passed after READY.',
    },
    CANCELLED: { description: 'Cancelled, with a reason; its units went back to the stock.' },
  },
});

registerEnumType(FulfilmentMethod, {
  name: 'FulfilmentMethod',
  description: 'How an order reaches its buyer.',
  valuesConfig: {
    PICKUP: { description: 'The buyer picks it up at the shop (the default).' },
    DELIVERY: { description: 'The shop delivers it to the buyer’s address.' },
  },
});

/**
 * What a direct purchase, a successful pool or an awarded price request creates. Kept for the merchant's books
 * after the buyer's account is erased, with `buyerId` set to null. A pool makes at most one order per member.
 */
@Entity('orders')
@ObjectType({ implements: Node, description: 'A purchase: one buyer, one merchant, one line.' })
@Check('"quantity" > 0')
@Index(['buyerId', 'createdAt', 'id'])
@Index(['buyerId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
@Index(['source', 'sourceId'])
@Index(['sourceId', 'buyerId'], { unique: true, where: `"source" = 'POOL'` })
@Index(['merchantId', 'createdAt', 'id'])
@Index('IDX_orders_merchant_open', ['merchantId', 'createdAt', 'id'], {
  where: `"status" IN ('PLACED', 'CONFIRMED', 'READY')`,
})
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this order.' })
  get globalId(): string {
    return toGlobalId('Order', this.id);
  }

  @Column({ type: 'uuid', nullable: true })
  buyerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  buyer: User | null;

  @Column('uuid')
  merchantId: string;

  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  merchant: Merchant;

  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @ManyToOne(() => Product, { onDelete: 'SET NULL' })
  product: Product | null;

  @Field({ description: 'What was bought: the product’s or the price request’s title at the time.' })
  @Column()
  title: string;

  @Field(() => Int, { description: 'Units bought.' })
  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int' })
  unitPriceMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => OrderSource, { description: 'What the order came from.' })
  @Column({ type: 'enum', enum: OrderSource, enumName: 'order_source' })
  source: OrderSource;

  /** The pool, price request or auction the order came from. */
  @Column({ type: 'uuid', nullable: true })
  sourceId: string | null;

  @Field(() => OrderStatus, { description: 'Where the order stands.' })
  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status', default: OrderStatus.PLACED })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  @Column({
    type: 'enum',
    enum: FulfilmentMethod,
    enumName: 'fulfilment_method',
    default: FulfilmentMethod.PICKUP,
  })
  fulfilmentMethod: FulfilmentMethod;

  /** Set for a delivery only; erased with the buyer's account. */
  @Column({ type: 'jsonb', nullable: true })
  deliveryAddress: DeliveryAddress | null;

  /** When the order last became READY: the automatic completion runs 14 days later. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readyAt: Date | null;

  /** When the order was completed: ratings open for 30 days and show at the latest 14 days after it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  @Field({ description: 'When the order was placed.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
