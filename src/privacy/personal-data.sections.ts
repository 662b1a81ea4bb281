import { registerPersonalData } from './personal-data';
import { TrustAnnouncements } from './trust-announcements';

/**
 * The personal data of the foundation's tables (accounts, sign-ins, trust) and of privacy's own. Every other slice
 * declares its tables beside its module the same way (`src/<slice>/<slice>.personal-data.ts`).
 */
registerPersonalData(
  {
    key: 'profile',
    shape: 'one',
    sql: 'SELECT id, handle, email, display_name, bio, region, created_at FROM users WHERE id = $1',
    globalIds: { id: 'User' },
  },
  {
    key: 'privacySettings',
    shape: 'one',
    sql: `SELECT profile_audience, trust_list_audience, pool_participation_audience, order_history_audience,
                 discoverable, personalization, accept_recommendations_from FROM users WHERE id = $1`,
  },
  {
    key: 'consentLog',
    sql: `SELECT setting, previous_value, new_value, created_at FROM consent_events
           WHERE user_id = $1 ORDER BY created_at, id`,
  },
  {
    key: 'preferences',
    shape: 'one',
    sql: `SELECT avoid_tags, interests, max_offers_per_week, updated_at FROM user_preferences WHERE user_id = $1`,
  },
  {
    key: 'signIns',
    sql: `SELECT created_at, expires_at, replaced_at, revoked_at FROM refresh_tokens
           WHERE user_id = $1 ORDER BY created_at, id`,
  },
  {
    key: 'trustGiven',
    sql: `SELECT trustee_id, level, created_at, updated_at FROM trust_edges
           WHERE truster_id = $1 ORDER BY created_at, trustee_id`,
    people: ['trustee_id'],
    // The edges both ways go with the users row (the foreign keys cascade); others' live recommendations hear of it.
    erase: ({ container, userId }) => container.get(TrustAnnouncements).accountErased(userId),
  },
  {
    key: 'trustReceived',
    sql: `SELECT truster_id, level, created_at, updated_at FROM trust_edges
           WHERE trustee_id = $1 ORDER BY created_at, truster_id`,
    people: ['truster_id'],
  },
  // Blocks of the person by others go with the account too (the foreign keys cascade, as for trust edges), but are
  // not exported: whom someone blocks is their own decision, which a copy of another's data must not reveal.
  {
    key: 'blocks',
    sql: 'SELECT blocked_id, created_at FROM blocks WHERE blocker_id = $1 ORDER BY created_at, blocked_id',
    people: ['blocked_id'],
  },
);
