import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { requireViewer } from '../core/auth/auth-checker';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { RecommendProductInput, RecommendProductPayload } from './word-of-mouth.inputs';
import { WordOfMouthService } from './word-of-mouth.service';

@Injectable()
@Resolver()
export class WordOfMouthResolver {
  constructor(private readonly wordOfMouth: WordOfMouthService) {}

  @Authorized()
  @Mutation(() => RecommendProductPayload, {
    description:
      'Recommends a product to people: each one who accepts recommendations from you gets a notification; the others are skipped silently.',
  })
  recommendProduct(
    @Arg('input', { description: 'The product, the people to recommend it to, and a note.' })
    input: RecommendProductInput,
    @Ctx() ctx: Context,
  ): Promise<RecommendProductPayload> {
    const recommendation = {
      productId: localId(input.productId, 'Product'),
      toUserIds: input.toUserIds.map((id) => localId(id, 'User')),
      note: input.note,
    };
    return toPayload(RecommendProductPayload, () =>
      this.wordOfMouth.recommendProduct(ctx, requireViewer(ctx), recommendation),
    );
  }
}
