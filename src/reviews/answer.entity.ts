import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { toGlobalId } from '../core/relay/global-id';
import { User } from '../users/user.entity';
import { Question } from './question.entity';

/** An answer to a product question; marked when its author answered as staff of the product's merchant. */
@Entity('answers')
@Index(['questionId', 'score', 'createdAt'])
@Index(['authorId'])
@ObjectType({ implements: Node, description: 'An answer to a question about a product.' })
export class Answer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'The global ID of this answer.' })
  get globalId(): string {
    return toGlobalId('Answer', this.id);
  }

  @Column('uuid')
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  question: Question;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  author: User | null;

  @Field({ description: 'The answer, 1–2,000 characters.' })
  @Column({ type: 'text' })
  body: string;

  @Field({ description: 'Whether the author answered as staff of the product’s merchant.' })
  @Column({ type: 'boolean', default: false })
  byMerchant: boolean;

  @Field(() => Int, { description: 'Up-votes minus down-votes.' })
  @Column({ type: 'int', default: 0 })
  score: number;

  @Field({ description: 'When the answer was given.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
