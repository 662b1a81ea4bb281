/**
 * Finds every write (and row lock) a source file makes to a table, in each of the styles the code uses: SQL in
 * string and template literals (INSERT, UPDATE … SET, DELETE, MERGE, TRUNCATE, ON CONFLICT in an INSERT, SELECT …
 * FOR UPDATE or FOR SHARE, calls of a slice's own SQL functions), TypeORM repositories (`repo(X)` or
 * `getRepository(X)`, directly or through a variable, with save/insert/update/upsert/delete/remove/increment/…),
 * entity-manager calls naming the entity first (`tx.insert(X, …)`), query builders (`.insert().into(X)`,
 * `.update(X)`, `.delete().from(X)`, a repository's builder with `.update()` or `.delete()`) and pessimistic locks.
 * It reads text, runs nothing: a write it cannot attribute to a table is reported with the table `?`.
 */

export interface TableWrite {
  line: number;
  table: string;
  how: string;
}

export interface ScanContext {
  /** The table of each entity class, by class name. */
  tableOfEntity: ReadonlyMap<string, string>;
  /** Every table there is (entities' and the others'), so that words in prose are not taken for tables. */
  tables: ReadonlySet<string>;
  /** SQL functions that write, by name, with the tables they write (from the slices' .sql files). */
  functions: ReadonlyMap<string, string>;
}

interface Literal {
  text: string;
  offset: number;
}

const REPOSITORY_WRITES =
  'save|insert|update|upsert|delete|remove|softDelete|softRemove|restore|recover|increment|decrement|clear';
const MANAGER_WRITES = REPOSITORY_WRITES;
const IDENT = '"?(?:[a-z_][a-z0-9_]*"?\\.)?"?([a-z_][a-z0-9_]*)"?';

/** Every write in a TypeScript file's text. */
export function writesInTypeScript(source: string, context: ScanContext): TableWrite[] {
  const { code, literals } = split(source);
  const constants = stringConstants(literals, code);
  const lineAt = lineCounter(source);
  const found: TableWrite[] = [];
  for (const literal of literals) {
    const sql = interpolated(literal.text, constants);
    for (const write of writesInSql(sql, context)) {
      found.push({ ...write, line: lineAt(literal.offset) + write.line - 1 });
    }
  }
  for (const write of typeOrmWrites(code, context)) found.push({ ...write, line: lineAt(write.line) });
  return found;
}

/** Every write in SQL text (a .sql file, or a literal of a TypeScript file); lines count from 1. */
export function writesInSql(sql: string, context: ScanContext): TableWrite[] {
  const text = stripSqlComments(sql);
  const lineAt = lineCounter(text);
  const found: TableWrite[] = [];
  const add = (offset: number, name: string | undefined, how: string) => {
    const table = name === undefined || name === '__expression__' ? '?' : name.toLowerCase();
    if (table === '?' || context.tables.has(table)) found.push({ line: lineAt(offset), table, how });
  };
  const statements: Array<[RegExp, string]> = [
    [new RegExp(`\\bINSERT\\s+INTO\\s+(?:ONLY\\s+)?(?:${IDENT}|(__expression__))`, 'gi'), 'INSERT'],
    [
      new RegExp(
        `\\bUPDATE\\s+(?:ONLY\\s+)?(?:${IDENT}|(__expression__))(?:\\s+(?:AS\\s+)?\\w+)?\\s+SET\\b`,
        'gi',
      ),
      'UPDATE',
    ],
    [new RegExp(`\\bDELETE\\s+FROM\\s+(?:ONLY\\s+)?(?:${IDENT}|(__expression__))`, 'gi'), 'DELETE'],
    [new RegExp(`\\bMERGE\\s+INTO\\s+(?:${IDENT}|(__expression__))`, 'gi'), 'MERGE'],
    [new RegExp(`\\bTRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(?:${IDENT}|(__expression__))`, 'gi'), 'TRUNCATE'],
  ];
  for (const [pattern, how] of statements) {
    for (const match of text.matchAll(pattern)) add(match.index!, match[1] ?? match[2], how);
  }
  for (const match of text.matchAll(/\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b/gi)) {
    for (const table of lockedTables(text, match.index!)) add(match.index!, table, 'SELECT … FOR UPDATE');
  }
  for (const [name, table] of context.functions) {
    for (const match of text.matchAll(new RegExp(`\\b${name}\\s*\\(`, 'gi'))) {
      if (!/\bFUNCTION\s+$/i.test(text.slice(Math.max(0, match.index! - 40), match.index!))) {
        add(match.index!, table, `${name}()`);
      }
    }
  }
  return found;
}

/** The tables a locking SELECT locks: those of its FROM and JOIN clauses, or only those named by `OF`. */
function lockedTables(text: string, lockAt: number): string[] {
  const start = Math.max(text.lastIndexOf(';', lockAt) + 1, 0);
  const statement = text.slice(start, lockAt + 200);
  const aliases = new Map<string, string>();
  const pattern = new RegExp(
    `\\b(?:FROM|JOIN)\\s+${IDENT}(?:\\s+(?:AS\\s+)?(?!WHERE|JOIN|ON|ORDER|GROUP|LIMIT|FOR|LEFT|INNER|CROSS)([a-z_]\\w*))?`,
    'gi',
  );
  for (const match of statement.slice(0, lockAt - start).matchAll(pattern)) {
    aliases.set((match[2] ?? match[1]).toLowerCase(), match[1].toLowerCase());
  }
  const of = /^\s*FOR\s+(?:NO\s+KEY\s+|KEY\s+)?(?:UPDATE|SHARE)\s+OF\s+([\w\s,]+)/i.exec(text.slice(lockAt));
  if (!of) return [...new Set(aliases.values())];
  return of[1]
    .split(',')
    .map((alias) => alias.trim().split(/\s+/)[0].toLowerCase())
    .map((alias) => aliases.get(alias) ?? alias);
}

