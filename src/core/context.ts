import type { Container } from './container';

/**
 * A partner app acting through an OAuth access token: for a person (the viewer is that person) or, with client
 * credentials, for its shop (the viewer is the person who registered the app, limited to the shop's side).
 */
export interface AppActor {
  appId: string;
  clientId: string;
  /** The scopes of the token; a field that needs another answers FORBIDDEN (see src/apps/scope-rules.ts). */
  scopes: ReadonlySet<string>;
  /** The shop a client-credentials token acts for; null for a person's token. */
  merchantId: string | null;
  /** Whose budget of query cost the request spends: one bucket per grant (or per shop token). */
  budgetKey: string;
}

/** Who is making the request, once their token has been checked. */
export interface Viewer {
  id: string;
  /** Set when the request comes from a partner app with an app token. */
  app?: AppActor;
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
