import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { userError, UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { validate, rules } from '../core/validation';
import { User } from './user.entity';

export const handleRule = z
  .string()
  .trim()
  .transform((h) => h.toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9_]{3,30}$/, 'A handle has 3 to 30 characters: letters a–z, digits and _.'));

export const displayNameRule = rules.text('The display name', 1, 80);

const profileRules = z.object({
  displayName: displayNameRule.optional(),
  bio: z.string().trim().max(500, 'The bio can have at most 500 characters.').optional(),
  region: z.string().trim().max(80, 'The region can have at most 80 characters.').nullable().optional(),
});

/** A new account, as the auth slice has checked and hashed it. */
export interface NewAccount {
  email: string;
  handle: string;
  displayName: string;
  passwordHash: string;
}

/** The columns of a users row that privacy settings are. */
export type UserSettings = Partial<
  Pick<
    User,
    | 'profileAudience'
    | 'trustListAudience'
    | 'poolParticipationAudience'
    | 'orderHistoryAudience'
    | 'discoverable'
    | 'personalization'
    | 'acceptRecommendationsFrom'
  >
>;

export interface ProfileChanges {
  displayName?: string | null;
  bio?: string | null;
  region?: string | null;
}

/**
 * Accounts: the only writer of `users`. Auth creates accounts and ends sessions through it, privacy changes
 * settings and erases accounts through it.
 */
@Injectable()
export class UserService {
  constructor(private readonly db: Database) {}

  async findByHandle(_ctx: Context, handle: string): Promise<User | null> {
    return this.db.repo(User).findOneBy({ handle: handle.trim().toLowerCase() });
  }

  /** Creates the account; TAKEN on the email or the handle when either is in use, also a moment ago. */
  async create(account: NewAccount): Promise<User> {
    return this.db
      .transaction(async () => {
        const clash = await this.db
          .repo(User)
          .createQueryBuilder('u')
          .where('u.email = :email OR u.handle = :handle', account)
          .getMany();
        const errors = [];
        if (clash.some((u) => u.email === account.email))
          errors.push(userError('email', UserErrorCode.Taken, 'An account with this email exists already.'));
        if (clash.some((u) => u.handle === account.handle))
          errors.push(userError('handle', UserErrorCode.Taken, 'This handle is taken.'));
        if (errors.length) throw new UserFacingError(errors);
        return this.db.repo(User).save(this.db.repo(User).create(account));
      })
      .catch((error) => {
        if ((error as { code?: string }).code === '23505') {
          throw UserFacingError.of(null, UserErrorCode.Taken, 'This email or handle was taken a moment ago.');
        }
        throw error;
      });
  }

  /** Raises the session version, which stops every access token issued before (in the caller's transaction). */
  async raiseSessionVersion(userId: string): Promise<void> {
    await this.db.repo(User).increment({ id: userId }, 'sessionVersion', 1);
  }

  /** The users row, locked until the caller's transaction ends; null when there is none. */
  lock(userId: string): Promise<User | null> {
    return this.db
      .repo(User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :userId', { userId })
      .getOne();
  }

  /** Stores privacy settings; deciding which changed and logging them is privacy's. */
  async changeSettings(userId: string, settings: UserSettings): Promise<void> {
    await this.db.repo(User).update(userId, settings);
  }

  /** Deletes the users row: the foreign keys take trust edges, blocks, sign-ins and the rest with it. */
  async remove(userId: string): Promise<void> {
    await this.db.repo(User).delete({ id: userId });
  }

  async updateProfile(ctx: Context, userId: string, changes: ProfileChanges): Promise<User> {
    const valid = validate(profileRules, stripNulls(changes));
    return this.db.transaction(async () => {
      const user = await this.db.repo(User).findOneByOrFail({ id: userId });
      Object.assign(user, valid);
      return this.db.repo(User).save(user);
    });
  }
}

/** Leaves out fields given as null where null means "unchanged"; region alone may be cleared with "". */
function stripNulls(changes: ProfileChanges) {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null) continue;
    out[key] = key === 'region' && value.trim() === '' ? null : value;
  }
  return out;
}
