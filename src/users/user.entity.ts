import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';

export enum Audience {
  PUBLIC = 'PUBLIC',
  TRUST_NETWORK = 'TRUST_NETWORK',
  PRIVATE = 'PRIVATE',
}

registerEnumType(Audience, {
  name: 'Audience',
  description: 'Who may see a part of a profile.',
  valuesConfig: {
    PUBLIC: { description: 'Everyone, signed in or not.' },
    TRUST_NETWORK: { description: 'The owner and the people the owner trusts.' },
    PRIVATE: { description: 'Only the owner.' },
  },
});

/** A villager's account. Only public columns are GraphQL fields; the rest leaves through resolvers that check. */
@Entity('users')
@ObjectType({ implements: Node, description: 'A person on Dorfmarkt.' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this user.' })
  get globalId(): string {
    return toGlobalId('User', this.id);
  }

  @Index({ unique: true })
  @Column()
  email: string;

  @Column()
  passwordHash: string;

  @Index({ unique: true })
  @Field({ description: 'Unique name in the URL: 3–30 characters of a–z, 0–9 and _.' })
  @Column()
  handle: string;

  @Field({ description: 'The name shown to others.' })
  @Column()
  displayName: string;

  @Column({ type: 'text', default: '' })
  bio: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** Raised to revoke every access token issued before, at once. */
  @Column({ type: 'int', default: 0 })
  sessionVersion: number;

  @Column({ type: 'enum', enum: Audience, enumName: 'audience', default: Audience.PUBLIC })
  profileAudience: Audience;

  @Column({ type: 'enum', enum: Audience, enumName: 'audience', default: Audience.TRUST_NETWORK })
  trustListAudience: Audience;

  @Column({ type: 'enum', enum: Audience, enumName: 'audience', default: Audience.TRUST_NETWORK })
  poolParticipationAudience: Audience;

  @Column({ type: 'enum', enum: Audience, enumName: 'audience', default: Audience.PRIVATE })
  orderHistoryAudience: Audience;

  @Column({ type: 'enum', enum: Audience, enumName: 'audience', default: Audience.TRUST_NETWORK })
  acceptRecommendationsFrom: Audience;

  @Column({ default: true })
  discoverable: boolean;

  @Column({ default: false })
  personalization: boolean;

  @Field({ description: 'When the account was created.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
