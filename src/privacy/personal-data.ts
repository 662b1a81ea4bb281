import type { PersonalDataSection, Row } from '../core/personal-data';
import { toGlobalId } from '../core/relay/global-id';

/** Shapes one section's rows: camelCase keys, global IDs, people by handle (from `handles`). */
export function shapeRows(
  section: PersonalDataSection,
  rows: Row[],
  handles: ReadonlyMap<string, string>,
): unknown {
  const shaped = rows.map((row) => {
    const out: Row = {};
    for (const [column, value] of Object.entries(row)) {
      const global = section.globalIds?.[column];
      if (section.people?.includes(column)) {
        const id = value as string | null;
        out[camel(column.replace(/_id$/, ''))] = id
          ? { handle: handles.get(id) ?? null, id: toGlobalId('User', id) }
          : null;
      } else if (global && value != null) {
        const type = typeof global === 'function' ? global(row) : global;
        out[camel(column)] = type ? toGlobalId(type, value as string) : value;
      } else {
        out[camel(column)] = value instanceof Date ? value.toISOString() : value;
      }
    }
    return out;
  });
  return section.shape === 'one' ? (shaped[0] ?? null) : shaped;
}

/** Every user id a section's rows name in a people column. */
export function peopleIn(section: PersonalDataSection, rows: Row[]): string[] {
  return (section.people ?? []).flatMap((column) =>
    rows.map((r) => r[column]).filter((id): id is string => typeof id === 'string'),
  );
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
