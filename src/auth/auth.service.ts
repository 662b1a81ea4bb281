import { z } from 'zod';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { RateLimits } from '../core/security/rate-limits';
import { validate } from '../core/validation';
import { User } from '../users/user.entity';
import { displayNameRule, handleRule, UserService } from '../users/user.service';
import { AccessTokens } from './access-tokens';
import { hashPassword, verifyPassword } from './password';
import { RefreshTokenService } from './refresh-token.service';
import { SessionVersionService } from './session-version.service';

export const MIN_PASSWORD_LENGTH = 10;

const signUpRules = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'An email address has at most 254 characters.')
    .pipe(z.email('This is not an email address.')),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, 'A password can have at most 200 characters.'),
  handle: handleRule,
  displayName: displayNameRule,
});

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
}

const INVALID_CREDENTIALS = 'The email or the password is wrong.';

/** Accounts and sessions: sign-up, login, token refresh and revocation. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokenService,
    private readonly sessionVersions: SessionVersionService,
    private readonly users: UserService,
    private readonly rateLimits: RateLimits,
  ) {}

  async signUp(input: z.input<typeof signUpRules>): Promise<Session> {
    const valid = validate(signUpRules, input);
    const passwordHash = await hashPassword(valid.password);
    return this.db.transaction(async () => {
      const user = await this.users.create({
        email: valid.email,
        handle: valid.handle,
        displayName: valid.displayName,
        passwordHash,
      });
      return this.startSession(user);
    });
  }

  /** Checks the password; the outcome counts for the email and address pair's back-off (`ip`). */
  async login(email: string, password: string, ip: string): Promise<Session> {
    const user = await this.db.repo(User).findOneBy({ email: email.trim().toLowerCase() });
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    await this.rateLimits.loginChecked(email, ip, !!user && valid);
    if (!user || !valid)
      throw UserFacingError.of(null, UserErrorCode.InvalidCredentials, INVALID_CREDENTIALS);
    return this.startSession(user);
  }

  /**
   * The person when the email and password are right, null otherwise, without starting a session: for a sign-in
   * elsewhere (the OAuth consent page). The outcome counts for the back-off as a login does.
   */
  async checkCredentials(email: string, password: string, ip: string): Promise<User | null> {
    const user = await this.db.repo(User).findOneBy({ email: email.trim().toLowerCase() });
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    await this.rateLimits.loginChecked(email, ip, !!user && valid);
    return user && valid ? user : null;
  }

  async refresh(refreshToken: string): Promise<Session> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    const user = 'userId' in rotated ? await this.db.repo(User).findOneBy({ id: rotated.userId }) : null;
    if (!('token' in rotated) || !user) {
      throw UserFacingError.of(
        'refreshToken',
        UserErrorCode.InvalidToken,
        'This refresh token is not valid; sign in again.',
      );
    }
    return {
      user,
      accessToken: this.accessTokens.issue({ userId: user.id, sessionVersion: user.sessionVersion }),
      refreshToken: rotated.token,
    };
  }

  /**
   * Ends the sign-in the refresh token belongs to. With `everywhere`, ends every sign-in of its user and stops
   * their access tokens at once, by raising the session version that each request checks.
   */
  async logout(refreshToken: string, everywhere: boolean): Promise<void> {
    const revoked = await this.refreshTokens.revoke(refreshToken);
    if (!revoked)
      throw UserFacingError.of(
        'refreshToken',
        UserErrorCode.InvalidToken,
        'This refresh token is not valid.',
      );
    if (everywhere) await this.endAllSessions(revoked.userId);
  }

  async endAllSessions(userId: string): Promise<void> {
    await this.db.transaction(async () => {
      await this.users.raiseSessionVersion(userId);
      await this.refreshTokens.revokeAll(userId);
      await this.sessionVersions.endedAfterCommit(userId);
    });
  }

  private async startSession(user: User): Promise<Session> {
    return {
      user,
      accessToken: this.accessTokens.issue({ userId: user.id, sessionVersion: user.sessionVersion }),
      refreshToken: await this.refreshTokens.issue(user.id),
    };
  }
}
