import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { GroupBuyPool } from './pool.entity';

/**
 * The idempotency keys of joins that took effect, scoped to their user: a retry with the same key and input
 * changes nothing and answers as the first did; the same key with other input is refused.
 */
@Entity('pool_join_keys')
export class PoolJoinKey {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  idempotencyKey: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column('uuid')
  poolId: string;

  @ManyToOne(() => GroupBuyPool, { onDelete: 'CASCADE' })
  pool: GroupBuyPool;

  @Column({ type: 'int' })
  quantity: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
