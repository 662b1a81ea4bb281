import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Injectable } from '../container';
import type { Context } from '../context';
import { InvalidInputError } from '../errors/domain-errors';
import { Node } from './node';
import { NodeService } from './node.service';

const MAX_NODES = 100;

@Injectable()
@Resolver()
export class NodeResolver {
  constructor(private readonly nodeService: NodeService) {}

  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by its global ID; null when it does not exist or is hidden from you.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global ID, as any object’s id field gives it.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<object | null> {
    const [found] = await this.nodeService.fetch(ctx, [id]);
    return found;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Fetches objects by global ID, in the order given; null for each that does not exist or is hidden. At most ${MAX_NODES} IDs.`,
  })
  nodes(
    @Arg('ids', () => [ID], {
      description: 'Global IDs; the answer has one entry for each, in the same order.',
    })
    ids: string[],
    @Ctx() ctx: Context,
  ): Promise<Array<object | null>> {
    if (ids.length > MAX_NODES) throw new InvalidInputError(`At most ${MAX_NODES} IDs at once.`);
    return this.nodeService.fetch(ctx, ids);
  }
}
