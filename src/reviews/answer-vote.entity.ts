import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Answer } from './answer.entity';

/** One person's vote on an answer: +1 or −1, one per person, changeable. */
@Entity('answer_votes')
@Check('"value" IN (-1, 1)')
@Index(['userId'])
export class AnswerVote {
  @PrimaryColumn('uuid')
  answerId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => Answer, { onDelete: 'CASCADE' })
  answer: Answer;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column({ type: 'smallint' })
  value: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
