import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface AccessClaims {
  userId: string;
  sessionVersion: number;
}

/** A token's claims once its signature and times were checked, with when it expires. */
export interface VerifiedClaims extends AccessClaims {
  /** Milliseconds since the epoch at which the token stops being valid. */
  expiresAtMs: number;
}

const ISSUER = 'dorfmarkt';
/** Tokens whose signature was checked, remembered until they expire (the oldest go first beyond this). */
const VERIFIED_CAPACITY = 20_000;
/**
 * Seconds by which the clocks of the instances may disagree: a token issued by one instance a moment "in the
 * future" of another's clock is still good there, a token stamped further ahead is not ours.
 */
export const CLOCK_TOLERANCE_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Short-lived, signed access tokens (HS256). They carry the session version that revocation raises. */
export class AccessTokens {
  /** A key object made once: verifying against a plain string re-derives the key on every request (~1.6 ms). */
  private readonly secret: KeyObject;
  /**
   * A token's signature and claims never change, so each is checked once; only its expiry is compared on later
   * requests. Whether it was revoked is not decided here (the session version, on every request).
   */
  private readonly verified = new Map<string, VerifiedClaims>();

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

  /**
   * The claims of a valid token; null for a forged, expired or malformed one. Besides the signature, a token
   * must say when it was issued and when it expires, must not have been issued in the future (beyond the clock
   * tolerance), must not live longer than ACCESS_TOKEN_TTL, and must name a user by UUID: even a correctly
   * signed token with odd claims is refused, never half-trusted.
   */
  verify(token: string): VerifiedClaims | null {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known;
      this.verified.delete(token);
      return null;
    }
    try {
      const claims = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        // No clockTolerance here: it would stretch `exp` too. The tolerance is for `iat` only (wellFormed).
        // Requires `iat`, and bounds the lifetime by our own TTL whatever `exp` says.
        maxAge: this.ttlSeconds || undefined,
      });
      if (typeof claims !== 'object' || !wellFormed(claims)) return null;
      const valid: VerifiedClaims = {
        userId: claims.sub,
        sessionVersion: claims.sv,
        expiresAtMs: Math.min(claims.exp, claims.iat + this.ttlSeconds) * 1000,
      };
      if (valid.expiresAtMs <= Date.now()) return null;
      this.remember(token, valid);
      return valid;
    } catch {
      return null;
    }
  }

  private remember(token: string, claims: VerifiedClaims): void {
    this.verified.set(token, claims);
    if (this.verified.size > VERIFIED_CAPACITY) this.verified.delete(this.verified.keys().next().value!);
  }
}

type WellFormed = jwt.JwtPayload & { sub: string; sv: number; exp: number; iat: number };

function wellFormed(claims: jwt.JwtPayload): claims is WellFormed {
  const nowSeconds = Date.now() / 1000;
  return (
    typeof claims.sub === 'string' &&
    UUID.test(claims.sub) &&
    Number.isSafeInteger(claims.sv) &&
    (claims.sv as number) >= 0 &&
    typeof claims.exp === 'number' &&
    typeof claims.iat === 'number' &&
    claims.iat <= nowSeconds + CLOCK_TOLERANCE_SECONDS
  );
}
