import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { Product } from '../catalog/product.entity';
import { User } from '../users/user.entity';

/** A question about a product, answered by the community and the merchant. */
@Entity('questions')
@Index(['productId', 'createdAt', 'id'])
@Index(['authorId'])
@ObjectType({ implements: Node, description: 'A question about a product.' })
export class Question {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this question.' })
  get globalId(): string {
    return toGlobalId('Question', this.id);
  }

  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  product: Product;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  author: User | null;

  @Field({ description: 'The question, 3–1,000 characters.' })
  @Column({ type: 'text' })
  body: string;

  @Field(() => Int, { description: 'How many answers the question has.' })
  @Column({ type: 'int', default: 0 })
  answerCount: number;

  @Field({ description: 'When the question was asked.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
