/** At most this many words of a search are used; more only slow the query down. */
export const MAX_SEARCH_WORDS = 8;

/**
 * Turns what a person typed into a PostgreSQL tsquery that finds products containing every word, each also as
 * the start of a longer word ("käs" finds "Käse"). Only letters and digits pass, so the result can never carry
 * tsquery syntax; null when nothing searchable is left.
 */
export function prefixQuery(text: string): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_SEARCH_WORDS);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}
