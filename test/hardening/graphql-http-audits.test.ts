import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The GraphQL-over-HTTP conformance audits of the `graphql-http` package. No audit may fail; the warnings and
 * notices left are the ones the README explains: refused documents and variables answer 400 even to a client
 * that accepts only application/json (as Apollo Server does, and as our limits promise), and CSRF prevention
 * refuses GET requests that carry no preflight header.
 */
describe('GraphQL over HTTP audits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('passes every audit, with only the explained warnings', async () => {
    const results = [];
    for (const audit of serverAudits({ url: `${server.url}/graphql` })) {
      const result = await audit.fn();
      results.push({
        id: audit.id,
        name: audit.name,
        status: result.status,
        reason: 'reason' in result ? result.reason : undefined,
      });
    }
    expect(results.filter((r) => r.status === 'error')).toEqual([]);
    expect(results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.id}: ${r.reason}`)).toEqual([
      'notice 5A70: Response status code is not 200',
      'notice D6D5: Response status code is not 200',
      'notice 6A70: Response status code is not 200',
      'warn 572B: Response status code is not 200',
      'warn FDE2: Response status code is not 200',
      'warn 7B9B: Response status code is not 200',
    ]);
    expect(results.length).toBeGreaterThan(40);
  });
});
