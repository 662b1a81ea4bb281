import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Provider, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { AuthService } from '../auth/auth.service';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { Config } from '../core/config';
import { Injectable } from '../core/container';
import type { AppActor, Viewer } from '../core/context';
import { Database } from '../core/db/database';
import { clientIp } from '../core/http/client-ip';
import { readBody } from '../core/http/read-body';
import { RateLimits } from '../core/security/rate-limits';
import { sendPage } from '../web/pages';
import { App } from './app.entity';
import { AppGrant } from './app-grant.entity';
import { digestsEqual, secretDigest } from './app.service';
import { consentHtml, oauthErrorHtml, type ConsentPage } from './consent-page';
import { oauthAdapter, sweepExpired } from './oauth-store';
import { isScope, PERSON_SCOPES, SCOPE_NAMES, SCOPES, type Scope } from './scope-rules';

/** How long each artefact lives, in seconds: codes are single-use and short. */
const TTL = {
  AuthorizationCode: 60,
  AccessToken: 15 * 60,
  ClientCredentials: 15 * 60,
  RefreshToken: 30 * 24 * 3600,
  Interaction: 10 * 60,
  Session: 24 * 3600,
  Grant: 365 * 24 * 3600,
};

const CONSENT_PATH = '/oauth/consent/';
const PROVIDER_PATHS = ['/oauth/', '/.well-known/openid-configuration'];
/** An app's access token as oidc-provider makes it: opaque, base64url, no dots (our people's JWTs have two). */
const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/** An app token's stored row, with the app it belongs to. */
interface TokenRow {
  kind: 'AccessToken' | 'ClientCredentials';
  payload: { accountId?: string; grantId?: string; scope?: string; exp?: number; clientId: string };
  app_id: string;
  client_id: string;
  owner_id: string | null;
  merchant_id: string | null;
  scopes: string[];
}

/**
 * OAuth 2 for partner apps, by oidc-provider (the OpenID Foundation-certified reference implementation for Node):
 * authorization code with PKCE (S256 only) and exact redirect URIs, refresh tokens rotated on every use,
 * client credentials for a shop's app, the client secret by HTTP Basic or in the form body, errors as RFC 6749
 * names them. Its state lives in PostgreSQL (oauth-store.ts), so any instance continues what another began. The
 * consent page is ours (/oauth/consent/<interaction>): the person signs in there, and the sign-in counts against
 * the login budget and back-off as the login mutation does.
 */
