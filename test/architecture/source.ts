import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository's root. */
export const ROOT = join(__dirname, '..', '..');

/** Every file below `dir` (relative to the root) whose name ends with one of `endings`, as root-relative paths. */
export function filesUnder(dir: string, endings: string[] = ['.ts']): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => endings.some((ending) => name.endsWith(ending)))
    .map((name) => join(dir, name))
    .sort();
}

export function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

export interface Import {
  /** The specifier as written. */
  specifier: string;
  /** Root-relative path of a relative import, without extension; null for a package. */
  target: string | null;
  /** `import './x'`: imported for what it does when loaded, not for what it exports. */
  sideEffect: boolean;
}

/** The static imports and re-exports of a TypeScript file. */
export function importsOf(file: string): Import[] {
  const text = read(file);
  const found: Import[] = [];
  const pattern = /^\s*(import|export)\s+(?:type\s+)?(?:([^'";]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const [, keyword, clause, specifier] = match;
    if (keyword === 'export' && clause === undefined) continue;
    const target = specifier.startsWith('.')
      ? relative(ROOT, resolve(join(ROOT, dirname(file)), specifier))
      : null;
    found.push({ specifier, target, sideEffect: keyword === 'import' && clause === undefined });
  }
  return found;
}

/** `file:line: text` for each line of `files` that matches `pattern`. */
export function linesMatching(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}
