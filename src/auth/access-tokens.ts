import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface AccessClaims {
  userId: string;
  sessionVersion: number;
}

const ISSUER = 'dorfmarkt';
/** Tokens whose signature was checked, remembered until they expire (the oldest go first beyond this). */
const VERIFIED_CAPACITY = 20_000;

/** Short-lived, signed access tokens (HS256). They carry the session version that revocation raises. */
export class AccessTokens {
  /** A key object made once: verifying against a plain string re-derives the key on every request (~1.6 ms). */
  private readonly secret: KeyObject;
  /**
   * A token's signature and claims never change, so each is checked once; only its expiry is compared on later
   * requests. Whether it was revoked is not decided here (the session version, on every request).
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue({ userId, sessionVersion }: AccessClaims): string {
    return jwt.sign({ sv: sessionVersion }, this.secret, {
      algorithm: 'HS256',
      subject: userId,
      issuer: ISSUER,
      expiresIn: this.ttlSeconds,
    });
  }

  /** The claims of a valid token; null for a forged, expired or malformed one. */
  verify(token: string): AccessClaims | null {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER });
      if (typeof claims !== 'object' || typeof claims.sub !== 'string' || typeof claims.sv !== 'number')
        return null;
      const valid = { userId: claims.sub, sessionVersion: claims.sv };
      if (typeof claims.exp === 'number') this.remember(token, valid, claims.exp * 1000);
      return valid;
    } catch {
      return null;
    }
  }

  private remember(token: string, claims: AccessClaims, expiresAtMs: number): void {
    this.verified.set(token, { claims, expiresAtMs });
    if (this.verified.size > VERIFIED_CAPACITY) this.verified.delete(this.verified.keys().next().value!);
  }
}
