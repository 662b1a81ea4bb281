/** What DataLoader's loadMany gives, with a failed or missing item as null (for node fetchers). */
export function orNull<T>(values: Array<T | Error | null>): Array<T | null> {
  return values.map((v) => (v instanceof Error ? null : v));
}
