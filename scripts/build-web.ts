import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { type PageAssets, projectRoot, WEB_MANIFEST, type WebManifest } from '../src/web/assets';

/**
 * Bundles the browser pages (GraphiQL explorer, live pool page) with esbuild into dist/web, with content-hashed
 * file names, and writes the manifest the server reads to link them. Everything a page loads (scripts, styles,
 * Monaco's workers, fonts) comes out of this build, so the pages work on a machine without internet.
 *
 * Run by `npm run build`. Skipped when the manifest is newer than every input (`--force` rebuilds).
 */
export async function buildWeb(options: { force?: boolean; log?: (line: string) => void } = {}) {
  const root = projectRoot();
  const target = join(root, 'dist', 'web');
  const manifestPath = join(target, WEB_MANIFEST);
  const log = options.log ?? (() => undefined);
  if (!options.force && isFresh(manifestPath, root)) {
    log('web pages are up to date');
    return JSON.parse(readFileSync(manifestPath, 'utf8')) as WebManifest;
  }
  const started = Date.now();
  // Built aside and moved into place at the end, so that two builds at once (parallel test files) never mix.
  const outdir = join(root, 'dist', `web-${process.pid}-${started}`);
  mkdirSync(outdir, { recursive: true });
  const manifest = await bundle(root, outdir);
  compress(outdir);
  writeFileSync(join(outdir, WEB_MANIFEST), JSON.stringify(manifest, null, 2));
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(outdir, target);
  } catch {
    rmSync(outdir, { recursive: true, force: true }); // another build just put the same bundles in place
  }
  log(`web pages built in ${Date.now() - started} ms`);
  return manifest;
}

async function bundle(root: string, outdir: string): Promise<WebManifest> {
  const client = join(root, 'src', 'web', 'client');
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    target: 'es2022',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  };
  // Monaco runs its language services in workers, which GraphiQL asks for by label (explorer/workers.ts).
  const workers = await build({
    ...common,
    entryPoints: {
      editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
      json: 'monaco-editor/esm/vs/language/json/json.worker.js',
      graphql: 'monaco-graphql/esm/graphql.worker.js',
    },
    entryNames: '[name].worker-[hash]',
    format: 'iife',
    outdir: join(outdir, 'explorer'),
  });
  const explorer = await build({
    ...common,
    entryPoints: { explorer: join(client, 'explorer', 'explorer.tsx') },
    format: 'esm',
    jsx: 'automatic',
    outdir: join(outdir, 'explorer'),
    define: { ...common.define, __MONACO_WORKERS__: JSON.stringify(workerUrls(workers.metafile!, outdir)) },
  });
  const pool = await build({
    ...common,
    entryPoints: { 'pool-page': join(client, 'pool', 'pool-page.ts') },
    format: 'esm',
    outdir: join(outdir, 'pool-page'),
  });
  const page = (metafile: Metafile): PageAssets => {
    const [{ script, style }] = entryAssets(metafile, outdir);
    return { script, style };
  };
  return { explorer: page(explorer.metafile!), poolPage: page(pool.metafile!) };
}

/** The URL path of each entry's script and stylesheet, in entry order. */
function entryAssets(metafile: Metafile, outdir: string): Array<PageAssets & { name: string }> {
  const url = (file: string) => `/${relative(outdir, join(projectRoot(), file))}`;
  return Object.entries(metafile.outputs)
    .filter(([file, output]) => output.entryPoint !== undefined && file.endsWith('.js'))
    .map(([file, output]) => ({
      name: /([^/]+?)(\.worker)?-[A-Z0-9]+\.js$/.exec(file)![1],
      script: url(file),
      style: output.cssBundle ? url(output.cssBundle) : undefined,
    }));
}

function workerUrls(metafile: Metafile, outdir: string): Record<string, string> {
  return Object.fromEntries(entryAssets(metafile, outdir).map((entry) => [entry.name, entry.script]));
}

/** Gzipped copies of the scripts and styles, sent to browsers that accept gzip (the explorer is ~5 MB). */
function compress(outdir: string): void {
  for (const file of filesUnder(outdir)) {
    if (['.js', '.css'].includes(extname(file))) writeFileSync(`${file}.gz`, gzipSync(readFileSync(file)));
  }
}

/** Up to date when the manifest is newer than the client sources, this script and the installed packages. */
function isFresh(manifestPath: string, root: string): boolean {
  const built = mtime(manifestPath);
  if (built === 0) return false;
  const inputs = [
    join(root, 'package-lock.json'),
    __filename,
    ...filesUnder(join(root, 'src', 'web', 'client')),
  ];
  return inputs.every((file) => mtime(file) < built);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name));
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

if (require.main === module) {
  buildWeb({ force: process.argv.includes('--force'), log: (line) => console.log(line) }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
