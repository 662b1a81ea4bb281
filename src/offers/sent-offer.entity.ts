import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import { User } from '../users/user.entity';

/**
 * An offer as a shop sent it: what it says, the category it was matched by, and how many it reached. Whom it
 * reached is only in the deliveries, which the shop never reads.
 */
@Entity('offers')
@Index(['merchantId', 'createdAt'])
export class SentOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  merchantId: string;

  @ManyToOne(() => Merchant, { onDelete: 'CASCADE' })
  merchant: Merchant;

  /** The staff member who sent it; null once their account is erased (the offer is the shop's). */
  @Column({ type: 'uuid', nullable: true })
  senderId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  sender: User | null;

  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @ManyToOne(() => Product, { onDelete: 'SET NULL' })
  product: Product | null;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** The category it was matched by: the one given, else its product's; null for shop permissions only. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  category: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  validUntil: Date | null;

  @Column({ type: 'int' })
  deliveredCount: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
