import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { PrivacyService } from '../privacy/privacy.service';
import { type CandidateProduct, rankProducts, type RankedProduct, type Signal } from './recommend';
import { friendsInPools, trustedReviews } from './network-signals';
import { localMerchants, purchases, type SignalSource } from './recommendation-signals';

export const DEFAULT_RECOMMENDATIONS = 10;
export const MAX_RECOMMENDATIONS = 50;

/** Where recommendations come from: the viewer's own activity, then the people the viewer trusts. */
const SOURCES: SignalSource[] = [purchases, localMerchants, trustedReviews, friendsInPools];

/**
 * The viewer's personal product recommendations. Only with consent (`personalization`): without it nothing of
 * their activity is read and the list is empty. (`maxOffersPerWeek` caps offers from shops, not this list.)
 */
@Injectable()
export class RecommendationService {
  constructor(
    private readonly db: Database,
    private readonly privacy: PrivacyService,
  ) {}

  async forViewer(ctx: Context, userId: string, first: number | null | undefined): Promise<RankedProduct[]> {
    const [viewer] = await this.db.query<{ id: string; region: string | null; personalization: boolean }>(
      'SELECT id, region, personalization FROM users WHERE id = $1',
      [userId],
    );
    if (!viewer?.personalization) return [];
    const preferences = await this.privacy.preferences(ctx, userId);
    const limit = Math.min(Math.max(first ?? DEFAULT_RECOMMENDATIONS, 0), MAX_RECOMMENDATIONS);
    if (limit === 0) return [];
    // One source after the other, so that each one's batched trust look-up costs the same statements every time.
    const signals: Signal[] = [];
    for (const source of SOURCES) signals.push(...(await source({ ctx, db: this.db, viewer })));
    const products = await this.db.query<CandidateProduct>(
      'SELECT id, category, tags FROM products WHERE id = ANY($1::uuid[])',
      [[...new Set(signals.map((s) => s.productId))]],
    );
    return rankProducts({
      products,
      signals,
      avoidTags: preferences.avoidTags,
      interests: preferences.interests,
      limit,
    });
  }
}
