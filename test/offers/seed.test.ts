import { AccessTokens } from '../../src/auth/access-tokens';
import { createLogger } from '../../src/core/logger';
import { seedIfEmpty } from '../../src/seed/seed';
import { rows } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';

/** The demo village's offer permissions and offers, read back through the API by the people they concern. */
describe('the demo village’s offers', () => {
  let server: TestServer;
  let tokenOf: (handle: string) => Promise<string>;
  beforeAll(async () => {
    server = await startTestServer();
    expect(await seedIfEmpty(server.container, createLogger('silent'))).toBe(true);
    tokenOf = async (handle) => {
      const [{ id }] = await rows(server.databaseUrl, 'SELECT id FROM users WHERE handle = $1', [handle]);
      return server.container.get(AccessTokens).issue({ userId: id, sessionVersion: 0 });
    };
  });
  afterAll(() => server.close());

  const mine = async (handle: string) =>
    (
      await server.gql(
        `query { me { offerPermissions { category merchant { name } }
          offers { nodes { title reason merchant { name } } } } }`,
        {},
        await tokenOf(handle),
      )
    ).data.me;

  it('has a few permissions, and offers only where they were allowed, each with its reason', async () => {
    expect(await mine('eva')).toEqual({
      offerPermissions: [{ category: 'Cheese', merchant: null }],
      offers: {
        nodes: [
          {
            title: 'Bergkäse, 12 months: 10 % off this week',
            reason: 'You allow offers for Cheese.',
            merchant: { name: 'Käserei Maier' },
          },
        ],
      },
    });
    expect((await mine('greta')).offers.nodes.map((o: { reason: string }) => o.reason)).toEqual([
      'You allow offers from Käserei Maier.',
    ]);
    expect((await mine('ines')).offers.nodes).toEqual([
      {
        title: 'This year’s forest honey is in',
        reason: 'You allow offers from Imkerei Weber and for Honey.',
        merchant: { name: 'Imkerei Weber' },
      },
    ]);
    expect(await mine('clara')).toEqual({
      offerPermissions: [{ category: null, merchant: { name: 'Huber’s Backstube' } }],
      offers: { nodes: [] },
    });
    for (const handle of ['anna', 'franz', 'jakob']) expect((await mine(handle)).offers.nodes).toEqual([]);
  });
});
