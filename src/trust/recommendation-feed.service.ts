import { type Context, resetLoaders } from '../core/context';
import { Injectable } from '../core/container';
import type { FriendRecommendation } from './friend-recommendation.type';
import { FriendRecommendationService } from './friend-recommendation.service';
import { affectsRecommendations } from './recommendations';
import { type TrustChanged, TrustEvents } from './trust.events';
import { TrustListService } from './trust-list.service';

interface Snapshot {
  trustees: Set<string>;
  list: FriendRecommendation[];
  key: string;
}

type Feed = AsyncIterableIterator<FriendRecommendation[]>;

/**
 * Live friend recommendations for one subscriber. Lifecycle: on subscribe it starts listening to trust changes
 * from every instance, then reads the current list as the baseline (not sent). Each change within two hops of
 * the viewer (see affectsRecommendations) recomputes the list with fresh loaders, since the subscription's
 * context outlives any one event, and sends it only when it differs from the last one. Unsubscribing (or
 * disconnecting) stops listening at once, even while waiting for the next change: a plain async generator would
 * only notice at its next `yield`, and keep recomputing for a viewer who is gone.
 */
@Injectable()
export class RecommendationFeedService {
  constructor(
    private readonly events: TrustEvents,
    private readonly recommendations: FriendRecommendationService,
    private readonly lists: TrustListService,
  ) {}

  watch(ctx: Context, viewerId: string, first: number): Feed {
    const changes = this.events.subscribe()[Symbol.asyncIterator]();
    let waiting: Promise<IteratorResult<TrustChanged>> | undefined = changes.next(); // listening from here on
    let current = this.snapshot(ctx, viewerId, first);
    current.catch(() => undefined); // reported by the first `next`
    const stop = async (): Promise<IteratorResult<FriendRecommendation[]>> => {
      await changes.return?.();
      return { done: true, value: undefined };
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: async () => {
        for (;;) {
          const change = await (waiting ?? changes.next());
          waiting = undefined;
          if (change.done) return { done: true, value: undefined };
          const last = await current;
          if (!affectsRecommendations(change.value, viewerId, last.trustees)) continue;
          current = this.snapshot(ctx, viewerId, first);
          const next = await current;
          if (next.key !== last.key) return { done: false, value: next.list };
        }
      },
      return: stop,
      throw: async (error: unknown) => {
        await stop();
        throw error;
      },
    };
  }

  private async snapshot(ctx: Context, viewerId: string, first: number): Promise<Snapshot> {
    resetLoaders(ctx);
    const [trustees, list] = await Promise.all([
      this.lists.trusteeIds(ctx, viewerId),
      this.recommendations.list(ctx, viewerId, first),
    ]);
    const key = JSON.stringify(
      list.map((r) => [r.user.id, r.score, r.mutualCount, r.via.map((u) => u.id), r.reason]),
    );
    return { trustees: new Set(trustees), list, key };
  }
}
