import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { WebhookSubscription } from './webhook-subscription.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or its next retry.' },
    DELIVERED: { description: 'The receiver answered 2xx within 5 seconds.' },
    FAILED: { description: 'Every attempt failed; no more retries.' },
  },
});

/**
 * One event for one subscription: the outbox row, written in the same transaction as the change it announces,
 * and the record of its attempts. `eventId` is the `webhook-id` header, the same on every retry; `body` is fixed
 * at the first attempt, so that retries send the same signed bytes.
 */
@Entity('webhook_deliveries')
@Index(['subscriptionId', 'createdAt', 'id'])
@Index(['status', 'createdAt'])
@ObjectType({ implements: Node, description: 'One event sent (or to be sent) to a webhook subscription.' })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this delivery.' })
  get globalId(): string {
    return toGlobalId('WebhookDelivery', this.id);
  }

  @Column('uuid')
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  subscription: WebhookSubscription;

  @Column({ type: 'varchar', length: 64 })
  eventId: string;

  @Field({ description: 'The topic, e.g. pool.succeeded.' })
  @Column({ type: 'varchar', length: 64 })
  topic: string;

  /** The type and database id of what the event is about. */
  @Column({ type: 'varchar', length: 64 })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Field(() => WebhookDeliveryStatus, { description: 'Delivered, failed for good, or still pending.' })
  @Column({ type: 'varchar', length: 16, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'How many times it was sent so far.' })
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When it was last sent; null before the first attempt.' })
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The HTTP status of the last answer; null before an attempt or when none came (timeout).',
  })
  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Field({ description: 'When the event happened.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
