import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { Merchant } from '../catalog/merchant.entity';
import { User } from '../users/user.entity';
import { PriceRequest } from './price-request.entity';

/**
 * A merchant's unit price for a price request. Every bid beats the best before it, so a request's bids fall
 * strictly in price as time goes on; `createdAt` is the database clock read under the request's lock.
 */
@Entity('bids')
@Check('"unit_price_minor" > 0')
@Index(['requestId', 'unitPriceMinor', 'id'])
@Index(['requestId', 'merchantId', 'unitPriceMinor'])
@ObjectType({
  implements: Node,
  description:
    'A merchant’s unit price for a price request. The buyer sees every bid; a merchant sees its own bids and the best price.',
})
export class Bid {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this bid.' })
  get globalId(): string {
    return toGlobalId('Bid', this.id);
  }

  @Column('uuid')
  requestId: string;

  @ManyToOne(() => PriceRequest, { onDelete: 'CASCADE' })
  request: PriceRequest;

  @Column('uuid')
  merchantId: string;

  @ManyToOne(() => Merchant, { onDelete: 'CASCADE' })
  merchant: Merchant;

  /** The staff member who placed it; null once their account is deleted. */
  @Column({ type: 'uuid', nullable: true })
  bidderId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  bidder: User | null;

  @Column({ type: 'int' })
  unitPriceMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text', default: '' })
  note: string;

  @Field({ description: 'When the bid was placed.' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
