import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { PriceRequest } from './price-request.entity';

/**
 * The idempotency keys of joins of price requests that took effect, scoped to their user: a retry with the same
 * key and input changes nothing and answers as the first did; the same key with other input is refused.
 */
@Entity('price_request_join_keys')
export class PriceRequestJoinKey {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  idempotencyKey: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column('uuid')
  requestId: string;

  @ManyToOne(() => PriceRequest, { onDelete: 'CASCADE' })
  request: PriceRequest;

  @Column({ type: 'int' })
  quantity: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
