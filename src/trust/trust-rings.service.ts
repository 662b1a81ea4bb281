import { LRUCache } from 'lru-cache';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { affectsRecommendations } from './recommendations';
import { HIDDEN, RING1, RING2 } from './rings.sql';
import { type TrustChanged, TrustEvents } from './trust.events';

/** As long as recommendation candidates: changes normally arrive within milliseconds; this bounds a lost event. */
const MAX_AGE_MS = 60_000;
/** Held ids across all viewers, about 100 bytes each. */
const MAX_IDS = 500_000;

/**
 * A viewer's rings 1 and 2 as trust_in computes them (rings.sql.ts), in the parallel arrays statements take.
 * `shown*` are the users whose trust may be shown (ring 1, and ring 2 where the PRIVATE-list rule allows), with
 * it; `ring2*` every member of ring 2, shown or not, since all pass trust on to ring 3; `near` the viewer, both
 * rings and the hidden, none of whom is in ring 3.
 */
export interface TrustRings {
  shownIds: string[];
  shownTrust: number[];
  ring2Ids: string[];
  ring2Trust: number[];
  near: string[];
  /** The viewer's trustees: a change to any of their edges changes ring 2. */
  trustees: ReadonlySet<string>;
  /** RINGS_CHECK when the rings were read. */
  check: string;
}

/**
 * What decides the rings and can be read cheaply, as one text: the viewer's blocks both ways and ring 1 (each
 * trustee's level and whether their trust list is PRIVATE). A statement that uses kept rings reads it along
 * (`RINGS_CHECK_CTES`, `RINGS_CHECK`, viewer `$1`) and hands it to `stillValid`: should it differ (a change made
 * behind the API, or whose event has not arrived yet), the rings are read again and the statement repeated.
 */
export const RINGS_CHECK_CTES = `${HIDDEN}, ${RING1}`;
export const RINGS_CHECK = `((SELECT coalesce(string_agg(id::text || ':' || t::text || ':' || closed::text, ',' ORDER BY id), '') FROM r1)
  || '|' || (SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM hidden))`;

const RINGS = `WITH ${HIDDEN}, ${RING1}, ${RING2}
SELECT ${RINGS_CHECK} AS "check", ARRAY(SELECT id FROM r1 ORDER BY id) AS r1, ARRAY(SELECT t FROM r1 ORDER BY id) AS r1t,
       ARRAY(SELECT id FROM r2 ORDER BY id) AS r2, ARRAY(SELECT t FROM r2 ORDER BY id) AS r2t,
       ARRAY(SELECT shown FROM r2 ORDER BY id) AS r2shown, ARRAY(SELECT id FROM hidden) AS hidden`;

interface Row {
  check: string;
  r1: string[];
  r1t: number[];
  r2: string[];
  r2t: number[];
  r2shown: boolean[];
  hidden: string[];
}

/**
 * Each viewer's trust rings 1 and 2, kept in memory per instance, so that the personal fields of a page (the
 * viewer's trust in reviewers, the trusted rating) need only ring 3 from PostgreSQL (`trust_beyond`). Rings
 * depend on the viewer's edges and blocks, the edges of the viewer's trustees and their trust-list audiences:
 * exactly what forgets recommendation candidates (`affectsRecommendations`; an audience change is announced as a
 * change of the edges out of that user). The instance that made a change forgets at commit, before the mutation
 * answers; the others when its event arrives; a computation that raced with a change is not kept.
 */
@Injectable()
export class TrustRingsService {
  private readonly entries = new LRUCache<string, TrustRings>({
    maxSize: MAX_IDS,
    sizeCalculation: (rings) => 1 + rings.near.length + rings.shownIds.length,
    ttl: MAX_AGE_MS,
  });
  private changes = 0;

  constructor(
    private readonly db: Database,
    private readonly events: TrustEvents,
  ) {
    events.onCommit((change) => this.forget(change));
  }

  /** Forgets viewers as changes made on other instances arrive, for the server's lifetime. */
  listen(): void {
    const forgetAll = async () => {
      for await (const change of this.events.fromOthers()) this.forget(change);
    };
    forgetAll().catch(() => undefined);
  }

  /** The viewer's rings, from memory when still valid. */
  async of(viewerId: string): Promise<TrustRings> {
    const kept = this.entries.get(viewerId);
    if (kept) return kept;
    const changes = this.changes;
    const [row] = await this.db.prepared<Row>(RINGS, [viewerId]);
    const rings = ringsOf(viewerId, row);
    if (changes === this.changes) this.entries.set(viewerId, rings);
    return rings;
  }

  /**
   * Whether rings handed out are still those of the viewer, by RINGS_CHECK read in the statement that used them;
   * if not, they are forgotten, and the caller asks `of` again.
   */
  stillValid(viewerId: string, rings: TrustRings, check: string): boolean {
    if (rings.check === check) return true;
    if (this.entries.get(viewerId) === rings) this.entries.delete(viewerId);
    this.changes++;
    return false;
  }

  private forget(change: TrustChanged): void {
    this.changes++;
    for (const [viewerId, rings] of this.entries.entries()) {
      if (affectsRecommendations(change, viewerId, rings.trustees)) this.entries.delete(viewerId);
    }
  }
}

function ringsOf(viewerId: string, row: Row): TrustRings {
  const shownIds = [...row.r1];
  const shownTrust = [...row.r1t];
  row.r2.forEach((id, i) => {
    if (row.r2shown[i]) {
      shownIds.push(id);
      shownTrust.push(row.r2t[i]);
    }
  });
  return {
    shownIds,
    shownTrust,
    ring2Ids: row.r2,
    ring2Trust: row.r2t,
    near: [viewerId, ...row.r1, ...row.r2, ...row.hidden],
    trustees: new Set(row.r1),
    check: row.check,
  };
}
