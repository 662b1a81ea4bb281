import { Injectable } from '../container';
import type { Context } from '../context';
import { Declarations } from '../declarations';
import { decodeGlobalId } from './global-id';

/**
 * Objects of any Node type by global ID, each type fetched by the slice that declared it, so that its own
 * visibility rules apply: for `node(id:)`, `nodes(ids:)` and whatever else points at "any object" (a
 * notification's subject). A malformed ID is BAD_USER_INPUT; a type nobody declared, null.
 */
@Injectable()
export class NodeService {
  constructor(private readonly declarations: Declarations) {}

  async fetch(ctx: Context, globalIds: readonly string[]): Promise<Array<object | null>> {
    const decoded = globalIds.map(decodeGlobalId);
    const byType = new Map<string, string[]>();
    for (const { type, id } of decoded) byType.set(type, [...(byType.get(type) ?? []), id]);
    const found = new Map<string, object | null>();
    await Promise.all(
      [...byType].map(async ([type, ids]) => {
        const fetch = this.declarations.nodeFetcher(type);
        const objects = fetch ? await fetch(ctx, ids) : ids.map(() => null);
        ids.forEach((id, i) => found.set(`${type}:${id}`, objects[i] ?? null));
      }),
    );
    return decoded.map(({ type, id }) => found.get(`${type}:${id}`) ?? null);
  }
}
