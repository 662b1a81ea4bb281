import { createTestDatabase } from '../helpers/database';
import { createUser, type TestUser } from '../helpers/factories';
import { type ServerProcess, spawnServer } from '../helpers/process';
import { type GraphQLClient, graphqlClient } from '../helpers/server';

jest.setTimeout(90_000);

/** How long another instance may take to hear that sessions ended (the event's way through the bus). */
const PROPAGATION_MS = 1_000;

/**
 * Two server processes on one database, each remembering session versions in memory: ending sessions on one
 * must stop the access tokens on the other too, as soon as the event arrives.
 */
describe('ending sessions across server instances', () => {
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

  /**
   * A user signed in on A (with a refresh token to log out with), whose token is used on both, so that both
   * instances remember the session version.
   */
  async function knownEverywhere(): Promise<TestUser & { refreshToken: string }> {
    const user = await createUser(a);
    const login = await onA(LOGIN, { input: { email: user.email, password: user.password } });
    const signedIn = {
      ...user,
      token: login.data.login.accessToken,
      refreshToken: login.data.login.refreshToken,
    };
    for (const gql of [onA, onB])
      expect((await gql(ME, {}, signedIn.token)).data.me.handle).toBe(user.handle);
    return signedIn;
  }

  it('refuses the old token on the other instance right after a logout everywhere', async () => {
    const user = await knownEverywhere();
    const res = await onA(LOGOUT, { input: { refreshToken: user.refreshToken, everywhere: true } });
    expect(res.data.logout.userErrors).toEqual([]);

    expect(await codeOf(onA, user.token)).toBe('UNAUTHENTICATED');
    expect(await refusedWithin(onB, user.token, PROPAGATION_MS)).toBe(true);
  });

  it('refuses the token on the other instance right after the account is deleted', async () => {
    const user = await knownEverywhere();
    const res = await onA(DELETE, { input: { password: user.password, reviews: 'DELETE' } }, user.token);
    expect(res.data.deleteMyAccount.userErrors).toEqual([]);

    expect(await codeOf(onA, user.token)).toBe('UNAUTHENTICATED');
    expect(await refusedWithin(onB, user.token, PROPAGATION_MS)).toBe(true);
  });

  it('keeps accepting the tokens of other users, and a new sign-in of the user who logged out', async () => {
    const stays = await knownEverywhere();
    const leaves = await knownEverywhere();
    await onB(LOGOUT, { input: { refreshToken: leaves.refreshToken, everywhere: true } });
    expect(await refusedWithin(onA, leaves.token, PROPAGATION_MS)).toBe(true);

    const again = await onA(LOGIN, { input: { email: leaves.email, password: leaves.password } });
    for (const gql of [onA, onB]) {
      expect((await gql(ME, {}, stays.token)).data.me.handle).toBe(stays.handle);
      expect((await gql(ME, {}, again.data.login.accessToken)).data.me.handle).toBe(leaves.handle);
    }
  });
});

async function codeOf(gql: GraphQLClient, token: string): Promise<string | undefined> {
  return (await gql(ME, {}, token)).errors?.[0]?.extensions?.code;
}

/** Asks until the token is refused or the time is up; true when it was refused in time. */
async function refusedWithin(gql: GraphQLClient, token: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if ((await codeOf(gql, token)) === 'UNAUTHENTICATED') return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ME = `query { me { handle } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken userErrors { code } } }`;
const LOGOUT = `mutation ($input: LogoutInput!) { logout(input: $input) { userErrors { field message code } } }`;
const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { userErrors { field code } } }`;
