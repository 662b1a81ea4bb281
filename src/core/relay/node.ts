import { Field, ID, InterfaceType } from 'type-graphql';
import type { Context } from '../../context';

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

/** Loads objects of one type by local id, in order, null where none is visible to the viewer. */
export type NodeFetcher = (ctx: Context, ids: readonly string[]) => Promise<Array<object | null>>;

interface NodeTypeEntry {
  cls: Function;
  fetch: NodeFetcher;
}

const nodeTypes = new Map<string, NodeTypeEntry>();

/** Each slice registers the Node types it owns, with how to fetch them; `node(id:)` then finds them. */
export function registerNodeType(typeName: string, cls: Function, fetch: NodeFetcher): void {
  nodeTypes.set(typeName, { cls, fetch });
}

export function nodeType(typeName: string): NodeTypeEntry | undefined {
  return nodeTypes.get(typeName);
}
