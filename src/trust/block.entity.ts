import { Check, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** blocker has blocked blocked: no trust either way, and each is hidden from the other's recommendations. */
@Entity('blocks')
@Check('"blocker_id" <> "blocked_id"')
@Index(['blockedId', 'blockerId'])
export class Block {
  @PrimaryColumn('uuid')
  blockerId: string;

  @PrimaryColumn('uuid')
  blockedId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  blocker: User;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  blocked: User;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
