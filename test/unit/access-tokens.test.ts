import jwt from 'jsonwebtoken';
import { AccessTokens } from '../../src/auth/access-tokens';

const SECRET = 'unit-secret-that-is-long-enough-for-hs256-0000';
const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';

describe('access tokens', () => {
  it('accepts its own token again and again with the same claims', () => {
    const tokens = new AccessTokens(SECRET, 60);
    const token = tokens.issue({ userId: U1, sessionVersion: 3 });
    const { exp } = jwt.decode(token) as { exp: number };
    for (let i = 0; i < 3; i++)
      expect(tokens.verify(token)).toEqual({ userId: U1, sessionVersion: 3, expiresAtMs: exp * 1000 });
  });

  it('refuses a token that expires after it was first accepted', async () => {
    const tokens = new AccessTokens(SECRET, 1);
    const token = tokens.issue({ userId: U1, sessionVersion: 0 });
    expect(tokens.verify(token)).toMatchObject({ userId: U1, sessionVersion: 0 });
    const { exp } = jwt.decode(token) as { exp: number };
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses a token signed with another secret, and one whose payload was changed', () => {
    const tokens = new AccessTokens(SECRET, 60);
    const forged = new AccessTokens('another-secret-that-is-long-enough-0000', 60).issue({
      userId: U1,
      sessionVersion: 0,
    });
    expect(tokens.verify(forged)).toBeNull();
    const [header, , signature] = tokens.issue({ userId: U1, sessionVersion: 0 }).split('.');
    const payload = Buffer.from(JSON.stringify({ sv: 0, sub: U2, iss: 'dorfmarkt', exp: 9e9 })).toString(
      'base64url',
    );
    expect(tokens.verify(`${header}.${payload}.${signature}`)).toBeNull();
  });

  describe('correctly signed tokens with odd claims', () => {
    const tokens = new AccessTokens(SECRET, 900);
    const now = Math.floor(Date.now() / 1000);
    // jsonwebtoken keeps a given `iat`, and adds one unless told not to.
    const sign = (payload: Record<string, unknown> & { iat?: number }) =>
      jwt.sign(payload, SECRET, { algorithm: 'HS256', noTimestamp: payload.iat === undefined });
    const base = { sub: U1, sv: 0, iss: 'dorfmarkt', iat: now, exp: now + 900 };

    it.each([
      ['without exp', { ...base, exp: undefined }],
      ['without iat', { ...base, iat: undefined }],
      ['issued a year ahead', { ...base, iat: now + 365 * 86400, exp: now + 365 * 86400 + 900 }],
      ['whose subject is not a UUID', { ...base, sub: 'not-a-uuid' }],
      ['whose subject is missing', { ...base, sub: undefined }],
      ['whose session version is no whole number', { ...base, sv: 1.5 }],
      ['from another issuer', { ...base, iss: 'elsewhere' }],
    ])('refuses one %s', (_what, payload) => {
      expect(tokens.verify(sign(JSON.parse(JSON.stringify(payload))))).toBeNull();
    });

    it('accepts the same claims when nothing is odd', () => {
      expect(tokens.verify(sign(base))).toMatchObject({ userId: U1, sessionVersion: 0 });
    });

    it('ends one that claims a longer life than ACCESS_TOKEN_TTL when the TTL is over', () => {
      const token = sign({ ...base, exp: now + 10 * 365 * 86400 });
      expect(tokens.verify(token)).toEqual({
        userId: U1,
        sessionVersion: 0,
        expiresAtMs: (now + 900) * 1000,
      });
    });

    it('accepts one issued a few seconds ahead, as another instance’s clock may be', () => {
      const token = sign({ ...base, iat: now + 10, exp: now + 900 });
      expect(tokens.verify(token)).toMatchObject({ userId: U1, sessionVersion: 0 });
    });
  });
});
