import { createLogger } from '../../src/core/logger';
import { seedIfEmpty } from '../../src/seed/seed';
import { DEMO_PASSWORD } from '../../src/seed/users.seed';
import { startTestServer, type TestServer } from '../helpers/server';

describe('the demo village’s trust network', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    await seedIfEmpty(server.container, createLogger('silent'));
    const login = await server.gql(LOGIN, {
      input: { email: 'anna@dorfmarkt.example', password: DEMO_PASSWORD },
    });
    token = login.data.login.accessToken;
  });
  afterAll(() => server.close());

  it('recommends Eva, Franz, Hans and Greta to Anna, through the people she trusts', async () => {
    const res = await server.gql(ANNA, {}, token);
    const recommendations = res.data.me.friendRecommendations.map(
      (r: {
        user: { handle: string };
        score: number;
        mutualCount: number;
        via: Array<{ handle: string }>;
      }) => [r.user.handle, r.score, r.mutualCount, r.via.map((v) => v.handle).sort()],
    );
    // eva: 1 − (1 − 1·0.4)(1 − 0.8·0.8); franz: 1 − (1 − 0.8·0.6)(1 − 0.6·0.8); hans: 1·0.6; greta: 0.6·0.4
    expect(recommendations).toEqual([
      ['eva', expect.closeTo(0.784, 12), 2, ['bernd', 'clara']],
      ['franz', expect.closeTo(0.7296, 12), 2, ['clara', 'dieter']],
      ['hans', expect.closeTo(0.6, 12), 1, ['bernd']],
      ['greta', expect.closeTo(0.24, 12), 1, ['dieter']],
    ]);
  });

  it('shows Anna’s trust in the village and its blocks', async () => {
    const res = await server.gql(TRUST_IN, {}, token);
    expect(res.data).toEqual({
      me: { trusteeCount: 3, trusterCount: 4 },
      // Jakob's block removed Franz's trust in him: he is reached through Hans alone, who trusts him fully
      jakob: { viewerTrust: expect.closeTo(1, 12), trusterCount: 1 },
      // (0.8 · 0.6 + 0.6 · 0.8) / (0.8 + 0.6), through Clara and Dieter
      franz: { viewerTrust: expect.closeTo(0.96 / 1.4, 12), trusterCount: 2 },
    });
  });
});

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
    }
  }
`;

const ANNA = /* GraphQL */ `
  query Anna {
    me {
      friendRecommendations {
        user {
          handle
        }
        score
        mutualCount
        via {
          handle
        }
      }
    }
  }
`;

const TRUST_IN = /* GraphQL */ `
  query TrustIn {
    me {
      trusteeCount
      trusterCount
    }
    jakob: user(handle: "jakob") {
      viewerTrust
      trusterCount
    }
    franz: user(handle: "franz") {
      viewerTrust
      trusterCount
    }
  }
`;
