import request from 'supertest';
import { countStatements } from '../helpers/sql-counter';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

/**
 * The default limits (depth 15, cost 10,000, 30 aliases, 50 directives, 5,000 tokens) on both transports,
 * against the test-only `testItems` connection (one SQL statement when it runs) and the endless `testItem.child`.
 */
describe('query limits', () => {
  let server: TestServer;
  let statements: ReturnType<typeof countStatements>;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_BODY_BYTES: '200000' } });
    statements = countStatements();
  });
  afterAll(async () => {
    statements.restore();
    await server.close();
  });

  /** Sends over HTTP and returns status and errors, with the number of SQL statements the API sent meanwhile. */
  async function overHttp(query: string, variables: Record<string, unknown> = {}) {
    statements.take();
    const res = await server.gql(query, variables);
    return { status: res.status, errors: res.errors, data: res.data, statements: statements.take() };
  }

  async function overSocket(query: string, variables: Record<string, unknown> = {}) {
    const socket = connectSocket(server.url);
    try {
      statements.take();
      const result = await socket.execute(query, variables);
      const after = await socket.execute('{ __typename }');
      return { ...result, statements: statements.take(), stillOpen: after.data?.__typename === 'Query' };
    } finally {
      await socket.close();
    }
  }

  describe('over HTTP', () => {
    it('admits nested pages within the cost limit, given as variables, and runs them', async () => {
      const res = await overHttp(NESTED_PAGES, { outer: 20, inner: 20 });
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data.testItems.edges).toHaveLength(20);
      expect(res.data.testItems.edges[19].node.children.edges).toHaveLength(20);
      expect(res.statements).toBe(1);
    });

    it('refuses a 20-level query with 400 naming the depth limit, before any database work', async () => {
      const res = await overHttp(deepQuery(20));
      expect(res.status).toBe(400);
      expect(res.errors).toEqual([
        {
          message: 'Query depth limit of 15 exceeded, found 20.',
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' }),
        },
      ]);
      expect(res.statements).toBe(0);
    });

    it('refuses pages that multiply past the cost limit, whether `first` is a literal or a variable', async () => {
      const literal = await overHttp(
        NESTED_PAGES.replace('($outer: Int, $inner: Int)', '')
          .replace('$outer', '100')
          .replace('$inner', '100'),
      );
      const variables = await overHttp(NESTED_PAGES, { outer: 100, inner: 100 });
      for (const res of [literal, variables]) {
        expect(res.status).toBe(400);
        expect(res.errors).toEqual([
          {
            message: 'Query cost limit of 10000 exceeded, found 20301.',
            extensions: expect.objectContaining({
              code: 'GRAPHQL_VALIDATION_FAILED',
              limit: 'cost',
              cost: 20301,
            }),
          },
        ]);
        expect(res.statements).toBe(0);
      }
    });

    it('estimates again when a variable decides whether a costly part runs', async () => {
      const query = /* GraphQL */ `
        query Maybe($deep: Boolean!) {
          testItems(first: 100) {
            edges {
              node {
                n
                children(first: 100) @include(if: $deep) {
                  edges {
                    node {
                      n
                    }
                  }
                }
              }
            }
          }
        }
      `;
      for (const deep of [false, true, false]) {
        const res = await overHttp(query, { deep });
        expect([res.status, res.errors?.[0].extensions?.limit]).toEqual(
          deep ? [400, 'cost'] : [200, undefined],
        );
      }
    });

    it('counts a connection asked without `first` at the default page size of 20', async () => {
      const res = await overHttp(
        `{ testItems { edges { node { children { edges { node { a: children { edges { node { n } } } } } } } } } }`,
      );
      // 1 + 20 × (edge 1 + node 1 + children (1 + 20 × (edge 1 + node 1 + a (1 + 20 × 2)))) = 17,261
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions).toEqual(expect.objectContaining({ limit: 'cost', cost: 17261 }));
    });

    it('refuses a 500-alias bomb with 400 naming the alias limit', async () => {
      const res = await overHttp(aliasBomb(500));
      expect(res.status).toBe(400);
      expect(res.errors?.map((e) => [e.message, e.extensions?.limit])).toEqual([
        ['Aliases limit of 30 exceeded, found 500.', 'aliases'],
      ]);
      expect(res.statements).toBe(0);
    });

    it('refuses more than 50 directives with 400', async () => {
      const res = await overHttp(`{ testItem { n ${'@include(if: true) '.repeat(51)} } }`);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]).toEqual(
        expect.objectContaining({
          message: 'Directives limit of 50 exceeded, found 51.',
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'directives' }),
        }),
      );
    });

    it('refuses a document over 5,000 tokens with 400 as a parse failure', async () => {
      const res = await overHttp(`{ ${'__typename '.repeat(5001)}}`);
      expect(res.status).toBe(400);
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.',
          extensions: expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }),
        }),
      ]);
      expect(res.statements).toBe(0);
    });

    it('refuses a body over MAX_BODY_BYTES with 413 before reading it whole', async () => {
      statements.take();
      const res = await request(server.url)
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ __typename }', variables: { padding: 'x'.repeat(250_000) } });
      expect(res.status).toBe(413);
      expect(res.body.errors).toEqual([
        { message: 'Request body over 200000 bytes.', extensions: { code: 'BAD_USER_INPUT' } },
      ]);
      expect(statements.take()).toBe(0);
    });
  });

  describe('over WebSocket', () => {
    it('admits nested pages within the cost limit and runs them', async () => {
      const res = await overSocket(NESTED_PAGES, { outer: 20, inner: 20 });
      expect(res.errors).toBeUndefined();
      expect(res.data.testItems.edges).toHaveLength(20);
      expect(res.statements).toBe(1);
    });

    it('refuses a 20-level query with the same error, and the socket stays usable', async () => {
      const res = await overSocket(deepQuery(20));
      expect(res.errors).toEqual([
        {
          message: 'Query depth limit of 15 exceeded, found 20.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' },
        },
      ]);
      expect(res.statements).toBe(0);
      expect(res.stillOpen).toBe(true);
    });

    it('refuses pages over the cost limit given as variables', async () => {
      const res = await overSocket(NESTED_PAGES, { outer: 100, inner: 100 });
      expect(res.errors).toEqual([
        {
          message: 'Query cost limit of 10000 exceeded, found 20301.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', cost: 20301 },
        },
      ]);
      expect(res.statements).toBe(0);
      expect(res.stillOpen).toBe(true);
    });

    it('refuses a 500-alias bomb and a document over the token limit', async () => {
      const aliases = await overSocket(aliasBomb(500));
      expect(aliases.errors?.map((e) => [e.message, e.extensions.code])).toEqual([
        ['Aliases limit of 30 exceeded, found 500.', 'GRAPHQL_VALIDATION_FAILED'],
      ]);
      const tokens = await overSocket(`{ ${'__typename '.repeat(5001)}}`);
      expect(tokens.errors).toEqual([
        expect.objectContaining({
          message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.',
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        }),
      ]);
      expect(aliases.statements + tokens.statements).toBe(0);
      expect(tokens.stillOpen).toBe(true);
    });

    it('closes a socket whose message is over MAX_BODY_BYTES with 1009', async () => {
      const socket = connectSocket(server.url);
      const result = socket.execute('{ __typename }', { padding: 'x'.repeat(250_000) }).catch((e) => e);
      expect(await socket.closed).toBe(1009);
      await result;
    });
  });
});

const NESTED_PAGES = /* GraphQL */ `
  query NestedPages($outer: Int, $inner: Int) {
    testItems(first: $outer) {
      edges {
        node {
          n
          children(first: $inner) {
            edges {
              node {
                n
              }
            }
          }
        }
      }
    }
  }
`;

/** `levels` deep: `testItem`, then children, then the leaf `n`. */
function deepQuery(levels: number): string {
  return `{ testItem { ${'child { '.repeat(levels - 2)}n${' }'.repeat(levels - 2)} } }`;
}

function aliasBomb(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;
}
