import { toGlobalId } from '../../src/core/relay/global-id';
import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';

describe('node and nodes', () => {
  let server: TestServer;
  let anna: TestUser;
  let ben: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    anna = await createUser(server);
    ben = await createUser(server);
  });
  afterAll(() => server.close());

  it('fetches a user by its global ID', async () => {
    const res = await server.gql(NODE, { id: anna.id });
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual({ __typename: 'User', id: anna.id, handle: anna.handle });
  });

  it('gives opaque, URL-safe IDs', () => {
    expect(anna.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(anna.id).not.toContain(anna.handle);
  });

  it('answers null for a well-formed ID that names nothing, or an object of an unknown type', async () => {
    const unknownUser = toGlobalId('User', '00000000-0000-4000-8000-000000000000');
    const unknownType = toGlobalId('Nothing', '00000000-0000-4000-8000-000000000000');
    const res = await server.gql(
      `query ($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`,
      { a: unknownUser, b: unknownType },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null });
  });

  it('keeps the order of nodes(ids:), with null for each unknown one', async () => {
    const unknown = toGlobalId('User', '00000000-0000-4000-8000-000000000001');
    const res = await server.gql(NODES, { ids: [ben.id, unknown, anna.id, ben.id] });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([
      { __typename: 'User', id: ben.id, handle: ben.handle },
      null,
      { __typename: 'User', id: anna.id, handle: anna.handle },
      { __typename: 'User', id: ben.id, handle: ben.handle },
    ]);
  });

  it('refuses a malformed ID with BAD_USER_INPUT naming it', async () => {
    for (const id of ['not-an-id', toGlobalId('User', 'not-a-uuid'), '%%%']) {
      const res = await server.gql(NODE, { id });
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ node: null });
      expect(res.errors).toEqual([
        {
          message: `"${id}" is not a valid ID.`,
          path: ['node'],
          locations: expect.any(Array),
          extensions: { code: 'BAD_USER_INPUT', id },
        },
      ]);
    }
  });

  it('refuses nodes(ids:) whole when one ID is malformed', async () => {
    const res = await server.gql(NODES, { ids: [anna.id, 'garbage'] });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['"garbage" is not a valid ID.', 'BAD_USER_INPUT'],
    ]);
  });

  it('refuses more than 100 IDs at once', async () => {
    const res = await server.gql(NODES, { ids: Array(101).fill(anna.id) });
    expect(res.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['At most 100 IDs at once.', 'BAD_USER_INPUT'],
    ]);
  });
});

const NODE = /* GraphQL */ `
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on User {
        handle
      }
    }
  }
`;

const NODES = /* GraphQL */ `
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on User {
        handle
      }
    }
  }
`;
