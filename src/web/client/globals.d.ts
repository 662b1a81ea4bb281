/** Worker script URLs by Monaco label, filled in by scripts/build-web.ts when it bundles the explorer. */
declare const __MONACO_WORKERS__: Record<'editor' | 'json' | 'graphql', string>;

declare module '*.css';
