import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/core/db/embedded';
import { toGlobalId } from '../../src/core/relay/global-id';
import { createTestDatabase } from '../helpers/database';
import { type Command, type FreshClone, freshClone } from '../helpers/fresh-clone';
import { graphqlClient } from '../helpers/server';
import { metricValue, waitFor } from '../hardening/support';

const MINUTES = 60_000;

/**
 * The Dockerfile's steps without Docker, on a fresh clone: install with `npm ci`, build, drop the dev dependencies
 * (`npm prune --omit=dev`), then serve in production from what is left, with the Node 24 of the `node` package
 * (the image has its own Node 24; here the machine's may be older). Slow: CI runs it once.
 */
describe("the production image's steps, without Docker", () => {
  let clone: FreshClone;
  let server: Command | undefined;

  beforeAll(() => {
    clone = freshClone();
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    clone?.remove();
  });

  it(
    'installs with npm ci from the committed lock, builds, and prunes the dev dependencies',
    async () => {
      await clone.run('npm ci --no-audit --no-fund');
      await clone.run('npm run build');
      await clone.run('npm prune --omit=dev --no-audit --no-fund');
      const installed = (name: string) => existsSync(join(clone.dir, 'node_modules', name, 'package.json'));
      expect(['typescript', 'jest', 'esbuild', 'graphiql'].filter(installed)).toEqual([]);
      expect(['node', 'pg-boss', 'graphql'].filter(installed)).toEqual(['node', 'pg-boss', 'graphql']);
    },
    15 * MINUTES,
  );

  it(
    'serves in production from the pruned install: GraphQL, metrics on Node 24, and both pages with their assets',
    async () => {
      const port = await freePort();
      server = clone.start('node_modules/.bin/node dist/src/main.js', {
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: await createTestDatabase(),
        JWT_SECRET: 'a production secret of at least thirty-two characters',
        // The explorer is off in production unless asked for; asked for here, so that its assets are checked too.
        EXPLORER: 'true',
      });
      const url = `http://127.0.0.1:${port}`;
      await waitFor(
        'the production server to be ready',
        async () => {
          if (server!.child.exitCode !== null)
            throw new Error(`it exited:\n${server!.output().slice(-6000)}`);
          return (await fetch(`${url}/readyz`).catch(() => null))?.status === 200;
        },
        2 * MINUTES,
      );

      const res = await graphqlClient(url)('{ __typename products { totalCount } }');
      expect(res.data).toEqual({ __typename: 'Query', products: { totalCount: 0 } });
      expect(await metricValue(url, 'dorfmarkt_nodejs_version_info', { major: '24' })).toBe(1);

      for (const page of ['/graphql', `/pools/${toGlobalId('GroupBuyPool', randomUUID())}`]) {
        const html = await fetch(`${url}${page}`, { headers: { accept: 'text/html' } });
        expect([page, html.status]).toEqual([page, 200]);
        const assets = [...(await html.text()).matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
        expect(assets.length).toBeGreaterThanOrEqual(2);
        for (const asset of assets) {
          const answer = await fetch(`${url}${asset}`);
          expect([asset, answer.status]).toEqual([asset, 200]);
          expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(0);
        }
      }
      expect(await server.stop('SIGTERM')).toBe(0);
    },
    5 * MINUTES,
  );
});
