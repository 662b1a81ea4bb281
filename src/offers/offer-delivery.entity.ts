import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../users/user.entity';
import { SentOffer } from './sent-offer.entity';

/**
 * One offer as one person received it, with why they got it. The weekly cap counts these rows: a person's
 * deliveries of the last 7 days, all shops together.
 */
@Entity('offer_deliveries')
@Unique(['offerId', 'recipientId'])
@Index(['recipientId', 'createdAt', 'id'])
export class OfferDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  offerId: string;

  @ManyToOne(() => SentOffer, { onDelete: 'CASCADE' })
  offer: SentOffer;

  @Column('uuid')
  recipientId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  recipient: User;

  @Column({ type: 'varchar', length: 300 })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
