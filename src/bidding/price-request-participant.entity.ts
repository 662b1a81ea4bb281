import { Check, Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { PriceRequest } from './price-request.entity';

/**
 * Who buys, and how much, when a price request is awarded: the buyer alone, or each member of the pool that
 * gave way to the request, as committed when the request was posted. Award makes one order per row.
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
}
