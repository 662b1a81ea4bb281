/** For rows a foreign key guarantees: a miss is a bug, not something the user can fix. */
export function present<T>(value: T | null): T {
  if (value === null) throw new Error('a row that a foreign key guarantees is missing');
  return value;
}
