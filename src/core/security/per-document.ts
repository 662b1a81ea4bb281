import type { DocumentNode } from 'graphql';

/**
 * `compute` at most once per parsed document: Apollo Server reuses the document of a query text it has seen,
 * so what depends on the document alone is worked out on its first request only.
 */
export function perDocument<T>(compute: (document: DocumentNode) => T): (document: DocumentNode) => T {
  const known = new WeakMap<DocumentNode, T>();
  return (document) => {
    if (known.has(document)) return known.get(document)!;
    const value = compute(document);
    known.set(document, value);
    return value;
  };
}
