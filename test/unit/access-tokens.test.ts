import jwt from 'jsonwebtoken';
import { AccessTokens } from '../../src/auth/access-tokens';

const SECRET = 'unit-secret-that-is-long-enough-for-hs256-0000';

describe('access tokens', () => {
  it('accepts its own token again and again with the same claims', () => {
    const tokens = new AccessTokens(SECRET, 60);
    const token = tokens.issue({ userId: 'u1', sessionVersion: 3 });
    for (let i = 0; i < 3; i++) expect(tokens.verify(token)).toEqual({ userId: 'u1', sessionVersion: 3 });
  });

  it('refuses a token that expires after it was first accepted', async () => {
    const tokens = new AccessTokens(SECRET, 1);
    const token = tokens.issue({ userId: 'u1', sessionVersion: 0 });
    expect(tokens.verify(token)).toEqual({ userId: 'u1', sessionVersion: 0 });
    const { exp } = jwt.decode(token) as { exp: number };
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses a token signed with another secret, and one whose payload was changed', () => {
    const tokens = new AccessTokens(SECRET, 60);
    const forged = new AccessTokens('another-secret-that-is-long-enough-0000', 60).issue({
      userId: 'u1',
      sessionVersion: 0,
    });
    expect(tokens.verify(forged)).toBeNull();
    const [header, , signature] = tokens.issue({ userId: 'u1', sessionVersion: 0 }).split('.');
    const payload = Buffer.from(JSON.stringify({ sv: 0, sub: 'u2', iss: 'dorfmarkt', exp: 9e9 })).toString(
      'base64url',
    );
    expect(tokens.verify(`${header}.${payload}.${signature}`)).toBeNull();
  });
});
