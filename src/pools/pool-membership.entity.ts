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
import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';
import { GroupBuyPool } from './pool.entity';

/** One person's commitment to a pool: one row per member, its quantity set by the latest join. */
@Entity('pool_memberships')
@ObjectType('PoolMembership', { description: 'What one member committed to a pool.' })
@Check('"quantity" > 0')
@Index(['poolId', 'createdAt', 'userId'])
export class PoolMembership {
  @PrimaryColumn('uuid')
  poolId: string;

  @Index()
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => GroupBuyPool, { onDelete: 'CASCADE' })
  pool: GroupBuyPool;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Field(() => Int, { description: 'Units this member committed.' })
  @Column({ type: 'int' })
  quantity: number;

  @Field({ name: 'joinedAt', description: 'When this member first joined.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
