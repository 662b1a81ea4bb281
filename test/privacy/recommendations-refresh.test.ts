import { type TestUser, createUser, createUsers, addTrust } from '../helpers/factories';
import { sql } from '../helpers/database';
import { untilSubscribed, updatePrivacy } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { trust, untrust } from '../helpers/trust-factories';
import { connectSocket, type Subscription } from '../helpers/ws-client';

jest.setTimeout(60_000);

interface Recommendation {
  user: { handle: string };
  via: Array<{ handle: string }>;
  reason: string;
}
type Pushed = { friendRecommendationsChanged: Recommendation[] };

/**
 * Privacy settings that change others' friend recommendations refresh them live, like a change of trust does:
 * discoverability (whether one is recommended at all), the trust-list audience (whether one is named as the
 * intermediary) and the erasure of the account.
 */
describe('friend recommendations after a change of privacy', () => {
  let server: TestServer;
  let anna: TestUser, bernd: TestUser, clara: TestUser, nudge: TestUser;
  let socket: ReturnType<typeof connectSocket>;
  let sub: Subscription<Pushed>;

  beforeAll(async () => {
    server = await startTestServer();
    anna = await createUser(server, { handle: 'anna_refresh' });
    bernd = await createUser(server, { handle: 'bernd_refresh' });
    clara = await createUser(server, { handle: 'clara_refresh' });
    nudge = await createUser(server, { handle: 'nudge_refresh' });
    // Anna and Bernd trust each other, so Anna sees Bernd's trust list (the default audience) and him as `via`.
    await trust(server.gql, anna, bernd.id, 5);
    await trust(server.gql, bernd, anna.id, 4);
    await trust(server.gql, bernd, clara.id, 5);
    socket = connectSocket(server.url, anna.token);
    sub = socket.subscribe<Pushed>(LIVE);
    let step = 0;
    await untilSubscribed(sub, () =>
      step++ % 2 ? untrust(server.gql, bernd, nudge.id) : trust(server.gql, bernd, nudge.id, 3),
    );
    // From here on only Clara is two hops from Anna. Pushes the probes caused may still be on their way; each comes
    // before any push a later change causes, and the first test skips them.
    await untrust(server.gql, bernd, nudge.id);
  });

  afterAll(async () => {
    sub?.dispose();
    await socket?.close();
    await server?.close();
  });

  const clarasEntry = (via: string[]): Recommendation => ({
    user: { handle: clara.handle },
    via: via.map((handle) => ({ handle })),
    reason: via.length ? `Trusted by ${via.join(', ')}, whom you trust.` : 'Trusted by someone you trust.',
  });
  const next = async () => (await sub.next(20_000)).data!.friendRecommendationsChanged;

  it('drops someone who stops being discoverable, and brings them back', async () => {
    await updatePrivacy(server.gql, clara, { discoverable: false });
    // No push of the probes was empty: Clara was always recommended.
    await sub.until((d) => d.friendRecommendationsChanged.length === 0, 20_000);
    await updatePrivacy(server.gql, clara, { discoverable: true });
    expect(await next()).toEqual([clarasEntry([bernd.handle])]);
  });

  it('drops a recommendation that runs only through a trust list turned PRIVATE, and names the intermediary once it opens', async () => {
    // Clara is two hops away only through Bernd's edge: once his list is PRIVATE, one person's private edge
    // alone must not recommend her (it would tell Anna whom Bernd trusts).
    await updatePrivacy(server.gql, bernd, { trustListAudience: 'PRIVATE' });
    expect(await next()).toEqual([]);
    await updatePrivacy(server.gql, bernd, { trustListAudience: 'PUBLIC' });
    expect(await next()).toEqual([clarasEntry([bernd.handle])]);
  });

  it('reaches the viewer when the person is trusted by more people than one event can name', async () => {
    // 150 trusters make about 15 KB of pairs, beyond what one PostgreSQL NOTIFY carries (8,000 bytes).
    const [eva, popular, probe, ...trusters] = await createUsers(server, 153);
    const friend = trusters.at(-1)!;
    const db = await sql(server.databaseUrl);
    try {
      for (const truster of trusters) await addTrust(db, truster, popular, 3);
      await addTrust(db, eva, friend, 5);
    } finally {
      await db.close();
    }
    const evasSocket = connectSocket(server.url, eva.token);
    try {
      const evas = evasSocket.subscribe<Pushed>(LIVE);
      let step = 0;
      await untilSubscribed(evas, () =>
        step++ % 2 ? untrust(server.gql, friend, probe.id) : trust(server.gql, friend, probe.id, 1),
      );
      await untrust(server.gql, friend, probe.id);
      await updatePrivacy(server.gql, popular, { discoverable: false });
      // No push of the probes was empty: the popular person was always recommended.
      await evas.until((d) => d.friendRecommendationsChanged.length === 0, 20_000);
      await updatePrivacy(server.gql, popular, { discoverable: true });
      const back = (await evas.next(20_000)).data!.friendRecommendationsChanged;
      expect(back.map((r) => r.user.handle)).toEqual([popular.handle]);
      evas.dispose();
    } finally {
      await evasSocket.close();
    }
  });

  it('drops someone whose account is erased', async () => {
    const res = await server.gql(
      `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { userErrors { code } } }`,
      { input: { password: clara.password, reviews: 'DELETE' } },
      clara.token,
    );
    expect(res.data.deleteMyAccount).toEqual({ userErrors: [] });
    expect(await next()).toEqual([]);
  });
});

const LIVE = `subscription { friendRecommendationsChanged { user { handle } via { handle } reason } }`;
