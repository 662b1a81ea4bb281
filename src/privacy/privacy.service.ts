import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { validate } from '../core/validation';
import type { User } from '../users/user.entity';
import { UserService } from '../users/user.service';
import { ConsentEvent } from './consent-event.entity';
import { DEFAULT_OFFERS_PER_WEEK, Preferences } from './preferences.entity';
import { PrivacyLoaders } from './privacy.loaders';
import { PrivacyEvents } from './privacy.events';
import {
  PRIVACY_SETTINGS,
  PrivacySettingName,
  PrivacySettings,
  type PrivacySettingColumn,
} from './privacy-settings';

export type SettingChanges = { [C in PrivacySettingColumn]?: User[C] | null };

export interface PreferenceChanges {
  avoidTags?: string[] | null;
  interests?: string[] | null;
  maxOffersPerWeek?: number | null;
}

const tagList = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1, `A ${what} cannot be empty.`)
        .max(40, `A ${what} can have at most 40 characters.`),
    )
    .max(50, `At most 50 ${what}s.`)
    .transform((tags) => [...new Set(tags)]);

const preferenceRules = z.object({
  avoidTags: tagList('tag').optional(),
  interests: tagList('interest').optional(),
  maxOffersPerWeek: z
    .number()
    .int()
    .min(0, 'Offers per week must be between 0 and 100.')
    .max(100, 'Offers per week must be between 0 and 100.')
    .nullable()
    .optional(),
});

/** Privacy settings with their consent log, and product preferences. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly events: PrivacyEvents,
    private readonly loaders: PrivacyLoaders,
    private readonly users: UserService,
  ) {}

  /**
   * Changes the settings given (null and absent mean unchanged) and logs each real change, in one transaction, in
   * which the change's listeners run too (PrivacyEvents).
   */
  async updateSettings(_ctx: Context, userId: string, changes: SettingChanges): Promise<PrivacySettings> {
    return this.db.transaction(async () => {
      const user = await this.users.lock(userId);
      if (!user) throw new Error(`user ${userId} vanished while signed in`);
      const changed = PRIVACY_SETTINGS.filter(
        ({ column }) => changes[column] != null && changes[column] !== user[column],
      );
      if (changed.length === 0) return PrivacySettings.of(user);
      await this.db.repo(ConsentEvent).insert(
        changed.map(({ name, column }) => ({
          userId,
          setting: name,
          previousValue: String(user[column]),
          newValue: String(changes[column]),
        })),
      );
      const values = Object.fromEntries(changed.map(({ column }) => [column, changes[column]]));
      await this.users.changeSettings(userId, values);
      await this.events.settingsChanged({ userId, settings: changed.map((s) => s.name) });
      return PrivacySettings.of({ ...user, ...values });
    });
  }

  /**
   * Logs a consent given or withdrawn outside the privacy settings (an offer permission), in the caller's
   * transaction; `subject` says what it is about (a shop's global ID, a category).
   */
  async recordConsent(
    userId: string,
    setting: PrivacySettingName,
    granted: boolean,
    subject: string,
  ): Promise<void> {
    await this.db.repo(ConsentEvent).insert({
      userId,
      setting,
      previousValue: String(!granted),
      newValue: String(granted),
      subject,
    });
  }

  /** The consent log, newest first. */
  consentLog(_ctx: Context, userId: string, page: PageArgs): Promise<ConnectionResult<ConsentEvent>> {
    const query = this.db.repo(ConsentEvent).createQueryBuilder('c').where('c.userId = :userId', { userId });
    return paginate(query, page, {
      columns: ['c.createdAt', 'c.id'],
      key: (c) => [c.createdAt, c.id],
      direction: 'DESC',
    });
  }

  preferences(ctx: Context, userId: string): Promise<Preferences> {
    return this.loaders.of(ctx).preferences.load(userId);
  }

  /**
   * Sets the preferences given, in one statement so that two concurrent changes of different fields both hold.
   * Lists replace the stored ones; `maxOffersPerWeek: null` removes the limit, and until it is first
   * given it is DEFAULT_OFFERS_PER_WEEK.
   */
  async updatePreferences(_ctx: Context, userId: string, changes: PreferenceChanges): Promise<Preferences> {
    const { avoidTags, interests, maxOffersPerWeek } = validate(preferenceRules, {
      ...changes,
      avoidTags: changes.avoidTags ?? undefined,
      interests: changes.interests ?? undefined,
    });
    const [row] = await this.db.query<Preferences>(
      `INSERT INTO user_preferences AS p (user_id, avoid_tags, interests, max_offers_per_week)
       VALUES ($1, COALESCE($2::text[], '{}'), COALESCE($3::text[], '{}'), CASE WHEN $5 THEN $4 ELSE $6::int END)
       ON CONFLICT (user_id) DO UPDATE SET
         avoid_tags = COALESCE($2::text[], p.avoid_tags),
         interests = COALESCE($3::text[], p.interests),
         max_offers_per_week = CASE WHEN $5 THEN $4 ELSE p.max_offers_per_week END,
         updated_at = now()
       RETURNING user_id AS "userId", avoid_tags AS "avoidTags", interests, max_offers_per_week AS "maxOffersPerWeek"`,
      [
        userId,
        avoidTags ?? null,
        interests ?? null,
        maxOffersPerWeek ?? null,
        maxOffersPerWeek !== undefined,
        DEFAULT_OFFERS_PER_WEEK,
      ],
    );
    return Object.assign(new Preferences(), row);
  }
}
