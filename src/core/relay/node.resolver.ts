import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { badUserInput } from '../errors/graphql-errors';
import { decodeGlobalId } from './global-id';
import { Node, nodeType } from './node';

const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by its global ID; null when it does not exist or is hidden from you.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global ID, as any object’s id field gives it.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<object | null> {
    const [found] = await fetchNodes(ctx, [id]);
    return found;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Fetches objects by global ID, in the order given; null for each that does not exist or is hidden. At most ${MAX_NODES} IDs.`,
  })
  async nodes(
    @Arg('ids', () => [ID], {
      description: 'Global IDs; the answer has one entry for each, in the same order.',
    })
    ids: string[],
    @Ctx() ctx: Context,
  ): Promise<Array<object | null>> {
    if (ids.length > MAX_NODES) throw badUserInput(`At most ${MAX_NODES} IDs at once.`);
    return fetchNodes(ctx, ids);
  }
}

async function fetchNodes(ctx: Context, globalIds: string[]): Promise<Array<object | null>> {
  const decoded = globalIds.map(decodeGlobalId);
  const byType = new Map<string, string[]>();
  for (const { type, id } of decoded) byType.set(type, [...(byType.get(type) ?? []), id]);
  const found = new Map<string, object | null>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const entry = nodeType(type);
      const objects = entry ? await entry.fetch(ctx, ids) : ids.map(() => null);
      ids.forEach((id, i) => found.set(`${type}:${id}`, objects[i] ?? null));
    }),
  );
  return decoded.map(({ type, id }) => found.get(`${type}:${id}`) ?? null);
}
