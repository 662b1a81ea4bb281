import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { TrustLoaders } from './trust.loaders';

/**
 * The viewer's propagated trust in other users, batched per operation: all the users asked about in one tick
 * cost one statement, however many there are.
 */
@Injectable()
export class TrustScoreService {
  constructor(private readonly loaders: TrustLoaders) {}

  /**
   * The viewer's trust in `userId`, in (0, 1]; null when unreachable within 3 hops, anonymous, oneself, or when
   * the value would rest on one person's PRIVATE trust list alone (trust_in, see trust-in.sql.ts).
   */
  async of(ctx: Context, userId: string): Promise<number | null> {
    if (!ctx.viewer || ctx.viewer.id === userId) return null;
    return this.loaders.of(ctx).trustIn.load(userId);
  }

  /** Trust in several users at once, in order. */
  async ofMany(ctx: Context, userIds: readonly string[]): Promise<Array<number | null>> {
    return Promise.all(userIds.map((id) => this.of(ctx, id)));
  }
}
