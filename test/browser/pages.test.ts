import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import request from 'supertest';
import { exampleTabs } from '../../src/web/client/explorer/examples';
import { toGlobalId } from '../../src/core/relay/global-id';
import { buildWeb } from '../../scripts/build-web';
import { startTestServer, type TestServer } from '../helpers/server';

const POOL_ID = toGlobalId('GroupBuyPool', '2b0f7f4e-8a55-4a53-9d7a-0d6c2b9c1f10');
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the browser pages over HTTP', () => {
  let dev: TestServer;
  let production: TestServer;
  let productionWithExplorer: TestServer;

  beforeAll(async () => {
    await buildWeb();
    const prod = { NODE_ENV: 'production' };
    [dev, production, productionWithExplorer] = await Promise.all([
      startTestServer(),
      startTestServer({ env: prod }),
      startTestServer({ env: { ...prod, EXPLORER: 'true' } }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([dev?.close(), production?.close(), productionWithExplorer?.close()]);
  });

  it('answers a browser at /graphql with the explorer, allowed to load only from this server', async () => {
    const res = await request(dev.url).get('/graphql').set('accept', BROWSER_ACCEPT);
    expect(res.status).toEqual(200);
    expect(res.headers['content-type']).toEqual('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toEqual('no-cache');
    expect(res.headers['content-security-policy']).toEqual(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
        "img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
    expect(linksOf(res.text)).toEqual([
      expect.stringMatching(/^\/explorer\/explorer-\w+\.css$/),
      expect.stringMatching(/^\/explorer\/explorer-\w+\.js$/),
    ]);
  });

  it('serves the bundles the pages link with year-long caching, gzipped for clients that accept it', async () => {
    const page = await request(dev.url).get('/graphql').set('accept', 'text/html');
    const [style, script] = linksOf(page.text);
    const js = await request(dev.url).get(script).set('accept-encoding', 'gzip');
    expect(js.status).toEqual(200);
    expect(js.headers['content-type']).toEqual('text/javascript; charset=utf-8');
    expect(js.headers['content-encoding']).toEqual('gzip');
    expect(js.headers['cache-control']).toEqual('public, max-age=31536000, immutable');
    const css = await request(dev.url).get(style).set('accept-encoding', 'identity');
    expect(css.status).toEqual(200);
    expect(css.headers['content-type']).toEqual('text/css; charset=utf-8');
    expect(css.headers['content-encoding']).toBeUndefined();
  });

  it('answers 404 for files that are not built bundles', async () => {
    for (const path of [
      '/explorer/missing-ABCDEFGH.js',
      '/explorer/../web/manifest.json',
      '/pool-page/x.json',
    ]) {
      const res = await request(dev.url).get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('keeps a GET without text/html a GraphQL request, still refused by CSRF prevention', async () => {
    const plain = await request(dev.url)
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('accept', 'application/json');
    expect(plain.status).toEqual(400);
    expect(plain.text).toContain('Cross-Site Request Forgery');
    const preflighted = await request(dev.url)
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('accept', 'application/json')
      .set('apollo-require-preflight', 'true');
    expect(preflighted.status).toEqual(200);
    expect(preflighted.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('shows no explorer in production unless EXPLORER=true', async () => {
    const hidden = await request(production.url).get('/graphql').set('accept', BROWSER_ACCEPT);
    expect(hidden.status).toEqual(400);
    expect(hidden.headers['content-type']).toMatch(/^application\/json/);
    const page = await request(production.url).get('/graphql').set('accept', 'text/html');
    expect(page.status).toEqual(400);
    const shown = await request(productionWithExplorer.url).get('/graphql').set('accept', BROWSER_ACCEPT);
    expect(shown.status).toEqual(200);
    const [, script] = linksOf(shown.text);
    expect((await request(productionWithExplorer.url).get(script)).status).toEqual(200);
    expect((await request(production.url).get(script)).status).toEqual(404);
  });

  it('serves the pool page for any pool ID to anyone, in production too, and 404 for other IDs', async () => {
    for (const server of [dev, production]) {
      const res = await request(server.url).get(`/pools/${POOL_ID}`);
      expect(res.status).toEqual(200);
      expect(res.headers['content-security-policy']).toEqual(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
          "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(res.text).toContain('<strong data-testid="committed-quantity" id="committed">');
      const [style, script] = linksOf(res.text);
      expect((await request(server.url).get(script)).status).toEqual(200);
      expect((await request(server.url).get(style)).status).toEqual(200);
    }
    const userId = toGlobalId('User', '2b0f7f4e-8a55-4a53-9d7a-0d6c2b9c1f10');
    for (const path of [`/pools/${userId}`, '/pools/not-an-id', '/pools/']) {
      expect([path, (await request(dev.url).get(path)).status]).toEqual([path, 404]);
    }
  });
});

describe("the explorer's example operations", () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));

  it('are valid against the schema once it has every root field they use', () => {
    const checked = exampleTabs.filter((tab) => hasRootFields(schema, tab.query));
    for (const tab of checked) {
      const errors = validate(schema, parse(tab.query)).map((e) => e.message);
      expect([tab.query.split('\n')[0], errors]).toEqual([tab.query.split('\n')[0], []]);
    }
    expect(checked.length).toBeGreaterThanOrEqual(1);
  });
});

/** Whether every root field the operations of `query` select exists (a slice not merged yet lacks them). */
function hasRootFields(schema: GraphQLSchema, query: string): boolean {
  return parse(query).definitions.every((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return true;
    const root = schema.getRootType(definition.operation);
    return definition.selectionSet.selections.every(
      (s) => s.kind === Kind.FIELD && root?.getFields()[s.name.value] !== undefined,
    );
  });
}

/** The stylesheet and script URLs a page links, in order. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/<(?:link rel="stylesheet"|script type="module") (?:href|src)="([^"]+)"/g)].map(
    (m) => m[1],
  );
}
