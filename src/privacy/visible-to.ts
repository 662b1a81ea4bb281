import { isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import { createMethodMiddlewareDecorator } from 'type-graphql';
import type { Context } from '../core/context';
import { AudiencePolicy, type Owner, type PrivacyArea } from './audience.policy';

export interface VisibilityOptions<Root> {
  /** The owner of the data behind the field; the root itself by default (fields of User). */
  owner?: (root: Root) => Owner | null;
  /** What a hidden field resolves to; null for a nullable field, [] for a list. Required for connections. */
  hidden?: () => unknown;
}

/**
 * Guards a field resolver with the owner's audience for `area`: the resolver runs only when the viewer may see it,
 * otherwise the field is hidden (null, an empty list, or the `hidden` value such as an empty connection).
 */
export function VisibleTo<Root = Owner>(area: PrivacyArea, options: VisibilityOptions<Root> = {}) {
  return guard<Root>(options, (ctx, owner) => ctx.container.get(AudiencePolicy).canSee(ctx, owner, area));
}

/** Guards a field that only its owner ever sees (settings, notifications, the consent log). */
export function OwnerOnly<Root = Owner>(options: VisibilityOptions<Root> = {}) {
  return guard<Root>(options, async (ctx, owner) => ctx.container.get(AudiencePolicy).isOwner(ctx, owner.id));
}

function guard<Root>(
  { owner = (root) => root as Owner, hidden }: VisibilityOptions<Root>,
  allowed: (ctx: Context, owner: Owner) => Promise<boolean>,
) {
  return createMethodMiddlewareDecorator<Context>(async ({ root, context, info }, next) => {
    const of = owner(root as Root);
    if (of && (await allowed(context, of))) return next();
    return hidden ? hidden() : hiddenValue(info.returnType, info.fieldName);
  });
}

function hiddenValue(type: GraphQLOutputType, field: string): unknown {
  if (!isNonNullType(type)) return null;
  if (isListType(type.ofType)) return [];
  throw new Error(`${field}: a non-null field guarded by privacy needs a \`hidden\` value`);
}