/** Writes through TypeORM in code (with its literals blanked out); `line` holds the offset until mapped. */
function typeOrmWrites(code: string, context: ScanContext): TableWrite[] {
  const found: TableWrite[] = [];
  const entityTable = (name: string) => context.tableOfEntity.get(name);
  const add = (offset: number, entity: string, how: string) => {
    const table = entityTable(entity);
    if (table) found.push({ line: offset, table, how });
  };
  const repository = String.raw`(?:\brepo|\bgetRepository)\s*(?:<[^>]*>)?\(\s*(\w+)\s*\)`;
  for (const m of code.matchAll(new RegExp(`${repository}\\s*\\.\\s*(${REPOSITORY_WRITES})\\s*\\(`, 'g'))) {
    add(m.index!, m[1], `repository.${m[2]}`);
  }
  for (const m of code.matchAll(
    new RegExp(
      `${repository}\\s*\\.\\s*createQueryBuilder\\([^)]*\\)\\s*\\.\\s*(update|delete|insert|softDelete)\\s*\\(`,
      'g',
    ),
  )) {
    add(m.index!, m[1], `query builder ${m[2]}`);
  }
  for (const m of code.matchAll(
    new RegExp(`${repository}\\s*\\.\\s*(?:findOne|findOneOrFail|find)\\s*\\(\\s*\\{[^;]*?\\block\\s*:`, 'g'),
  )) {
    add(m.index!, m[1], 'pessimistic lock');
  }
  for (const m of code.matchAll(
    new RegExp(`${repository}\\s*\\.\\s*createQueryBuilder\\([^;]*?\\.setLock\\(`, 'g'),
  )) {
    add(m.index!, m[1], 'pessimistic lock');
  }
  // A repository kept in a variable: `const repo = tx.getRepository(Review); … repo.save(review)`. Each use
  // belongs to the nearest declaration of its name before it, so that `repo` of one method is not another's.
  const declarations = [...code.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*([^;]*);/g)].map((m) => ({
    offset: m.index!,
    name: m[1],
    entity: new RegExp(`^[\\w.]*?${repository}\\s*$`).exec(m[2].trim())?.[1] ?? null,
  }));
  for (const use of code.matchAll(new RegExp(`\\b(\\w+)\\s*\\.\\s*(${REPOSITORY_WRITES})\\s*\\(`, 'g'))) {
    const declared = declarations.filter((d) => d.name === use[1] && d.offset < use.index!).at(-1);
    if (declared?.entity) add(use.index!, declared.entity, `repository.${use[2]}`);
  }
  // An entity manager naming the entity first: `manager.insert(Order, …)`, `tx.update(User, …)`.
  for (const m of code.matchAll(new RegExp(`\\.\\s*(${MANAGER_WRITES})\\s*\\(\\s*(\\w+)\\s*,`, 'g'))) {
    add(m.index!, m[2], `manager.${m[1]}`);
  }
  for (const m of code.matchAll(/\.\s*insert\s*\(\s*\)\s*\.\s*into\s*\(\s*(\w+)/g))
    add(m.index!, m[1], 'insert().into()');
  for (const m of code.matchAll(/\.\s*(?:delete|softDelete)\s*\(\s*\)\s*\.\s*from\s*\(\s*(\w+)/g)) {
    add(m.index!, m[1], 'delete().from()');
  }
  for (const m of code.matchAll(/\.\s*update\s*\(\s*(\w+)\s*\)/g))
    add(m.index!, m[1], 'query builder update()');
  return found;
}

/** The code with comments removed and literals blanked (newlines kept), and the literals' text. */
function split(source: string): { code: string; literals: Literal[] } {
  let code = '';
  const literals: Literal[] = [];
  let i = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      code += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const stop = source.indexOf('*/', i + 2) + 2 || source.length;
      code += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = literalEnd(source, i);
      const raw = source.slice(i + 1, end - 1);
      literals.push({ text: raw, offset: i });
      code += c + blank(raw) + c;
      i = end;
    } else {
      code += c;
      i++;
    }
  }
  return { code, literals };
}

/** The index just past the literal that opens at `start`, template expressions (even nested) included. */
function literalEnd(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (quote === '`' && c === '$' && source[i + 1] === '{') {
      let depth = 1;
      i += 2;
      while (i < source.length && depth > 0) {
        if (source[i] === '{') depth++;
        else if (source[i] === '}') depth--;
        else if ('\'"`'.includes(source[i])) {
          i = literalEnd(source, i);
          continue;
        }
        i++;
      }
    } else if (quote !== '`' && c === '\n') return i;
    else i++;
  }
  return i;
}

/** Names bound to a string literal in the file (`const TABLE = 'rate_limits'`), for template interpolations. */
function stringConstants(literals: Literal[], code: string): Map<string, string> {
  const constants = new Map<string, string>();
  for (const literal of literals) {
    const before = code.slice(Math.max(0, literal.offset - 80), literal.offset);
    const match = /\b(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*$/.exec(before);
    if (match) constants.set(match[1], literal.text);
  }
  return constants;
}

/** A template's text with each `${…}` replaced by the constant it names, or by `__expression__`. */
function interpolated(text: string, constants: ReadonlyMap<string, string>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
        j++;
      }
      const expression = text.slice(i + 2, j - 1).trim();
      out += constants.get(expression) ?? '__expression__';
      i = j;
    } else out += text[i++];
  }
  return out;
}

function stripSqlComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, (comment) => ' '.repeat(comment.length));
}

function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
