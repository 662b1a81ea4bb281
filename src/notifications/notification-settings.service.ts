import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { Declarations } from '../core/declarations';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { NotificationSettings } from './notification-settings.entity';

/** A person's muted notification kinds; the sender leaves muted kinds out for them. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly db: Database,
    private readonly declarations: Declarations,
  ) {}

  async of(userId: string): Promise<NotificationSettings> {
    const found = await this.db.repo(NotificationSettings).findOneBy({ userId });
    return found ?? Object.assign(new NotificationSettings(), { userId, muted: [] });
  }

  /** Sets the muted kinds to exactly those given; an unknown kind is a userError on `muted`. */
  async mute(userId: string, muted: readonly string[]): Promise<NotificationSettings> {
    const known = new Set(this.declarations.notificationKinds());
    const wanted = [...new Set(muted.map((k) => k.trim().toUpperCase()))];
    const unknown = wanted.filter((k) => !known.has(k));
    if (unknown.length) {
      throw UserFacingError.of(
        'muted',
        UserErrorCode.Invalid,
        `Unknown notification kinds: ${unknown.join(', ')}.`,
      );
    }
    await this.db.query(
      `INSERT INTO notification_settings (user_id, muted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET muted = EXCLUDED.muted, updated_at = now()`,
      [userId, wanted.sort()],
    );
    return this.of(userId);
  }
}
