import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { connectionOf } from '../core/relay/connection';
import { User } from '../users/user.entity';

/**
 * Something that happened for one recipient: a friend's product recommendation, a pool invitation, an answer,
 * an award. `actorId` is who caused it (null for the system); `data` holds ids and small facts, never copies of
 * personal data, so that erasing an account erases its traces: a notification goes with its recipient and with
 * its actor. Timestamps have millisecond precision, the precision of the cursors that page through them.
 */
@Entity('notifications')
@Index(['recipientId', 'createdAt', 'id'])
@Index(['actorId'])
@ObjectType({
  implements: Node,
  description:
    'Something that happened for you: a recommendation from someone you trust, an invitation, an answer.',
})
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this notification.' })
  get globalId(): string {
    return toGlobalId('Notification', this.id);
  }

  @Column('uuid')
  recipientId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  recipient: User;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  actor: User | null;

  @Field({
    description:
      'What happened, a stable SCREAMING_SNAKE_CASE word such as PRODUCT_RECOMMENDED or POOL_INVITATION.',
  })
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Field(() => Date, { nullable: true, description: 'When it was marked read; null while unread.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  @Field({ description: 'When it happened.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export const { Connection: NotificationConnection } = connectionOf(
  'Notification',
  () => Notification,
  'notification',
);
