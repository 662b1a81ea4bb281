import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';
import { Order, OrderStatus } from './order.entity';

/**
 * One step of an order's history: every status it took, oldest first, from PLACED at its creation. Written only
 * by the orders slice, in the same transaction as the move it records.
 */
@Entity('order_events')
@Index(['orderId', 'at', 'id'])
@ObjectType('OrderEvent', { description: 'A status an order took: when, by whom, and why.' })
export class OrderEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  order: Order;

  @Field(() => OrderStatus, { description: 'The status the order took.' })
  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status' })
  status: OrderStatus;

  @Field({ description: 'When it took it.' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at: Date;

  /** Who made the move; null for the system (the automatic completion) and once that account is erased. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  actor: User | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the person who made the move said; a cancel’s reason. Null when nothing was said.',
  })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
