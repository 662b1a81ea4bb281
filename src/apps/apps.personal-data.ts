import type { PersonalDataSection } from '../core/personal-data';

/**
 * What the apps slice keeps about a person: the apps they registered (with their webhook subscriptions) and the
 * apps they allowed to act for them. Secrets and their digests are never exported. Erasure ends every grant and
 * token first, then deletes the person's apps (their subscriptions and deliveries go with them).
 */
export const appsPersonalData: PersonalDataSection[] = [
  {
    key: 'appAuthorizations',
    sql: `SELECT app_id, scopes, created_at FROM app_grants WHERE user_id = $1 ORDER BY created_at, id`,
    globalIds: { app_id: 'App' },
    erase: `WITH gone AS (DELETE FROM app_grants WHERE user_id = $1 RETURNING id)
            DELETE FROM oauth_records WHERE grant_id IN (SELECT id FROM gone) OR payload->>'accountId' = $1::text`,
  },
  {
    key: 'apps',
    sql: `SELECT id, name, description, homepage_url, client_id, redirect_uris, scopes, merchant_id, created_at,
                 revoked_at
          FROM apps WHERE owner_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'App', merchant_id: 'Merchant' },
    erase: `WITH gone AS (DELETE FROM apps WHERE owner_id = $1 RETURNING client_id)
            DELETE FROM oauth_records WHERE payload->>'clientId' IN (SELECT client_id FROM gone)`,
  },
  {
    key: 'webhookSubscriptions',
    sql: `SELECT s.id, s.app_id, s.url, s.topics, s.created_at
          FROM webhook_subscriptions s JOIN apps a ON a.id = s.app_id
          WHERE a.owner_id = $1 ORDER BY s.created_at, s.id`,
    globalIds: { id: 'WebhookSubscription', app_id: 'App' },
  },
];
