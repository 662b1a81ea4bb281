import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { DutchAuction } from './dutch-auction.entity';

/**
 * One take of a Dutch auction: the units a buyer got and the price of the moment it committed, with the order it
 * made. A retry with the same idempotency key answers with this take.
 */
@Entity('dutch_takes')
@Check('"quantity" > 0')
@Index(['auctionId', 'createdAt'])
@Index(['buyerId', 'idempotencyKey'], { unique: true })
export class DutchTake {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  auctionId: string;

  @ManyToOne(() => DutchAuction, { onDelete: 'CASCADE' })
  auction: DutchAuction;

  @Column('uuid')
  buyerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  buyer: User;

  /** Units asked for. */
  @Column({ type: 'int' })
  requested: number;

  /** Units got: fewer than asked when the auction ran out. */
  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int' })
  unitPriceMinor: number;

  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'varchar', length: 200 })
  idempotencyKey: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
