import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../core/config';
import { decodeGlobalId } from '../core/relay/global-id';
import { WebAssets } from './assets';
import { explorerHtml, notBuiltHtml, poolPageHtml, sendPage } from './pages';

export type WebRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

/**
 * The browser pages: the GraphiQL explorer at GET /graphql for a browser (one that accepts text/html; outside
 * production, or with EXPLORER=true), its bundles under /explorer/, and the live pool page at /pools/<pool id>
 * with its bundles under /pool-page/. Answers true when it handled the request; everything else, a GraphQL GET
 * without text/html included, is left to the caller.
 */
export function createWebRoutes(config: Config, assets = new WebAssets()): WebRoutes {
  const explorer = config.EXPLORER ?? !config.production;

  return async (req, res, path) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/graphql') {
      if (!explorer || !acceptsHtml(req.headers.accept)) return false;
      const manifest = assets.manifest();
      if (!manifest) sendPage(res, 'explorer', 503, notBuiltHtml());
      else sendPage(res, 'explorer', 200, explorerHtml(manifest.explorer));
      return true;
    }
    if (path.startsWith('/pools/')) {
      const manifest = assets.manifest();
      if (!isPoolId(path.slice('/pools/'.length))) return false;
      if (!manifest) sendPage(res, 'poolPage', 503, notBuiltHtml());
      else sendPage(res, 'poolPage', 200, poolPageHtml(manifest.poolPage));
      return true;
    }
    if ((explorer && path.startsWith('/explorer/')) || path.startsWith('/pool-page/')) {
      return assets.serve(req, res, path);
    }
    return false;
  };
}

/** True when the Accept header lists text/html with a non-zero quality, as browsers send for a page. */
export function acceptsHtml(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    if (type.trim() !== 'text/html') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

function isPoolId(id: string): boolean {
  try {
    return decodeGlobalId(id).type === 'GroupBuyPool';
  } catch {
    return false;
  }
}
