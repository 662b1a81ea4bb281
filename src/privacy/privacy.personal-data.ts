import type { PersonalDataSection } from '../core/personal-data';

/** The person's privacy settings (columns of their users row), their consent log and their preferences. */
export const privacyPersonalData: PersonalDataSection[] = [
  {
    key: 'privacySettings',
    shape: 'one',
    sql: `SELECT profile_audience, trust_list_audience, pool_participation_audience, order_history_audience,
                 discoverable, personalization, accept_recommendations_from FROM users WHERE id = $1`,
  },
  {
    key: 'consentLog',
    sql: `SELECT setting, previous_value, new_value, subject, created_at FROM consent_events
           WHERE user_id = $1 ORDER BY created_at, id`,
  },
  {
    key: 'preferences',
    shape: 'one',
    sql: `SELECT avoid_tags, interests, max_offers_per_week, updated_at FROM user_preferences WHERE user_id = $1`,
  },
];
