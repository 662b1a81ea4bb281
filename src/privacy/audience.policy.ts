import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Audience, type User } from '../users/user.entity';
import { PrivacyLoaders } from './privacy.loaders';

/** The areas of a profile whose audience the owner chooses. */
export type PrivacyArea = 'profile' | 'trustList' | 'poolParticipation' | 'orderHistory';

const AUDIENCE_COLUMN = {
  profile: 'profileAudience',
  trustList: 'trustListAudience',
  poolParticipation: 'poolParticipationAudience',
  orderHistory: 'orderHistoryAudience',
} as const satisfies Record<PrivacyArea, keyof User>;

const AUDIENCE_SQL_COLUMN: Record<PrivacyArea, string> = {
  profile: 'profile_audience',
  trustList: 'trust_list_audience',
  poolParticipation: 'pool_participation_audience',
  orderHistory: 'order_history_audience',
};

/** Whoever owns a piece of data: a users row, or just its id (the audiences are then loaded, batched). */
export type Owner = Pick<User, 'id'> & Partial<User>;

/**
 * The one place that decides whether the viewer may see an area of someone's data. Fields resolve to null and
 * lists to nothing when it says no; `VisibleTo` (visible-to.ts) applies it to a field, `visibleWhere` to the rows
 * of a SQL query. The rule: PUBLIC is everyone, anonymous included; TRUST_NETWORK is the owner and the people the
 * owner trusts directly (an edge owner → viewer); PRIVATE is the owner alone. Every check is batched per operation.
 */
@Injectable()
export class AudiencePolicy {
  constructor(private readonly loaders: PrivacyLoaders) {}

  /** Whether the viewer may see `area` of `owner`'s data. */
  async canSee(ctx: Context, owner: Owner, area: PrivacyArea): Promise<boolean> {
    const column = AUDIENCE_COLUMN[area];
    const audience = owner[column] ?? (await this.loaders.of(ctx).audiences.load(owner.id))?.[column];
    return audience ? this.allows(ctx, owner.id, audience) : false;
  }

  /** Whether `audience`, chosen by `ownerId`, includes the viewer. */
  async allows(ctx: Context, ownerId: string, audience: Audience): Promise<boolean> {
    const viewerId = ctx.viewer?.id;
    if (audience === Audience.PUBLIC || viewerId === ownerId) return true;
    if (audience === Audience.PRIVATE || !viewerId) return false;
    return this.loaders.of(ctx).ownerTrustsViewer.load(ownerId);
  }

  /** Whether the viewer is `ownerId`: for data only its owner ever sees (settings, notifications). */
  isOwner(ctx: Context, ownerId: string | null | undefined): boolean {
    return !!ctx.viewer && ctx.viewer.id === ownerId;
  }

  /** The items whose owner lets the viewer see `area`, in order: for lists gathered in memory. */
  async filterVisible<T>(
    ctx: Context,
    items: readonly T[],
    ownerOf: (item: T) => Owner,
    area: PrivacyArea,
  ): Promise<T[]> {
    const visible = await Promise.all(items.map((item) => this.canSee(ctx, ownerOf(item), area)));
    return items.filter((_, i) => visible[i]);
  }

  /**
   * The same rule as a SQL condition, for lists paged in the database: `usersAlias` is the alias of the owner's
   * `users` row in the query. Use with TypeORM's `andWhere(where, parameters)`.
   */
  visibleWhere(
    ctx: Context,
    usersAlias: string,
    area: PrivacyArea,
  ): { where: string; parameters: Record<string, unknown> } {
    if (!ctx.viewer) return { where: audienceCondition(usersAlias, area, null), parameters: {} };
    return {
      where: audienceCondition(usersAlias, area, ':audienceViewerId'),
      parameters: { audienceViewerId: ctx.viewer.id },
    };
  }

  /**
   * `visibleWhere` for hand-written SQL with numbered parameters: the caller binds the viewer's id to
   * `$<viewerParameter>` when there is a viewer; without one the condition takes no parameter.
   */
  visibleWherePositional(
    ctx: Context,
    usersAlias: string,
    area: PrivacyArea,
    viewerParameter: number,
  ): string {
    return audienceCondition(usersAlias, area, ctx.viewer ? `$${viewerParameter}` : null);
  }
}

/** The audience rule over the owner's `users` row, with `viewer` the placeholder of the viewer's id (null: nobody). */
function audienceCondition(usersAlias: string, area: PrivacyArea, viewer: string | null): string {
  const column = `${usersAlias}.${AUDIENCE_SQL_COLUMN[area]}`;
  if (viewer === null) return `${column} = 'PUBLIC'`;
  const trusts = `EXISTS (SELECT 1 FROM trust_edges audience_te WHERE audience_te.truster_id = ${usersAlias}.id AND audience_te.trustee_id = ${viewer})`;
  return `(${column} = 'PUBLIC' OR ${usersAlias}.id = ${viewer} OR (${column} = 'TRUST_NETWORK' AND ${trusts}))`;
}
