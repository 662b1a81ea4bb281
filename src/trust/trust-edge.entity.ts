import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

/**
 * truster → trustee with a level 1..5; its weight in propagated trust is level / 5. Never stored between two
 * users when either has blocked the other (TrustService keeps this under a per-pair lock).
 *
 * Two indexes are written by hand in migration 1764000100000 (decorators cannot say DESC or INCLUDE): one per
 * direction, `(truster_id | trustee_id, created_at DESC, other DESC) INCLUDE (level)`. They serve the trust lists
 * newest first by keyset, and every ring of propagated trust as an index-only scan.
 */
@Entity('trust_edges')
@Check('"level" BETWEEN 1 AND 5')
@Check('"truster_id" <> "trustee_id"')
@Index('IDX_trust_edges_out', { synchronize: false })
@Index('IDX_trust_edges_in', { synchronize: false })
export class TrustEdge {
  @PrimaryColumn('uuid')
  trusterId: string;

  @PrimaryColumn('uuid')
  trusteeId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  truster: User;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  trustee: User;

  @Column({ type: 'smallint' })
  level: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
