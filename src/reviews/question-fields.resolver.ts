import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { connectionOf, toConnection } from '../core/relay/connection';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { ConnectionArgs } from '../core/relay/connection-args';
import { Product } from '../catalog/product.entity';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { Answer } from './answer.entity';
import { Question } from './question.entity';
import { QuestionLoaders } from './question.loaders';
import { AnswerVoteValue, QuestionService } from './question.service';

export const { Connection: QuestionConnection } = connectionOf('Question', () => Question, 'question');

@Injectable()
@Resolver(() => Question)
export class QuestionFieldsResolver {
  constructor(
    private readonly users: UserLoaders,
    private readonly catalog: CatalogLoaders,
    private readonly loaders: QuestionLoaders,
  ) {}

  @FieldResolver(() => [Answer], {
    description: 'The best 100 answers: the shop’s own first, then by score, then the oldest.',
  })
  answers(@Root() question: Question, @Ctx() ctx: Context): Promise<Answer[]> {
    return this.loaders.of(ctx).answersOf.load(question.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who asked; null once the account was erased.' })
  author(@Root() question: Question, @Ctx() ctx: Context): Promise<User | null> | null {
    return question.authorId ? this.users.of(ctx).byId.load(question.authorId) : null;
  }

  @FieldResolver(() => Product, { description: 'The product asked about.' })
  async product(@Root() question: Question, @Ctx() ctx: Context): Promise<Product> {
    return (await this.catalog.of(ctx).productById.load(question.productId))!;
  }
}

@Injectable()
@Resolver(() => Answer)
export class AnswerFieldsResolver {
  constructor(
    private readonly users: UserLoaders,
    private readonly loaders: QuestionLoaders,
  ) {}

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who answered; null once the account was erased.',
  })
  author(@Root() answer: Answer, @Ctx() ctx: Context): Promise<User | null> | null {
    return answer.authorId ? this.users.of(ctx).byId.load(answer.authorId) : null;
  }

  @FieldResolver(() => Question, { description: 'The question answered.' })
  async question(@Root() answer: Answer, @Ctx() ctx: Context): Promise<Question> {
    return (await this.loaders.of(ctx).questionById.load(answer.questionId))!;
  }

  @FieldResolver(() => AnswerVoteValue, { description: 'The viewer’s vote on this answer; NONE when none.' })
  viewerVote(@Root() answer: Answer, @Ctx() ctx: Context): Promise<AnswerVoteValue> {
    return this.loaders.of(ctx).viewerVote.load(answer.id);
  }
}

@Injectable()
@Resolver(() => Product)
export class ProductQuestionsResolver {
  constructor(private readonly questionService: QuestionService) {}

  @FieldResolver(() => QuestionConnection, { description: 'Questions about this product, newest first.' })
  async questions(
    @Root() product: Product,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return toConnection(QuestionConnection, await this.questionService.ofProduct(ctx, product.id, page));
  }
}
