import type { Container } from './container';

/** Who is making the request, once their token has been checked. */
export interface Viewer {
  id: string;
}

/** Built for every operation (every HTTP request, every WebSocket subscribe message). */
export interface Context {
  viewer: Viewer | null;
  requestId: string;
  ip: string;
  container: Container;
  /** Per-operation DataLoaders, one set per slice's loaders class, created on first use (see OperationLoaders). */
  loaderCache: Map<object, unknown>;
}

/**
 * The body of `of(ctx)` in each slice's loaders class (`UserLoaders`, `CatalogLoaders`, …), the one way to reach
 * DataLoaders: `XLoaders.of(ctx)` gives the loaders of this operation, made by `create` on first use and then
 * shared by every resolver and service, so that every relation and every viewer-specific value is batched within
 * the operation and never cached beyond it. Only the loaders class fills its own loaders (one of them may prime
 * another, as a product read with its merchant does); nothing outside it primes them.
 */
export function operationLoaders<L>(ctx: Context, owner: object, create: () => L): L {
  let loaders = ctx.loaderCache.get(owner) as L | undefined;
  if (!loaders) {
    loaders = create();
    ctx.loaderCache.set(owner, loaders);
  }
  return loaders;
}

/** A subscription's context lives as long as the subscription: each event starts with empty loaders. */
export function resetLoaders(ctx: Context): void {
  ctx.loaderCache.clear();
}

export function createContext(
  container: Container,
  viewer: Viewer | null,
  requestId: string,
  ip: string,
): Context {
  return { viewer, requestId, ip, container, loaderCache: new Map() };
}
