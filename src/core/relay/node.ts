import { Field, ID, InterfaceType } from 'type-graphql';
import type { Context } from '../context';

/**
 * Implementations expose their global ID as a getter named `globalId`, published as `id`, because the entity's
 * own `id` property holds the database key.
 */
@InterfaceType({
  description: 'An object with a global ID, which `node(id:)` and `nodes(ids:)` fetch again.',
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'The opaque, URL-safe global ID of this object.' })
  globalId: string;
}

/**
 * Loads objects of one type by local id, in order, null where none is visible to the viewer. Each slice declares
 * the Node types it owns with one of these in its module (`nodeTypes`).
 */
export type NodeFetcher = (ctx: Context, ids: readonly string[]) => Promise<Array<object | null>>;

/** What DataLoader's loadMany gives, with a failed or missing item as null, as a NodeFetcher answers. */
export function orNull<T>(values: ReadonlyArray<T | Error | null>): Array<T | null> {
  return values.map((v) => (v instanceof Error ? null : v));
}
