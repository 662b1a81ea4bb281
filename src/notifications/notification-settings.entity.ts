import { Column, Entity, OneToOne, JoinColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';

/** What a person does not want to be told: kinds muted are neither stored nor pushed for them. */
@Entity('notification_settings')
@ObjectType('NotificationSettings', { description: 'Which kinds of notifications a person muted.' })
export class NotificationSettings {
  @PrimaryColumn('uuid')
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @Field(() => [String], { description: 'The kinds muted (Notification.kind words); empty when none are.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  muted: string[];

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
