import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import { MAX_PAGE_SIZE } from '../core/relay/connection';
import { Answer } from './answer.entity';
import { Question } from './question.entity';
import { AnswerVoteValue } from './question.service';

/** Questions and answers, batched per operation. */
@Injectable()
export class QuestionLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      questionById: byIdLoader(this.db, Question),

      answerById: byIdLoader(this.db, Answer),

      /** The best MAX_PAGE_SIZE answers of each question: the merchant's first, then by score, then oldest. */
      answersOf: new DataLoader<string, Answer[]>(async (questionIds) => {
        const rows = await this.db.query<Answer>(
          `SELECT id, question_id AS "questionId", author_id AS "authorId", body, by_merchant AS "byMerchant",
                    score, created_at AS "createdAt"
               FROM (SELECT a.*, row_number() OVER (
                       PARTITION BY question_id ORDER BY by_merchant DESC, score DESC, created_at, id) AS n
                       FROM answers a WHERE question_id = ANY($1::uuid[])) ranked
              WHERE n <= $2 ORDER BY n`,
          [questionIds, MAX_PAGE_SIZE],
        );
        const byQuestion = new Map<string, Answer[]>(questionIds.map((id) => [id, []]));
        for (const row of rows) byQuestion.get(row.questionId)!.push(Object.assign(new Answer(), row));
        return questionIds.map((id) => byQuestion.get(id)!);
      }),

      viewerVote: new DataLoader<string, AnswerVoteValue>(async (answerIds) => {
        if (!ctx.viewer) return answerIds.map(() => AnswerVoteValue.NONE);
        const rows = await this.db.query<{ answer_id: string; value: number }>(
          'SELECT answer_id, value FROM answer_votes WHERE user_id = $1 AND answer_id = ANY($2::uuid[])',
          [ctx.viewer.id, answerIds],
        );
        const votes = new Map(
          rows.map((r) => [r.answer_id, r.value > 0 ? AnswerVoteValue.UP : AnswerVoteValue.DOWN]),
        );
        return answerIds.map((id) => votes.get(id) ?? AnswerVoteValue.NONE);
      }),
    }));
  }
}
