import type { PersonalDataSection } from '../core/personal-data';

/** The account itself; the users row goes last of all, taking with it every row whose foreign key cascades. */
export const userPersonalData: PersonalDataSection[] = [
  {
    key: 'profile',
    shape: 'one',
    sql: 'SELECT id, handle, email, display_name, bio, region, created_at FROM users WHERE id = $1',
    globalIds: { id: 'User' },
  },
];
