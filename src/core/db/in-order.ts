/** What a DataLoader's batch answers: the value of each of `ids` found among `rows` (by `keyOf`), null where none. */
export function inOrder<R, V = R>(
  ids: readonly string[],
  rows: readonly R[],
  keyOf: (row: R) => string,
  valueOf: (row: R) => V = (row) => row as unknown as V,
): Array<V | null> {
  const byKey = new Map(rows.map((row) => [keyOf(row), valueOf(row)]));
  return ids.map((id) => byKey.get(id) ?? null);
}
