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
  /** Per-operation DataLoaders, created on first use through `loadersOf`. */
  loaderCache: Map<Function, unknown>;
}

/**
 * The loaders a slice's factory makes, created once per operation and then shared by all its resolvers, so
 * that every relation and every viewer-specific value is batched within the operation and never cached beyond it.
 */
export function loadersOf<T>(ctx: Context, factory: (ctx: Context) => T): T {
  let loaders = ctx.loaderCache.get(factory) as T | undefined;
  if (!loaders) {
    loaders = factory(ctx);
    ctx.loaderCache.set(factory, loaders);
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
