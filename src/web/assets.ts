import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';

/** The file `scripts/build-web.ts` writes beside the bundles: which hashed files each page links. */
export const WEB_MANIFEST = 'manifest.json';

export interface PageAssets {
  script: string;
  style?: string;
}

export interface WebManifest {
  explorer: PageAssets;
  poolPage: PageAssets;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The folder holding package.json, found from this file both as TypeScript source and as compiled output. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * The bundles built into dist/web. Their names carry a content hash, so they are cached for a year; the HTML
 * that links them is never cached. Gzipped copies made by the build are sent to clients that accept them.
 */
export class WebAssets {
  private manifestCache: WebManifest | null = null;

  constructor(readonly dir = join(projectRoot(), 'dist', 'web')) {}

  /** Null until the pages are built (`npm run build`); read once found. */
  manifest(): WebManifest | null {
    if (!this.manifestCache) {
      try {
        this.manifestCache = JSON.parse(readFileSync(join(this.dir, WEB_MANIFEST), 'utf8')) as WebManifest;
      } catch {
        return null;
      }
    }
    return this.manifestCache;
  }

  /** Sends the built file at `urlPath` (e.g. `/explorer/explorer-AB12CD.js`); false when there is none. */
  async serve(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean> {
    const type = CONTENT_TYPES[extname(urlPath)];
    const file = normalize(join(this.dir, urlPath));
    if (!type || !file.startsWith(this.dir + sep) || urlPath.includes('\0')) return false;
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = (gzip && (await readOrNull(`${file}.gz`))) || null;
    const content = body ?? (await readOrNull(file));
    if (!content) return false;
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('vary', 'accept-encoding');
    if (body) res.setHeader('content-encoding', 'gzip');
    res.setHeader('content-length', content.length);
    res.end(req.method === 'HEAD' ? undefined : content);
    return true;
  }
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    return null;
  }
}
