import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Merchant } from '../catalog/merchant.entity';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { User } from '../users/user.entity';

/**
 * A person's consent to offers: from one shop, or for one category (compared in any case). Withdrawing it deletes
 * the row, so the next sendOffer no longer finds it; both are in the consent log.
 */
@Entity('offer_permissions')
@Check('("merchant_id" IS NULL) <> ("category" IS NULL)')
@Index(['userId', 'createdAt'])
@Index(['merchantId'])
@ObjectType({ implements: Node, description: 'Offers one allows: from one shop, or for one category.' })
export class OfferPermission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this permission.' })
  get globalId(): string {
    return toGlobalId('OfferPermission', this.id);
  }

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column({ type: 'uuid', nullable: true })
  merchantId: string | null;

  @ManyToOne(() => Merchant, { onDelete: 'CASCADE' })
  merchant: Merchant | null;

  @Field(() => String, {
    nullable: true,
    description: 'The category offers are allowed for; null for a shop.',
  })
  @Column({ type: 'varchar', length: 60, nullable: true })
  category: string | null;

  @Field({ description: 'When the permission was given.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
