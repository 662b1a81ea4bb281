import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { PriceRequest } from './price-request.entity';

/**
 * Who buys, and how much, when a price request is awarded: its creator (the first participant) and everyone who
 * joined it with a quantity of their own. Award makes one order per row.
 */
@Entity('price_request_participants')
@Check('"quantity" > 0')
@Index(['buyerId'])
export class PriceRequestParticipant {
  @PrimaryColumn('uuid')
  requestId: string;

  @PrimaryColumn('uuid')
  buyerId: string;

  @ManyToOne(() => PriceRequest, { onDelete: 'CASCADE' })
  request: PriceRequest;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  buyer: User;

  @Column({ type: 'int' })
  quantity: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  joinedAt: Date;
}
