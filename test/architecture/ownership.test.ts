import { getMetadataArgsStorage } from 'typeorm';
import { modules } from '../../src/modules';
import { createTestDatabase, sql } from '../helpers/database';
import { filesUnder, read } from './source';
import { type ScanContext, type TableWrite, writesInSql, writesInTypeScript } from './table-writes';

/** Tables no entity declares: infrastructure of core (migrations' own bookkeeping, the rate-limit counters). */
const CORE_TABLES = ['migrations', 'rate_limits'];

/** The slice that owns each table: the one whose module lists the entity declaring it; core for the rest. */
function tableOwners(): { ownerOf: Map<string, string>; tableOfEntity: Map<string, string> } {
  const ownerOf = new Map(CORE_TABLES.map((table) => [table, 'core']));
  const tableOfEntity = new Map<string, string>();
  const declared = getMetadataArgsStorage().tables;
  for (const module of modules) {
    for (const entity of module.entities) {
      const table = declared.find((t) => t.target === entity)?.name;
      if (!table) throw new Error(`${entity.name} of ${module.name} declares no table`);
      ownerOf.set(table, module.name);
      tableOfEntity.set(entity.name, table);
    }
  }
  return { ownerOf, tableOfEntity };
}

/** The source files of each slice, of core, and of what belongs to no slice (seed data, web pages, the root). */
function sourcesByOwner(): Array<[owner: string, file: string]> {
  const slices = modules.map((m) => m.name);
  return filesUnder('src', ['.ts', '.sql'])
    .filter((file) => !file.startsWith('src/web/client/'))
    .map((file) => {
      const folder = file.split('/')[1];
      return [slices.includes(folder) ? folder : 'none', file];
    });
}

/** SQL functions kept in the slices' .sql files, each with a table it writes. */
function writingFunctions(tables: Set<string>): Map<string, string> {
  const functions = new Map<string, string>();
  const context: ScanContext = { tableOfEntity: new Map(), tables, functions: new Map() };
  for (const file of filesUnder('src', ['.sql'])) {
    const text = read(file);
    for (const m of text.matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(\w+)/gi)) {
      const [write] = writesInSql(text.slice(m.index!), context);
      if (write) functions.set(m[1], write.table);
    }
  }
  return functions;
}

describe('one owner per table', () => {
  const { ownerOf, tableOfEntity } = tableOwners();
  const tables = new Set(ownerOf.keys());
  const context: ScanContext = { tableOfEntity, tables, functions: writingFunctions(tables) };

  it('knows the owner of every table the migrations create', async () => {
    const db = await sql(await createTestDatabase());
    try {
      const { rows } = await db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
      expect(rows.map((r) => r.name).filter((name) => !ownerOf.has(name))).toEqual([]);
      expect(rows.length).toBeGreaterThan(20);
    } finally {
      await db.close();
    }
  });

  it('lets only the owning slice write or lock a table: others ask its service', () => {
    const crossing = sourcesByOwner().flatMap(([owner, file]) => {
      const text = read(file);
      const writes: TableWrite[] = file.endsWith('.sql')
        ? writesInSql(text, context)
        : writesInTypeScript(text, context);
      return writes
        .filter((w) => ownerOf.get(w.table) !== owner)
        .map((w) => `${file}:${w.line} ${w.how} ${w.table} (owned by ${ownerOf.get(w.table) ?? 'nobody'})`);
    });
    expect(crossing).toEqual([]);
  });
});
