import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { registerEnumType } from 'type-graphql';
import { User } from '../users/user.entity';
import { Merchant } from './merchant.entity';

export enum MerchantRole {
  OWNER = 'OWNER',
  STAFF = 'STAFF',
}

/** Kept for callers that name the role as a string. */
export type StaffRole = `${MerchantRole}`;

registerEnumType(MerchantRole, {
  name: 'MerchantRole',
  description: 'What a person may do for a merchant.',
  valuesConfig: {
    OWNER: { description: 'Everything staff may do, and also manage the staff and the alliance.' },
    STAFF: { description: 'Create and update products, reply to reviews, answer questions as the shop.' },
  },
});

/** A user who may act for a merchant. */
@Entity('merchant_staff')
@Index(['userId'])
@Index(['merchantId', 'createdAt', 'userId'])
export class MerchantStaff {
  @PrimaryColumn('uuid')
  merchantId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => Merchant, { onDelete: 'CASCADE' })
  merchant: Merchant;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column({ type: 'varchar', length: 16, default: 'STAFF' })
  role: StaffRole;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
