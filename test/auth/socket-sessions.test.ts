import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '../helpers/database';
import { createUser, type TestUser } from '../helpers/factories';
import {
  createProduct,
  recommend,
  type TestProduct,
  untilSubscribed,
  updatePrivacy,
} from '../helpers/privacy-factories';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { type GraphQLClient, graphqlClient, startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

jest.setTimeout(90_000);

/** How long another instance may take to hear that sessions ended (as for HTTP, sessions-across-instances). */
const PROPAGATION_MS = 1_000;

/**
 * A socket acts as its user only while its token would be accepted over HTTP: it is closed with 4403, its
 * subscriptions ended, when the user's sessions end on any instance or the token expires; a client keeps its
 * subscriptions by renewing the token with a graphql-ws `ping`.
 */
describe('sockets after logout and expiry', () => {
  describe('across two server processes', () => {
    let a: ServerProcess;
    let b: ServerProcess;
    let onA: GraphQLClient;
    let onB: GraphQLClient;
    beforeAll(async () => {
      const databaseUrl = await createTestDatabase();
      [a, b] = await Promise.all([spawnServer(databaseUrl), spawnServer(databaseUrl)]);
      onA = graphqlClient(a.url);
      onB = graphqlClient(b.url);
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
    });

    /** A socket on B, signed in and receiving ticks, so that it is known to act as the user. */
    async function tickingSocketOnB(user: TestUser) {
      const socket = connectSocket(b.url, user.token);
      const ticks = socket.subscribe<{ testTicks: number }>('subscription { testTicks(everyMs: 50) }');
      // Ticks a busy socket has not read yet are merged into the newest one: any tick proves the subscription runs.
      expect((await ticks.next()).data?.testTicks).toBeGreaterThanOrEqual(1);
      const bio = await socket.execute(UPDATE_BIO, { bio: 'Before' });
      expect(bio.data?.updateProfile.userErrors).toEqual([]);
      return { socket, ticks };
    }

    it('closes the socket on the other instance with 4403 once the user logs out everywhere', async () => {
      const user = await login(onA, await createUser(a));
      const { socket, ticks } = await tickingSocketOnB(user);
      const loggedOutAt = Date.now();
      const res = await onA(LOGOUT, { input: { refreshToken: user.refreshToken, everywhere: true } });
      expect(res.data.logout.userErrors).toEqual([]);

      expect(await socket.closed).toBe(4403);
      expect(Date.now() - loggedOutAt).toBeLessThan(PROPAGATION_MS);
      // The subscription ended with the socket: nothing more arrives.
      await ticks.until(() => false, 300).catch(() => undefined);
      await expect(ticks.next(300)).rejects.toThrow(/no subscription message/);
      // And the bio was not written after the logout: the socket can no longer run anything.
      await socket.execute(UPDATE_BIO, { bio: 'After' }).catch(() => undefined);
      const me = await onB(`query ($h: String!) { user(handle: $h) { bio } }`, { h: user.handle });
      expect(me.data.user.bio).toBe('Before');
      await socket.close();
    });

    it('refuses a new socket with the old token on either instance', async () => {
      const user = await login(onB, await createUser(b));
      await onB(LOGOUT, { input: { refreshToken: user.refreshToken, everywhere: true } });
      await sleep(PROPAGATION_MS);
      for (const server of [a, b]) {
        const socket = connectSocket(server.url, user.token);
        expect(await socket.closed).toBe(4403);
        await socket.close();
      }
    });

    it('closes the socket when the account is deleted on the other instance', async () => {
      const user = await login(onA, await createUser(a));
      const { socket } = await tickingSocketOnB(user);
      const res = await onA(DELETE, { input: { password: user.password, reviews: 'DELETE' } }, user.token);
      expect(res.data.deleteMyAccount.userErrors).toEqual([]);
      expect(await socket.closed).toBe(4403);
      await socket.close();
    });

    it('leaves the sockets of other users alone', async () => {
      const stays = await login(onA, await createUser(a));
      const leaves = await login(onA, await createUser(a));
      const staying = await tickingSocketOnB(stays);
      const leaving = await tickingSocketOnB(leaves);
      await onA(LOGOUT, { input: { refreshToken: leaves.refreshToken, everywhere: true } });
      expect(await leaving.socket.closed).toBe(4403);
      // The other user's socket goes on: its subscription keeps ticking and it still runs operations as them.
      const { testTicks } = (await staying.ticks.next(10_000)).data!;
      expect(
        (await staying.ticks.until((data) => data.testTicks > testTicks, 10_000)).testTicks,
      ).toBeGreaterThan(testTicks);
      expect((await staying.socket.execute(ME)).data).toEqual({ me: { handle: stays.handle } });
      await Promise.all([staying.socket.close(), leaving.socket.close()]);
    });
  });

  describe('when the token expires (ACCESS_TOKEN_TTL=6)', () => {
    const env = { ACCESS_TOKEN_TTL: '6' };
    let server: TestServer;
    let other: TestServer;
    let anna: TestUser;
    let cheese: TestProduct;
    beforeAll(async () => {
      server = await startTestServer({ env });
      other = await startTestServer({ env, databaseUrl: server.databaseUrl });
      anna = await createUser(server);
      cheese = await createProduct(server);
    });
    afterAll(async () => {
      await other.close();
      await server.close();
    });

    /** Ben, freshly signed in, with a socket on `server` subscribed to his notifications (Anna signed in anew). */
    async function subscribedBen() {
      anna = await login(server.gql, anna);
      const ben = await login(server.gql, await createUser(server));
      await updatePrivacy(server.gql, ben, { acceptRecommendationsFrom: 'PUBLIC' });
      const socket = connectSocket(server.url, ben.token);
      const notifications = socket.subscribe<{ notificationReceived: { note: string } }>(SUBSCRIPTION);
      await untilSubscribed(notifications, () => recommend(other.gql, anna, cheese, [ben], 'probe'));
      return { ben, socket, notifications };
    }

    it('closes the socket with 4403 when its token expires, as HTTP then answers 401', async () => {
      const { ben, socket } = await subscribedBen();
      const code = await socket.closed;
      await socket.close();
      expect(code).toBe(4403);
      expect(Date.now()).toBeGreaterThanOrEqual(ben.expiresAtMs);
      expect(Date.now() - ben.expiresAtMs).toBeLessThan(1_000);
      expect((await server.gql(ME, {}, ben.token)).status).toBe(401);
    });

    it('keeps the subscriptions past the expiry when the client renews with a fresh token', async () => {
      const { ben, socket, notifications } = await subscribedBen();
      // Two seconds into the token's six, a fresh one from the other instance (as a client refreshing through a
      // balancer gets it), which expires two seconds after the first.
      await sleep(Math.max(0, ben.expiresAtMs - 4000 - Date.now()));
      const refreshed = await other.gql(REFRESH, { input: { refreshToken: ben.refreshToken } });
      const fresh = refreshed.data.refreshToken.accessToken as string;
      const pong = await socket.renew(fresh);
      expect(pong).toEqual({ expiresAt: expect.any(String) });
      expect(Date.parse(pong!.expiresAt as string)).toBeGreaterThan(ben.expiresAtMs);

      await sleep(Math.max(0, ben.expiresAtMs - Date.now()) + 500);
      await recommend(
        other.gql,
        await login(other.gql, anna),
        cheese,
        [ben],
        'after the first token expired',
      );
      const heard = await notifications.until(
        (data) => data.notificationReceived.note === 'after the first token expired',
        5000,
      );
      expect(heard.notificationReceived.note).toBe('after the first token expired');
      expect((await socket.execute(ME)).data).toEqual({ me: { handle: ben.handle } });
      await socket.close();
    });

    it('closes the socket when a renewal brings another user’s token or an invalid one', async () => {
      const eve = await login(server.gql, await createUser(server));
      for (const token of [eve.token, 'garbage.token.here']) {
        const { socket } = await subscribedBen();
        void socket.renew(token).catch(() => undefined);
        expect(await socket.closed).toBe(4403);
        await socket.close();
      }
    });

    it('refuses to renew an anonymous socket', async () => {
      const socket = connectSocket(server.url);
      expect((await socket.execute(ME)).data).toEqual({ me: null });
      void socket.renew(anna.token).catch(() => undefined);
      expect(await socket.closed).toBe(4403);
      await socket.close();
    });
  });
});

/** Signs in, so that the user has a refresh token and a fresh access token whose expiry the test knows. */
async function login(
  gql: GraphQLClient,
  user: TestUser,
): Promise<TestUser & { refreshToken: string; expiresAtMs: number }> {
  const res = await gql(LOGIN, { input: { email: user.email, password: user.password } });
  const { accessToken, refreshToken } = res.data.login;
  const { exp } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
    exp: number;
  };
  return { ...user, token: accessToken, refreshToken, expiresAtMs: exp * 1000 };
}

const ME = `query { me { handle } }`;
const UPDATE_BIO = `mutation ($bio: String!) { updateProfile(input: { bio: $bio }) { userErrors { code } } }`;
const SUBSCRIPTION = `subscription { notificationReceived { note } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken userErrors { code } } }`;
const REFRESH = `mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken userErrors { code } } }`;
const LOGOUT = `mutation ($input: LogoutInput!) { logout(input: $input) { userErrors { field message code } } }`;
const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { userErrors { field code } } }`;
