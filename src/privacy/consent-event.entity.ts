import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../core/relay/connection';
import { User } from '../users/user.entity';
import { PrivacySettingName } from './privacy-settings';

/**
 * One change of a privacy setting, kept so that a person can read when they gave or withdrew which consent.
 * Written in the same transaction as the change; erased with the account. Timestamps have millisecond precision,
 * the precision of the cursors that page through them.
 */
@Entity('consent_events')
@Index(['userId', 'createdAt', 'id'])
@ObjectType({ description: 'One change of a privacy setting: which, from what, to what, and when.' })
export class ConsentEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Field(() => PrivacySettingName, { description: 'The setting that changed.' })
  @Column({ type: 'varchar', length: 40 })
  setting: PrivacySettingName;

  @Field(() => String, {
    nullable: true,
    description: 'Its value before, e.g. "TRUST_NETWORK" or "false"; null when it had none.',
  })
  @Column({ type: 'varchar', length: 40, nullable: true })
  previousValue: string | null;

  @Field({ description: 'Its value after the change, e.g. "PUBLIC" or "true".' })
  @Column({ type: 'varchar', length: 40 })
  newValue: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What a consent is about, for offer permissions: the shop’s global ID or the category; null for settings.',
  })
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @Field({ description: 'When the change was made.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export const { Connection: ConsentEventConnection } = connectionOf(
  'ConsentEvent',
  () => ConsentEvent,
  'privacy setting change',
);
