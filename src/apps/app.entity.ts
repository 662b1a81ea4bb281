import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { Merchant } from '../catalog/merchant.entity';
import { User } from '../users/user.entity';

/**
 * A partner app, registered by a person (its owner), optionally for a shop they staff. It signs in to
 * /oauth/token with its client id and secret; only the secret's SHA-256 digest is kept (the secret is 256 random
 * bits, so a slow hash adds nothing). Revoking it stops every token of the app at once.
 */
@Entity('apps')
@Index(['ownerId', 'createdAt'])
@ObjectType({ implements: Node, description: 'A partner app: its own credentials, scopes and webhooks.' })
export class App {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this app.' })
  get globalId(): string {
    return toGlobalId('App', this.id);
  }

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  owner: User | null;

  @Column({ type: 'uuid', nullable: true })
  merchantId: string | null;

  @ManyToOne(() => Merchant, { onDelete: 'CASCADE' })
  merchant: Merchant | null;

  @Field({ description: 'The name people see on the consent page, 1–80 characters.' })
  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Field({ description: 'What the app does, in a sentence or two (up to 500 characters).' })
  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Field(() => String, { nullable: true, description: 'The app’s web site, an absolute https URL.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  homepageUrl: string | null;

  @Field({ description: 'The OAuth client id: public, sent with every token request.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  clientId: string;

  /** SHA-256 (hex) of the client secret. */
  @Column({ type: 'varchar', length: 64 })
  secretDigest: string;

  @Field(() => [String], {
    description: 'The redirect URIs the app registered; /oauth/authorize accepts exactly these.',
  })
  @Column({ type: 'text', array: true })
  redirectUris: string[];

  @Field(() => [String], { description: 'The scopes the app may ask for (see appScopes).' })
  @Column({ type: 'text', array: true })
  scopes: string[];

  @Field({ description: 'When the app was registered.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the app was revoked (no token of it works since); null while it is active.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
