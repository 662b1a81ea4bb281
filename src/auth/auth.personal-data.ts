import type { PersonalDataSection } from '../core/personal-data';

/** When and how long the person was signed in; the refresh tokens go with the account (the foreign key cascades). */
export const authPersonalData: PersonalDataSection[] = [
  {
    key: 'signIns',
    sql: `SELECT created_at, expires_at, replaced_at, revoked_at FROM refresh_tokens
           WHERE user_id = $1 ORDER BY created_at, id`,
  },
];
