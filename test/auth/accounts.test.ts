import jwt from 'jsonwebtoken';
import { createUser } from '../helpers/factories';
import { countStatements } from '../helpers/sql-counter';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';

describe('accounts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('signs up, logs in, reads me, refreshes and logs out, after which the refresh token is refused', async () => {
    const { gql } = server;
    const input = {
      email: 'Anna@Example.com',
      password: 'correct horse battery',
      handle: 'Anna_H',
      displayName: 'Anna',
    };
    const created = await gql(SIGN_UP, { input });
    expect(created.data.signUp.userErrors).toEqual([]);
    expect(created.data.signUp.user).toEqual({
      id: expect.any(String),
      handle: 'anna_h',
      displayName: 'Anna',
    });

    const login = await gql(LOGIN, {
      input: { email: 'anna@example.com', password: 'correct horse battery' },
    });
    expect(login.data.login.userErrors).toEqual([]);
    const { accessToken, refreshToken } = login.data.login;

    const me = await gql(ME, {}, accessToken);
    expect(me.data.me).toEqual({ id: created.data.signUp.user.id, handle: 'anna_h', displayName: 'Anna' });

    const refreshed = await gql(REFRESH, { input: { refreshToken } });
    expect(refreshed.data.refreshToken.userErrors).toEqual([]);
    expect(refreshed.data.refreshToken.refreshToken).not.toEqual(refreshToken);
    expect((await gql(ME, {}, refreshed.data.refreshToken.accessToken)).data.me.handle).toBe('anna_h');

    const reused = await gql(REFRESH, { input: { refreshToken } });
    expect(reused.data.refreshToken).toEqual({
      accessToken: null,
      refreshToken: null,
      userErrors: [expect.objectContaining({ code: 'INVALID_TOKEN', field: ['input', 'refreshToken'] })],
    });

    const next = await gql(LOGIN, {
      input: { email: 'anna@example.com', password: 'correct horse battery' },
    });
    const logout = await gql(LOGOUT, { input: { refreshToken: next.data.login.refreshToken } });
    expect(logout.data.logout.userErrors).toEqual([]);
    const afterLogout = await gql(REFRESH, { input: { refreshToken: next.data.login.refreshToken } });
    expect(afterLogout.data.refreshToken.userErrors[0].code).toBe('INVALID_TOKEN');
  });

  it('reports each bad sign-up field as a userError naming it', async () => {
    const res = await server.gql(SIGN_UP, {
      input: { email: 'not-an-email', password: 'short', handle: 'x!', displayName: '' },
    });
    const errors = res.data.signUp.userErrors;
    expect(res.data.signUp.user).toBeNull();
    expect(errors.map((e: { field: string[] }) => e.field.join('.')).sort()).toEqual([
      'input.displayName',
      'input.email',
      'input.handle',
      'input.password',
    ]);
    expect(errors.find((e: { field: string[] }) => e.field[1] === 'password').code).toBe('TOO_SHORT');
  });

  it('refuses a duplicate email or handle with TAKEN', async () => {
    const first = await createUser(server, { handle: 'taken_one' });
    const sameEmail = await server.gql(SIGN_UP, {
      input: {
        email: first.email.toUpperCase(),
        password: 'correct horse battery',
        handle: 'other_one',
        displayName: 'X',
      },
    });
    expect(sameEmail.data.signUp.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'email'], code: 'TAKEN' }),
    ]);
    const sameHandle = await server.gql(SIGN_UP, {
      input: {
        email: 'fresh@example.com',
        password: 'correct horse battery',
        handle: 'TAKEN_ONE',
        displayName: 'X',
      },
    });
    expect(sameHandle.data.signUp.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'handle'], code: 'TAKEN' }),
    ]);
  });

  it('answers a wrong password and an unknown email with the same error', async () => {
    const user = await createUser(server);
    const wrongPassword = await server.gql(LOGIN, {
      input: { email: user.email, password: 'wrong password!' },
    });
    const unknownEmail = await server.gql(LOGIN, {
      input: { email: 'nobody@example.com', password: 'wrong password!' },
    });
    expect(wrongPassword.data.login).toEqual(unknownEmail.data.login);
    expect(wrongPassword.data.login.userErrors).toEqual([
      { field: null, code: 'INVALID_CREDENTIALS', message: expect.any(String) },
    ]);
  });

  it('refuses a forged or expired token with UNAUTHENTICATED', async () => {
    const user = await createUser(server);
    const { sub } = jwt.decode(user.token) as { sub: string };
    const forged = jwt.sign({ sv: 0 }, 'some-other-secret-of-enough-length-000', {
      subject: sub,
      issuer: 'dorfmarkt',
    });
    const expired = jwt.sign({ sv: 0, exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET, {
      subject: sub,
      issuer: 'dorfmarkt',
    });
    for (const token of [forged, expired, 'garbage']) {
      const res = await server.gql(ME, {}, token);
      expect(res.status).toBe(401);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('stops access tokens at once when the user logs out everywhere', async () => {
    const user = await createUser(server);
    expect((await server.gql(ME, {}, user.token)).data.me.handle).toBe(user.handle);
    const { refreshToken } = (
      await server.gql(LOGIN, { input: { email: user.email, password: user.password } })
    ).data.login;
    const res = await server.gql(LOGOUT, { input: { refreshToken, everywhere: true } });
    expect(res.data.logout.userErrors).toEqual([]);
    expect((await server.gql(ME, {}, user.token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('checks a token it has seen before without asking the database', async () => {
    const user = await createUser(server);
    expect((await server.gql(`{ __typename }`, {}, user.token)).data).toEqual({ __typename: 'Query' });
    const statements = countStatements();
    try {
      for (let i = 0; i < 5; i++) {
        expect((await server.gql(`{ __typename }`, {}, user.token)).data).toEqual({ __typename: 'Query' });
      }
      expect(statements.take()).toBe(0);
    } finally {
      statements.restore();
    }
  });

  it('shows id, handle and display name by handle to anyone, and null for an unknown handle', async () => {
    const user = await createUser(server, { handle: 'public_face' });
    const found = await server.gql(
      `query { user(handle: "Public_Face") { id handle displayName } nobody: user(handle: "nobody_here") { id } }`,
    );
    expect(found.data).toEqual({
      user: { id: user.id, handle: 'public_face', displayName: 'public_face' },
      nobody: null,
    });
  });

  it('updates the signed-in profile and requires a token to do so', async () => {
    const user = await createUser(server);
    const anonymous = await server.gql(UPDATE_PROFILE, { input: { bio: 'Hello' } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const updated = await server.gql(
      UPDATE_PROFILE,
      { input: { bio: 'Beekeeper', region: 'Allgäu' } },
      user.token,
    );
    expect(updated.data.updateProfile).toEqual({
      user: { bio: 'Beekeeper', region: 'Allgäu' },
      userErrors: [],
    });
    const tooLong = await server.gql(UPDATE_PROFILE, { input: { bio: 'x'.repeat(501) } }, user.token);
    expect(tooLong.data.updateProfile.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'bio'], code: 'TOO_LONG' }),
    ]);
  });
});

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id handle displayName } accessToken refreshToken userErrors { field message code } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken userErrors { field message code } } }`;
const REFRESH = `mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken userErrors { field message code } } }`;
const LOGOUT = `mutation ($input: LogoutInput!) { logout(input: $input) { userErrors { field message code } } }`;
const ME = `query { me { id handle displayName } }`;
const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { user { bio region } userErrors { field message code } } }`;
