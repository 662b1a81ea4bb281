import { toGlobalId } from '../core/relay/global-id';
import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { rules, validate } from '../core/validation';
import { MerchantService } from '../catalog/merchant.service';
import { Product } from '../catalog/product.entity';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { Answer } from './answer.entity';
import { Question } from './question.entity';

export const QUESTION_ANSWERED = 'QUESTION_ANSWERED';

export enum AnswerVoteValue {
  UP = 'UP',
  DOWN = 'DOWN',
  NONE = 'NONE',
}

const VOTE_VALUE: Record<AnswerVoteValue, number> = { UP: 1, DOWN: -1, NONE: 0 };

/** Product questions, their answers (marked when given by the merchant's staff) and votes on answers. */
@Injectable()
export class QuestionService {
  constructor(
    private readonly db: Database,
    private readonly sender: NotificationSenderService,
    private readonly merchants: MerchantService,
  ) {}

  async ask(_ctx: Context, authorId: string, productId: string | null, body: string): Promise<Question> {
    const valid = validate(z.object({ body: rules.text('The question', 3, 1000) }), { body });
    return this.db.transaction(async (tx) => {
      if (!productId || !(await tx.getRepository(Product).existsBy({ id: productId })))
        throw UserFacingError.of('productId', UserErrorCode.NotFound, 'There is no such product.');
      const repo = tx.getRepository(Question);
      const question = await repo.save(repo.create({ productId, authorId, body: valid.body }));
      const product = await tx.getRepository(Product).findOneByOrFail({ id: productId });
      const staff = await this.merchants.staffIds(product.merchantId);
      await this.sender.sendToMany(
        staff.filter((id) => id !== authorId),
        'QUESTION_ASKED',
        { questionId: question.id, productId: toGlobalId('Product', productId) },
        authorId,
      );
      return question;
    });
  }

  /** Answers a question; the asker (if it is someone else) is notified once the answer is committed. */
  async answer(_ctx: Context, authorId: string, questionId: string | null, body: string): Promise<Answer> {
    const valid = validate(z.object({ body: rules.text('The answer', 1, 2000) }), { body });
    return this.db.transaction(async (tx) => {
      const question = questionId ? await tx.getRepository(Question).findOneBy({ id: questionId }) : null;
      if (!question)
        throw UserFacingError.of('questionId', UserErrorCode.NotFound, 'There is no such question.');
      const product = await tx.getRepository(Product).findOneByOrFail({ id: question.productId });
      const byMerchant = (await this.merchants.roleOf(authorId, product.merchantId)) !== null;
      const repo = tx.getRepository(Answer);
      const answer = await repo.save(
        repo.create({ questionId: question.id, authorId, body: valid.body, byMerchant }),
      );
      await tx.query('UPDATE questions SET answer_count = answer_count + 1 WHERE id = $1', [question.id]);
      if (question.authorId && question.authorId !== authorId)
        await this.notifyAsker(question, answer, authorId);
      return answer;
    });
  }

  /** Sets the voter's vote on an answer (NONE withdraws it); not on one's own answer. */
  async vote(_ctx: Context, userId: string, answerId: string | null, vote: AnswerVoteValue): Promise<Answer> {
    return this.db.transaction(async (tx) => {
      const [found] = answerId
        ? await tx.query('SELECT id, author_id FROM answers WHERE id = $1 FOR UPDATE', [answerId])
        : [];
      if (!found) throw UserFacingError.of('answerId', UserErrorCode.NotFound, 'There is no such answer.');
      if (found.author_id === userId)
        throw UserFacingError.of(
          'answerId',
          UserErrorCode.SelfReference,
          'You cannot vote on your own answer.',
        );
      const [previous] = await tx.query(
        'SELECT value FROM answer_votes WHERE answer_id = $1 AND user_id = $2',
        [found.id, userId],
      );
      const value = VOTE_VALUE[vote];
      if (value === 0) {
        await tx.query('DELETE FROM answer_votes WHERE answer_id = $1 AND user_id = $2', [found.id, userId]);
      } else {
        await tx.query(
          `INSERT INTO answer_votes (answer_id, user_id, value) VALUES ($1, $2, $3)
           ON CONFLICT (answer_id, user_id) DO UPDATE SET value = excluded.value`,
          [found.id, userId, value],
        );
      }
      const delta = value - (previous?.value ?? 0);
      if (delta !== 0)
        await tx.query('UPDATE answers SET score = score + $2 WHERE id = $1', [found.id, delta]);
      return tx.getRepository(Answer).findOneByOrFail({ id: found.id });
    });
  }

  ofProduct(_ctx: Context, productId: string, page: PageArgs): Promise<ConnectionResult<Question>> {
    const query = this.db
      .repo(Question)
      .createQueryBuilder('question')
      .where('question.productId = :productId', { productId });
    return paginate(query, page, {
      columns: ['question.createdAt', 'question.id'],
      key: (q) => [q.createdAt, q.id],
      direction: 'DESC',
    });
  }

  private async notifyAsker(question: Question, answer: Answer, answererId: string) {
    await this.sender.send(
      question.authorId!,
      QUESTION_ANSWERED,
      { questionId: question.id, answerId: answer.id, productId: question.productId },
      answererId,
    );
  }
}
