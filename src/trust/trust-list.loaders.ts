import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { InvalidInputError } from '../core/errors/domain-errors';
import { decodeCursor, type PageArgs, pageWindow } from '../core/relay/connection';
import { AudiencePolicy } from '../privacy/audience.policy';
import type { User } from '../users/user.entity';

/** `trustees`: whom the owner trusts; `trusters`: who trusts the owner; `mutualTrustees`: whom both the owner and the viewer trust. */
export type TrustListKind = 'trustees' | 'trusters' | 'mutualTrustees';

interface PageKey {
  kind: TrustListKind;
  ownerId: string;
  args: PageArgs;
}

export interface Row {
  owner: string;
  other: string;
  level: number;
  created: string;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The trust lists' loaders of one operation: whether the viewer may see each owner's list, pages of many owners in
 * one statement per distinct page (a LATERAL join per owner over the covering index), counts, and trustees.
 */
@Injectable()
export class TrustListLoaders {
  constructor(
    private readonly db: Database,
    private readonly policy: AudiencePolicy,
  ) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => this.create(ctx));
  }

  private create(ctx: Context) {
    return {
      /** Whether the viewer may see each owner's trust list; a loader so that all owners resolve in one tick. */
      visible: new DataLoader<User, boolean, string>(
        (owners) => Promise.all(owners.map((o) => this.policy.canSee(ctx, o, 'trustList'))),
        { cacheKeyFn: (owner) => owner.id },
      ),
      pages: new DataLoader<PageKey, Row[], string>((keys) => this.loadPages(ctx, keys), {
        cacheKeyFn: ({ kind, ownerId, args }) => JSON.stringify([kind, ownerId, args]),
      }),
      counts: {
        trustees: this.countLoader(
          'SELECT truster_id AS owner, count(*)::int AS n FROM trust_edges',
          'truster_id',
        ),
        trusters: this.countLoader(
          'SELECT trustee_id AS owner, count(*)::int AS n FROM trust_edges',
          'trustee_id',
        ),
        mutualTrustees: this.countLoader(
          `SELECT e.truster_id AS owner, count(*)::int AS n FROM trust_edges e
           JOIN trust_edges v ON v.trustee_id = e.trustee_id AND v.truster_id = $2`,
          'e.truster_id',
          [ctx.viewer?.id ?? null],
        ),
      },
      visibleTrusters: this.countLoader(
        `SELECT e.trustee_id AS owner, count(*)::int AS n FROM trust_edges e
         JOIN users tu ON tu.id = e.truster_id AND ${this.policy.visibleWherePositional(ctx, 'tu', 'trustList', 2)}`,
        'e.trustee_id',
        ctx.viewer ? [ctx.viewer.id] : [],
      ),
      trusteeIds: new DataLoader<string, string[]>(async (userIds) => {
        const rows = await this.db.query<{ truster_id: string; trustee_id: string }>(
          'SELECT truster_id, trustee_id FROM trust_edges WHERE truster_id = ANY($1::uuid[])',
          [userIds],
        );
        const byTruster = new Map<string, string[]>(userIds.map((id) => [id, []]));
        for (const r of rows) byTruster.get(r.truster_id)?.push(r.trustee_id);
        return userIds.map((id) => byTruster.get(id)!);
      }),
    };
  }

  private countLoader(select: string, ownerColumn: string, params: unknown[] = []) {
    return new DataLoader<string, number>(async (ownerIds) => {
      const rows = await this.db.query<{ owner: string; n: number }>(
        `${select} WHERE ${ownerColumn} = ANY($1::uuid[]) GROUP BY ${ownerColumn}`,
        [ownerIds, ...params],
      );
      const counts = new Map(rows.map((r) => [r.owner, r.n]));
      return ownerIds.map((id) => counts.get(id) ?? 0);
    });
  }

  /** One statement per distinct (kind, page arguments) among the keys; usually one in all. */
  private async loadPages(ctx: Context, keys: readonly PageKey[]): Promise<Row[][]> {
    const groups = new Map<string, PageKey[]>();
    for (const key of keys) {
      const group = JSON.stringify([key.kind, key.args]);
      groups.set(group, [...(groups.get(group) ?? []), key]);
    }
    const rows = new Map<string, Row[]>();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const { kind, args } = group[0];
        const owners = group.map((k) => k.ownerId);
        for (const row of await this.queryPages(ctx, kind, args, owners)) {
          const key = JSON.stringify([kind, row.owner, args]);
          rows.set(key, [...(rows.get(key) ?? []), row]);
        }
      }),
    );
    return keys.map(({ kind, ownerId, args }) => rows.get(JSON.stringify([kind, ownerId, args])) ?? []);
  }

  private queryPages(ctx: Context, kind: TrustListKind, args: PageArgs, owners: string[]): Promise<Row[]> {
    const { limit, backward } = pageWindow(args);
    const [owner, other] = kind === 'trusters' ? ['trustee_id', 'truster_id'] : ['truster_id', 'trustee_id'];
    const params: unknown[] = [owners, limit + 1];
    const where = [`e.${owner} = o.id`];
    const cursor = backward ? args.before : args.after;
    if (cursor) {
      params.push(...parseCursor(cursor));
      where.push(`(e.created_at, e.${other}) ${backward ? '>' : '<'} ($3::timestamptz, $4::uuid)`);
    }
    if (kind === 'mutualTrustees') {
      params.push(ctx.viewer!.id);
      where.push(
        `EXISTS (SELECT 1 FROM trust_edges v WHERE v.truster_id = $${params.length} AND v.trustee_id = e.trustee_id)`,
      );
    }
    if (kind === 'trusters') {
      if (ctx.viewer) params.push(ctx.viewer.id);
      const visible = this.policy.visibleWherePositional(ctx, 'tu', 'trustList', params.length);
      where.push(`EXISTS (SELECT 1 FROM users tu WHERE tu.id = e.truster_id AND ${visible})`);
    }
    const order = backward ? 'ASC' : 'DESC';
    return this.db.query<Row>(
      `SELECT o.id AS owner, p.other, p.level, p.created FROM unnest($1::uuid[]) AS o(id)
       CROSS JOIN LATERAL (
         SELECT e.${other} AS other, e.level, e.created_at::text AS created FROM trust_edges e
         WHERE ${where.join(' AND ')}
         ORDER BY e.created_at ${order}, e.${other} ${order} LIMIT $2
       ) p`,
      params,
    );
  }
}

function parseCursor(cursor: string): [string, string] {
  const key = decodeCursor(cursor);
  const [created, id] = key;
  if (key.length !== 2 || typeof created !== 'string' || typeof id !== 'string') throw foreign();
  if (!TIMESTAMP.test(created) || !UUID.test(id)) throw foreign();
  return [created, id];
}

function foreign() {
  return new InvalidInputError('The cursor does not belong to this list.');
}
