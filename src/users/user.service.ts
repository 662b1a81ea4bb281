import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
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

export interface ProfileChanges {
  displayName?: string | null;
  bio?: string | null;
  region?: string | null;
}

@Injectable()
export class UserService {
  constructor(private readonly db: Database) {}

  async findByHandle(_ctx: Context, handle: string): Promise<User | null> {
    return this.db.repo(User).findOneBy({ handle: handle.trim().toLowerCase() });
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
