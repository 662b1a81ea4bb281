import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import {
  emptyConnection,
  encodeCursor,
  type PageArgs,
  pageWindow,
  toConnection,
} from '../core/relay/connection';
import { keysetPageInfo, trimPage } from '../core/relay/keyset';
import type { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { type TrustListKind, TrustListLoaders } from './trust-list.loaders';
import { UserTrustConnection, type UserTrustEdge } from './trust-list.types';

export type { TrustListKind } from './trust-list.loaders';

/**
 * Trust lists as connections, newest trust first, paged by keyset on (created_at, other user's id). Pages of many
 * owners with the same arguments load in one statement (a LATERAL join per owner over the covering index).
 * Whether the viewer may see a list is the owner's trust-list audience, decided by AudiencePolicy; and an edge is
 * part of its truster's list, so `trusters` (read from the other end) shows only the edges whose truster's own
 * audience admits the viewer too: a PRIVATE list is not read backwards from a PUBLIC one. The connection's
 * totalCount counts what it shows; trusterCount stays the public count of all.
 */
@Injectable()
export class TrustListService {
  constructor(
    private readonly users: UserLoaders,
    private readonly loaders: TrustListLoaders,
  ) {}

  /** A page of `owner`'s list; an empty connection when the viewer may not see the owner's trust list. */
  async page(ctx: Context, owner: User, kind: TrustListKind, args: PageArgs): Promise<object> {
    const { limit, backward } = pageWindow(args);
    const hidden = kind === 'mutualTrustees' && !ctx.viewer;
    if (hidden || !(await this.loaders.of(ctx).visible.load(owner))) {
      return emptyConnection(UserTrustConnection);
    }
    // Counted together with the page, so that every owner's count joins one batch whatever the page holds.
    const total =
      kind === 'trusters'
        ? this.loaders.of(ctx).visibleTrusters.load(owner.id)
        : this.count(ctx, owner.id, kind);
    total.catch(() => undefined); // a failure surfaces where totalCount is read, if it is
    const rows = await this.loaders.of(ctx).pages.load({ kind, ownerId: owner.id, args });
    const { page, hasMore } = trimPage(rows, limit, backward);
    const nodes = await this.users.of(ctx).byId.loadMany(page.map((r) => r.other));
    const edges: UserTrustEdge[] = page.flatMap((row, i) => {
      const node = nodes[i];
      if (!node || node instanceof Error) return [];
      return [{ cursor: encodeCursor([row.created, row.other]), node, level: row.level }];
    });
    return toConnection(UserTrustConnection, {
      edges,
      pageInfo: keysetPageInfo(args, backward, hasMore, edges),
      totalCount: () => total,
    });
  }

  /** How many people are in `ownerId`'s list (not checked against the audience: counts are public). */
  count(ctx: Context, ownerId: string, kind: TrustListKind): Promise<number> {
    return this.loaders.of(ctx).counts[kind].load(ownerId);
  }

  /** The ids among `ownerIds` whose trust lists the viewer may see. */
  async visibleTo(ctx: Context, ownerIds: readonly string[]): Promise<Set<string>> {
    const owners = await this.users.of(ctx).byId.loadMany(ownerIds);
    const found = owners.filter((o): o is User => Boolean(o) && !(o instanceof Error));
    const visible = await this.loaders.of(ctx).visible.loadMany(found);
    return new Set(found.filter((_, i) => visible[i] === true).map((o) => o.id));
  }

  /** The ids of the people `userId` trusts directly. */
  trusteeIds(ctx: Context, userId: string): Promise<string[]> {
    return this.loaders.of(ctx).trusteeIds.load(userId);
  }
}
