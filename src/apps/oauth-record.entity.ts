import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the OAuth library stores (authorization codes, access and refresh tokens, grants, sessions, interactions),
 * one row per model instance, shared by every instance of the API. Expired rows are swept now and then.
 */
@Entity('oauth_records')
@Index(['grantId'])
@Index(['expiresAt'])
export class OAuthRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  id: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 255, nullable: true })
  grantId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 255, nullable: true })
  uid: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null;
}
