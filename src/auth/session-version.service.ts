import DataLoader from 'dataloader';
import { Injectable } from '../core/container';
import { Database, preparedStatement } from '../core/db/database';
import { EventBus } from '../core/pubsub/event-bus';

/** Published after commit when a user's sessions ended (logout everywhere, account deleted). */
export const SESSIONS_ENDED = 'auth:sessions-ended';

export interface SessionsEnded {
  userId: string;
}

/** Users whose session version one instance keeps in memory; the least recently used go first. */
const CAPACITY = 100_000;
/**
 * How long a remembered version is trusted. Events normally arrive within milliseconds; this bounds the harm
 * should one be lost (the event connection reconnecting), at the cost of one lookup per active user and minute.
 */
const MAX_AGE_MS = 60_000;
const SESSION_VERSIONS = preparedStatement(
  'SELECT id, session_version FROM users WHERE id = ANY($1::uuid[])',
);

interface Entry {
  /** null: the user no longer exists. */
  version: number | null;
  at: number;
}

/**
 * Every user's current session version, which access tokens must carry to be valid. Kept in memory per
 * instance, filled on first use, so a valid token costs no SQL. Whoever raises a version or deletes a user calls
 * `endedAfterCommit` in that transaction: once it commits, this instance forgets the user at once and every
 * other instance as soon as the event reaches it.
 */
@Injectable()
export class SessionVersionService {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<number | null>>();
  /** Raised by every forget, so a lookup that raced with one does not store what it read before it. */
  private generation = 0;
  /** Told of every user whose sessions ended (open WebSockets close on it). */
  private readonly endedListeners = new Set<(userId: string) => void>();
  /**
   * Lookups of users not in memory, batched across concurrent requests: many first requests at once (a crowd
   * joining a pool) cost one statement. Not cached here; `entries` is the cache.
   */
  private readonly lookups = new DataLoader<string, number | null>(
    async (userIds) => {
      const rows: Array<{ id: string; session_version: number }> = await this.db.dataSource.query(
        SESSION_VERSIONS,
        [userIds],
      );
      const versions = new Map(rows.map((r) => [r.id, r.session_version]));
      return userIds.map((id) => versions.get(id) ?? null);
    },
    { cache: false, maxBatchSize: 1000 },
  );

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  /** The user's session version, or null when the user does not exist. */
  async of(userId: string): Promise<number | null> {
    const entry = this.entries.get(userId);
    if (entry && Date.now() - entry.at < MAX_AGE_MS) {
      this.entries.delete(userId);
      this.entries.set(userId, entry);
      return entry.version;
    }
    return this.loading.get(userId) ?? this.load(userId);
  }

  /** Call inside the transaction that ends the user's sessions; does its work after commit. */
  async endedAfterCommit(userId: string): Promise<void> {
    await this.db.afterCommit(() => {
      this.forget(userId);
      const event: SessionsEnded = { userId };
      this.bus.publish(SESSIONS_ENDED, event);
    });
  }

  /** Forgets users as other instances end their sessions; runs for the server's lifetime. */
  listen(): void {
    const events = this.bus.subscribe(SESSIONS_ENDED)[Symbol.asyncIterator]();
    const next = (): void =>
      void events.next().then(({ value, done }) => {
        if (done) return;
        this.forget((value as SessionsEnded).userId);
        next();
      });
    next();
  }

  /** Calls `listener` with each user whose sessions end, here or on another instance; returns the unsubscribe. */
  onEnded(listener: (userId: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private forget(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
    this.loading.delete(userId);
    for (const listener of this.endedListeners) listener(userId);
  }

  private load(userId: string): Promise<number | null> {
    const generation = this.generation;
    const loading = this.lookups
      .load(userId)
      .then((version) => {
        if (generation === this.generation) this.remember(userId, version);
        return version;
      })
      .finally(() => {
        if (this.loading.get(userId) === loading) this.loading.delete(userId);
      });
    this.loading.set(userId, loading);
    return loading;
  }

  private remember(userId: string, version: number | null): void {
    this.entries.set(userId, { version, at: Date.now() });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }
}
