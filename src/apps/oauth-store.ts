import type { Database } from '../core/db/database';
import type { App } from './app.entity';

/** What oidc-provider hands an adapter: a model instance's stored form. */
type Payload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

/** The client metadata oidc-provider reads for an app; `client_secret` is the secret's digest (see compareClientSecret). */
export function clientMetadata(app: App): Record<string, unknown> {
  return {
    client_id: app.clientId,
    client_secret: app.secretDigest,
    client_name: app.name,
    redirect_uris: app.redirectUris,
    grant_types: app.merchantId
      ? ['authorization_code', 'refresh_token', 'client_credentials']
      : ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: app.scopes.join(' '),
  };
}

/**
 * oidc-provider's storage in PostgreSQL (`oauth_records`), so that every instance shares codes, tokens, grants,
 * sessions and interactions. Clients are not stored here: they are the `apps` rows, read fresh on every lookup, so
 * a rotated secret or a revoked app holds at once everywhere.
 */
export function oauthAdapter(db: Database) {
  return class OAuthAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const grantId = payload.grantId ?? (this.kind === 'Grant' ? id : null);
      await db.query(
        `INSERT INTO oauth_records (kind, id, payload, grant_id, uid, expires_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END)
         ON CONFLICT (kind, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [this.kind, id, payload, grantId, payload.uid ?? null, expiresIn ?? null],
      );
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.kind === 'Client') {
        const [app] = await db.query<App & { secret_digest: string }>(
          `SELECT client_id AS "clientId", secret_digest AS "secretDigest", name, redirect_uris AS "redirectUris",
                  scopes, merchant_id AS "merchantId"
           FROM apps WHERE client_id = $1 AND revoked_at IS NULL`,
          [id],
        );
        return app ? (clientMetadata(app) as Payload) : undefined;
      }
      return this.findBy('id', id);
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      return this.findBy('uid', uid);
    }

    async findByUserCode(): Promise<Payload | undefined> {
      return undefined;
    }

    /** Marks a code or refresh token used: a second use finds it consumed (and revokes its grant). */
    async consume(id: string): Promise<void> {
      await db.query(
        `UPDATE oauth_records SET consumed_at = now(),
           payload = jsonb_set(payload, '{consumed}', to_jsonb(extract(epoch FROM now())::bigint))
         WHERE kind = $1 AND id = $2`,
        [this.kind, id],
      );
    }

    async destroy(id: string): Promise<void> {
      await db.query('DELETE FROM oauth_records WHERE kind = $1 AND id = $2', [this.kind, id]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.query('DELETE FROM oauth_records WHERE grant_id = $1', [grantId]);
      await db.query('DELETE FROM app_grants WHERE id = $1', [grantId]);
    }

    private async findBy(column: 'id' | 'uid', value: string): Promise<Payload | undefined> {
      const [row] = await db.query<{ payload: Payload }>(
        `SELECT payload FROM oauth_records
         WHERE kind = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now())`,
        [this.kind, value],
      );
      return row?.payload;
    }
  };
}

/** Expired rows are only read past; sweep them now and then. */
export async function sweepExpired(db: Database): Promise<void> {
  await db.query(`DELETE FROM oauth_records WHERE expires_at < now() - interval '1 hour'`);
}
