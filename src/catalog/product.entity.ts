import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Money } from '../core/money';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { Merchant } from './merchant.entity';

/** Something a merchant offers, at a list price in integer minor units. */
@Entity('products')
@Check('"stock" >= 0')
@Check('"price_minor" > 0')
@Index(['merchantId', 'createdAt', 'id'])
@Index(['createdAt', 'id'])
@ObjectType({ implements: Node, description: 'Something a merchant offers.' })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this product.' })
  get globalId(): string {
    return toGlobalId('Product', this.id);
  }

  @Column('uuid')
  merchantId: string;

  @ManyToOne(() => Merchant, { onDelete: 'CASCADE' })
  merchant: Merchant;

  @Field({ description: 'The product’s name.' })
  @Column()
  title: string;

  @Field({ description: 'What it is, how it is made; may be empty.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field({ description: 'A free-form category such as "Cheese".' })
  @Index()
  @Column()
  category: string;

  @Field(() => [String], {
    description: 'Free-form tags, diet and allergen tags among them (e.g. "vegetarian", "contains-nuts").',
  })
  /** GIN index written by hand in the migration (TypeORM cannot declare GIN); never synchronised. */
  @Index('IDX_products_tags_gin', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'int' })
  priceMinor: number;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency: string;

  @Field(() => Money, { description: 'The list price of one unit.' })
  get price(): Money {
    return Money.of(this.priceMinor, this.currency);
  }

  @Field(() => Int, {
    description:
      'What is still free to sell: units held for open pools and auctions are not in it (see reservedStock).',
  })
  @Column({ type: 'int', default: 0 })
  stock: number;

  @Field({
    description:
      'Whether the shop archived it: no longer listed, searched, pooled or ordered; past orders, reviews and pools keep it.',
  })
  @Column({ default: false })
  archived: boolean;

  /** Review aggregates, kept by the reviews slice in the same transaction as each review. */
  @Column({ type: 'int', default: 0 })
  ratingCount: number;

  @Column({ type: 'int', default: 0 })
  ratingSum: number;

  /** Reviews per rating: index 0 holds the count of 1-star reviews, index 4 that of 5-star reviews. */
  @Column({ type: 'int', array: true, default: () => "'{0,0,0,0,0}'" })
  ratingHistogram: number[];

  /**
   * The words full-text search finds the product by (title, then category and tags, then description), kept by
   * the trigger `products_search_update` of the catalog migration; never written or read by the ORM.
   */
  @Index('IDX_products_search_gin', { synchronize: false })
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  search?: string | null;

  @Field({ description: 'When the product was listed.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the product was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
