import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Copies the SQL files the server reads at run time (the pool rules of src/pools/sql/, applied by a migration)
 * next to the compiled code in dist/src, which tsc leaves out. Run by `npm run build`, so dist and the production
 * image built from it have them.
 */
export function copySql(root: string): string[] {
  const copied = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.sql'))
    .sort();
  for (const name of copied) {
    const target = join(root, 'dist', 'src', name);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, 'src', name), target);
  }
  return copied;
}

if (require.main === module) copySql(join(__dirname, '..', '..'));
