import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { Injectable } from '../core/container';
import { Config } from '../core/config';
import { Database } from '../core/db/database';
import { RefreshToken } from './refresh-token.entity';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export type RotateResult = { userId: string; token: string } | { refused: 'unknown' | 'expired' | 'reused' };

/** Opaque refresh tokens: random, stored hashed, rotated on every use, revocable one sign-in at a time. */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly db: Database,
    private readonly config: Config,
  ) {}

  async issue(userId: string, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.repo(RefreshToken).insert({
      tokenHash: sha256(token),
      userId,
      familyId,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL * 1000),
    });
    return token;
  }

  /** Replaces a token with the next one of its family. A replaced token shown again revokes the family. */
  rotate(token: string): Promise<RotateResult> {
    return this.db.transaction(async (tx) => {
      const found = await tx
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(token) })
        .getOne();
      if (!found || found.revokedAt) return { refused: 'unknown' as const };
      if (found.replacedAt) {
        await this.revokeFamily(found.familyId);
        return { refused: 'reused' as const };
      }
      if (found.expiresAt.getTime() <= Date.now()) return { refused: 'expired' as const };
      await tx.getRepository(RefreshToken).update(found.id, { replacedAt: new Date() });
      return { userId: found.userId, token: await this.issue(found.userId, found.familyId) };
    });
  }

  /** Revokes the sign-in the token belongs to; false when the token is unknown or already revoked. */
  async revoke(token: string): Promise<{ userId: string } | null> {
    const found = await this.db
      .repo(RefreshToken)
      .findOneBy({ tokenHash: sha256(token), revokedAt: IsNull() });
    if (!found) return null;
    await this.revokeFamily(found.familyId);
    return { userId: found.userId };
  }

  async revokeAll(userId: string): Promise<void> {
    await this.db.repo(RefreshToken).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.repo(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
