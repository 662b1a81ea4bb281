import { LRUCache } from 'lru-cache';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { affectsRecommendations } from './recommendations';
import { HIDDEN, RING1, shownThrough } from './rings.sql';
import { type TrustChanged, TrustEvents } from './trust.events';

/** How many of the best-scored candidates are kept per viewer: twice the most a list may ask for. */
export const KEPT_CANDIDATES = 100;
/**
 * How long a viewer's candidates are trusted. Changes normally reach every instance within milliseconds; this
 * bounds the harm should an event be lost while the event connection reconnects.
 */
const MAX_AGE_MS = 60_000;
/** Held ids across all viewers (their trustees and candidates), about 80 bytes each. */
const MAX_IDS = 250_000;

/** Users two hops from the viewer, scored, best first: parallel arrays, as the listing statement takes them. */
export interface Candidates {
  ids: string[];
  mutualCounts: number[];
  scores: number[];
  /** Whether better-scored users were left out than `ids` holds (there were more than were asked for). */
  truncated: boolean;
}

interface Entry {
  candidates: Candidates;
  /** The viewer's trustees when scored: a change to any of their edges changes the scores. */
  trustees: Set<string>;
}

/**
 * The viewer's ($1) users at distance exactly two, at most $2 of them (all when null), with their scores as in
 * recommendations.ts, best first; and the viewer's trustees. One reached only through PRIVATE trust lists needs
 * two such contacts (`shownThrough`), or the recommendation would name a private edge. Aggregating every path through ring 1 is the one
 * costly part of recommending (a well-connected viewer reaches tens of thousands of edges).
 */
const CANDIDATES = `WITH ${HIDDEN}, ${RING1},
ranked AS (
  SELECT e.trustee_id AS id, count(*)::int AS mutual_count,
         1 - float8_product(1 - r1.t * (e.level::float8 / 5)) AS score
  FROM r1 JOIN trust_edges e ON e.truster_id = r1.id
  GROUP BY e.trustee_id
  HAVING ${shownThrough('r1.closed')}
),
best AS (
  SELECT r.* FROM ranked r
  WHERE r.id <> $1 AND NOT EXISTS (SELECT 1 FROM r1 d WHERE d.id = r.id)
  ORDER BY r.score DESC, r.mutual_count DESC, r.id
  LIMIT $2
)
SELECT ARRAY(SELECT id FROM r1) AS trustees,
       coalesce(array_agg(id ORDER BY score DESC, mutual_count DESC, id), '{}') AS ids,
       coalesce(array_agg(mutual_count ORDER BY score DESC, mutual_count DESC, id), '{}') AS "mutualCounts",
       coalesce(array_agg(score ORDER BY score DESC, mutual_count DESC, id), '{}') AS scores
  FROM best`;

interface Row {
  trustees: string[];
  ids: string[];
  mutualCounts: number[];
  scores: number[];
}

/**
 * Each viewer's scored candidates for friend recommendations, kept in memory per instance, so that a viewer
 * who looks again costs only the cheap part (privacy, blocks, the names). What may be seen is never kept here:
 * blocks, discoverability and trust-list audiences are applied to the candidates on every read.
 *
 * Scores depend only on the viewer's edges and those of the viewer's trustees. A change to any of them forgets
 * the viewer here as soon as it commits (`TrustEvents.onCommit`, before the mutation answers) and on the other
 * instances when the change's event reaches them; a scoring that raced with a change is not kept.
 */
@Injectable()
export class RecommendationCandidateService {
  private readonly entries = new LRUCache<string, Entry>({
    maxSize: MAX_IDS,
    sizeCalculation: (entry) => 1 + entry.trustees.size + entry.candidates.ids.length,
    ttl: MAX_AGE_MS,
  });
  /** Raised by every change, so that a scoring which overlapped one is not kept. */
  private changes = 0;

  constructor(
    private readonly db: Database,
    private readonly events: TrustEvents,
  ) {
    events.onCommit((change) => this.forget(change));
  }

  /**
   * Forgets viewers as changes on other instances arrive, for the server's lifetime (else: by age). This
   * instance's own changes were forgotten at commit; their echo on the bus, arriving later, would only throw away
   * a scoring made since, which already saw them.
   */
  listen(): void {
    const forgetAll = async () => {
      for await (const change of this.events.fromOthers()) this.forget(change);
    };
    forgetAll().catch(() => undefined);
  }

  /** The viewer's best `KEPT_CANDIDATES`, from memory when still valid. */
  async best(viewerId: string): Promise<Candidates> {
    const kept = this.entries.get(viewerId);
    if (kept) return kept.candidates;
    const changes = this.changes;
    const entry = await this.score(viewerId, KEPT_CANDIDATES);
    if (changes === this.changes) this.entries.set(viewerId, entry);
    return entry.candidates;
  }

  /** Every candidate of the viewer, for the rare list that filters out most of the best ones; not kept. */
  async all(viewerId: string): Promise<Candidates> {
    return (await this.score(viewerId, null)).candidates;
  }

  private async score(viewerId: string, limit: number | null): Promise<Entry> {
    const [row] = await this.db.prepared<Row>(CANDIDATES, [viewerId, limit === null ? null : limit + 1]);
    const truncated = limit !== null && row.ids.length > limit;
    const keep = <T>(values: T[]): T[] => (truncated ? values.slice(0, limit) : values);
    return {
      trustees: new Set(row.trustees),
      candidates: {
        ids: keep(row.ids),
        mutualCounts: keep(row.mutualCounts),
        scores: keep(row.scores),
        truncated,
      },
    };
  }

  private forget(change: TrustChanged): void {
    this.changes++;
    for (const [viewerId, entry] of this.entries.entries()) {
      if (affectsRecommendations(change, viewerId, entry.trustees)) this.entries.delete(viewerId);
    }
  }
}
