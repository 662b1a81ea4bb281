import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { Question } from './question.entity';
import {
  AnswerQuestionInput,
  AnswerQuestionPayload,
  AskQuestionInput,
  AskQuestionPayload,
  VoteOnAnswerInput,
  VoteOnAnswerPayload,
} from './question.inputs';
import { QuestionService } from './question.service';

@Injectable()
@Resolver(() => Question)
export class QuestionResolver {
  constructor(private readonly questions: QuestionService) {}

  @Authorized()
  @Mutation(() => AskQuestionPayload, { description: 'Asks a question about a product.' })
  askQuestion(
    @Arg('input', { description: 'The product and the question about it.' }) input: AskQuestionInput,
    @Ctx() ctx: Context,
  ): Promise<AskQuestionPayload> {
    return toPayload(
      AskQuestionPayload,
      () => this.questions.ask(ctx, requireViewer(ctx), localId(input.productId, 'Product'), input.body),
      (question) => ({ question }),
    );
  }

  @Authorized()
  @Mutation(() => AnswerQuestionPayload, {
    description:
      'Answers a product question; answers by the shop’s staff are marked byMerchant. The asker is notified.',
  })
  answerQuestion(
    @Arg('input', { description: 'The question and the answer to it.' }) input: AnswerQuestionInput,
    @Ctx() ctx: Context,
  ): Promise<AnswerQuestionPayload> {
    return toPayload(
      AnswerQuestionPayload,
      () => this.questions.answer(ctx, requireViewer(ctx), localId(input.questionId, 'Question'), input.body),
      (answer) => ({ answer }),
    );
  }

  @Authorized()
  @Mutation(() => VoteOnAnswerPayload, { description: 'Votes an answer up or down, or withdraws the vote.' })
  voteOnAnswer(
    @Arg('input', { description: 'The answer and the vote (UP, DOWN, or NONE to take a vote back).' })
    input: VoteOnAnswerInput,
    @Ctx() ctx: Context,
  ): Promise<VoteOnAnswerPayload> {
    return toPayload(
      VoteOnAnswerPayload,
      () => this.questions.vote(ctx, requireViewer(ctx), localId(input.answerId, 'Answer'), input.vote),
      (answer) => ({ answer }),
    );
  }
}
