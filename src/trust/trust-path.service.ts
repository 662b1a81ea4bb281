import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { TrustLoaders } from './trust.loaders';

/**
 * The strongest path of the viewer's trust to a user: among the shortest paths (those MoleTrust propagates
 * along), the one whose product of edge weights (level / 5) is greatest, using only people whose trust lists
 * the viewer may see, since a path reveals whom they trust. Batched: a constant number of statements per tick.
 */
@Injectable()
export class TrustPathService {
  constructor(private readonly loaders: TrustLoaders) {}

  /** The user ids after the viewer, ending with `userId`; null when unreachable, hidden, anonymous or oneself. */
  async of(ctx: Context, userId: string): Promise<string[] | null> {
    if (!ctx.viewer || ctx.viewer.id === userId) return null;
    return this.loaders.of(ctx).strongest.load(userId);
  }
}