@Injectable()
export class OAuthService {
  private provider: Provider | null = null;
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
    private readonly auth: AuthService,
    private readonly rateLimits: RateLimits,
  ) {}

  private port: number | null = null;

  /** PUBLIC_URL, or http://localhost:<the port listened on>. */
  get issuer(): string {
    return (this.config.PUBLIC_URL ?? `http://localhost:${this.port ?? this.config.PORT}`).replace(/\/$/, '');
  }

  /** Told by the server once it listens (before any request), for an issuer without PUBLIC_URL. */
  listeningOn(port: number): void {
    this.port = port;
  }

  /** The resource every app token is for: our GraphQL endpoint. */
  get resource(): string {
    return `${this.issuer}/graphql`;
  }

  /** The HTTP routes: /oauth/* and the discovery document; true when it answered the request. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path.startsWith(CONSENT_PATH)) {
      await this.consent(req, res, path.slice(CONSENT_PATH.length));
      return true;
    }
    if (!PROVIDER_PATHS.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)))) return false;
    await this.oidc().callback()(req, res);
    return true;
  }

  /**
   * The viewer an app token stands for, read fresh from the database on every request: a revoked app, a
   * disconnected grant or a deleted person stops the token at once on every instance. null when the value is not
   * an app token at all (a person's JWT); undefined for an app token that is not valid.
   */
  async viewerFrom(token: string): Promise<{ viewer: Viewer; expiresAtMs: number } | null | undefined> {
    if (!OPAQUE_TOKEN.test(token)) return null;
    const [row] = await this.db.prepared<TokenRow>(
      `SELECT r.kind, r.payload, a.id AS app_id, a.client_id, a.owner_id, a.merchant_id, a.scopes
       FROM oauth_records r JOIN apps a ON a.client_id = r.payload->>'clientId' AND a.revoked_at IS NULL
       WHERE r.kind IN ('AccessToken', 'ClientCredentials') AND r.id = $1 AND r.expires_at > now()
         AND (r.kind = 'ClientCredentials' OR EXISTS (SELECT 1 FROM app_grants g WHERE g.id = r.grant_id))`,
      [token],
    );
    if (!row) return undefined;
    const shop = row.kind === 'ClientCredentials';
    const userId = shop ? row.owner_id : (row.payload.accountId ?? null);
    if (!userId || (shop && !row.merchant_id)) return undefined;
    const allowed = new Set(row.scopes);
    const asked = row.payload.scope ? row.payload.scope.split(' ') : shop ? row.scopes : [];
    const scopes = asked.filter(
      (s): s is Scope => isScope(s) && allowed.has(s) && !(shop && PERSON_SCOPES.has(s)),
    );
    const app: AppActor = {
      appId: row.app_id,
      clientId: row.client_id,
      scopes: new Set(scopes),
      merchantId: shop ? row.merchant_id : null,
      budgetKey: shop ? `shop:${row.app_id}` : `grant:${row.payload.grantId}`,
    };
    return { viewer: { id: userId, app }, expiresAtMs: (row.payload.exp ?? 0) * 1000 };
  }

  start(): void {
    this.sweep = setInterval(() => void sweepExpired(this.db).catch(() => undefined), 10 * 60_000);
    this.sweep.unref();
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  private oidc(): Provider {
    if (this.provider) return this.provider;
    const secret = resolveJwtSecret(this.config.JWT_SECRET, this.config.DATA_DIR);
    const cookieKey = createHmac('sha256', secret).update('dorfmarkt:oauth-cookies').digest('base64url');
    const resource = this.resource;
    // No ID tokens are issued (no openid scope), so a key made at start signs nothing another instance must read.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const configuration: Configuration = {
      adapter: oauthAdapter(this.db) as unknown as Configuration['adapter'],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256' }] as never },
      cookies: { keys: [cookieKey] },
      clientDefaults: {
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
      scopes: SCOPE_NAMES,
      claims: {},
      responseTypes: ['code'],
      pkce: { required: () => true },
      routes: {
        authorization: '/oauth/authorize',
        token: '/oauth/token',
        revocation: '/oauth/revoke',
        jwks: '/oauth/jwks',
        end_session: '/oauth/logout',
        userinfo: '/oauth/userinfo',
        pushed_authorization_request: '/oauth/par',
      },
      ttl: TTL,
      rotateRefreshToken: true,
      allowOmittingSingleRegisteredRedirectUri: false,
      // A code always comes with a refresh token (no offline_access scope needed); each refresh rotates it.
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      expiresWithSession: async () => false,
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        revocation: { enabled: true },
        userinfo: { enabled: false },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => resource,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: SCOPE_NAMES.join(' '),
            accessTokenFormat: 'opaque',
            accessTokenTTL: TTL.AccessToken,
            audience: resource,
          }),
        },
      },
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
      interactions: { url: async (_ctx, interaction) => `${CONSENT_PATH}${interaction.uid}` },
      renderError: async (ctx: KoaContextWithOIDC, out) => {
        ctx.type = 'html';
        ctx.set('content-security-policy', "default-src 'none'; form-action 'none'; frame-ancestors 'none'");
        ctx.body = oauthErrorHtml('This sign-in cannot go on', out as unknown as Record<string, string>);
      },
    };
    const provider = new Provider(this.issuer, configuration);
    provider.proxy = this.config.TRUST_PROXY > 0;
    // RFC 6749 (5.2) names a grant type the client may not use unauthorized_client; the library says
    // invalid_request.
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { error?: string; error_description?: string } | undefined;
      if (
        body?.error === 'invalid_request' &&
        /grant type is not allowed/.test(body.error_description ?? '')
      ) {
        ctx.body = { ...body, error: 'unauthorized_client' };
      }
    });
    // Only the secret's digest is stored: compare digests (in constant time).
    provider.Client.prototype.compareClientSecret = async function compare(
      this: { clientSecret?: string },
      actual: string,
    ) {
      return !!this.clientSecret && digestsEqual(this.clientSecret, secretDigest(actual));
    } as never;
    this.provider = provider;
    return provider;
  }

  /** GET shows the consent page; POST takes its form. */
  private async consent(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const provider = this.oidc();
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return this.errorPage(
        res,
        400,
        'This sign-in has expired or was started elsewhere; go back to the app and start again.',
      );
    }
    if (details.uid !== uid) return this.errorPage(res, 400, 'This sign-in does not match this page.');
    const app = await this.db.repo(App).findOneBy({ clientId: String(details.params.client_id) });
    if (!app || app.revokedAt) return this.errorPage(res, 400, 'This app is no longer registered.');
    const asked = String(details.params.scope ?? '')
      .split(' ')
      .filter((s): s is Scope => isScope(s) && app.scopes.includes(s));
    const page: ConsentPage = {
      uid,
      appName: app.name,
      appDescription: app.description,
      homepageUrl: app.homepageUrl,
      scopes: asked.map((name) => ({ name, words: SCOPES[name] })),
    };
    const formAction = ["'self'", ...new Set(app.redirectUris.map((u) => new URL(u).origin))];
    if (req.method === 'GET' || req.method === 'HEAD') {
      return sendPage(res, 'consent', 200, consentHtml(page), formAction);
    }
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.setHeader('allow', 'GET, POST');
      return void res.end();
    }
    const form = new URLSearchParams(await readBody(req, 16 * 1024));
    if (form.get('decision') !== 'allow') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person did not allow the app.' },
        { mergeWithLastSubmission: false },
      );
    }
    const email = form.get('email') ?? '';
    const password = form.get('password') ?? '';
    const ip = clientIp(req, this.config.TRUST_PROXY);
    const limited = await this.rateLimits.authAttempts(ip, 1, email ? [email] : []);
    if (limited) {
      res.setHeader('retry-after', String(limited.retryAfter));
      const message = `Too many sign-in attempts; try again in ${limited.retryAfter} seconds.`;
      return sendPage(res, 'consent', 429, consentHtml({ ...page, email, message }), formAction);
    }
    const user = email && password ? await this.auth.checkCredentials(email, password, ip) : null;
    if (!user) {
      const message = 'The email or the password is wrong.';
      return sendPage(res, 'consent', 401, consentHtml({ ...page, email, message }), formAction);
    }
    const grantId = await this.grant(provider, app, user.id, asked);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  /** The person's one grant to the app, made or widened by the scopes allowed now. */
  private async grant(provider: Provider, app: App, userId: string, scopes: Scope[]): Promise<string> {
    const known = await this.db.repo(AppGrant).findOneBy({ appId: app.id, userId });
    let grant = known ? await provider.Grant.find(known.id) : undefined;
    if (!grant || grant.accountId !== userId) {
      grant = new provider.Grant({ accountId: userId, clientId: app.clientId });
    }
    // The scopes are both the provider's own (config.scopes) and the API's (the resource's): granted as both.
    grant.addOIDCScope(scopes.join(' '));
    grant.addResourceScope(this.resource, scopes.join(' '));
    const grantId = await grant.save();
    const all = [...new Set([...(known?.id === grantId ? known.scopes : []), ...scopes])];
    await this.db.transaction(async (tx) => {
      if (known && known.id !== grantId) await tx.getRepository(AppGrant).delete({ id: known.id });
      await tx
        .getRepository(AppGrant)
        .upsert({ id: grantId, appId: app.id, userId, scopes: all }, { conflictPaths: ['id'] });
    });
    return grantId;
  }

  private errorPage(res: ServerResponse, status: number, message: string): void {
    res.statusCode = status;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader(
      'content-security-policy',
      "default-src 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    res.end(oauthErrorHtml('This sign-in cannot go on', { error: message }));
  }
}
