import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { In } from 'typeorm';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import {
  notFound,
  UserErrorCode,
  UserFacingError,
  userError,
  type UserError,
} from '../core/errors/user-error';
import { MerchantService } from '../catalog/merchant.service';
import { App } from './app.entity';
import { AppGrant } from './app-grant.entity';
import { isLoopbackHost, parseAbsoluteUrl } from './app-urls';
import { OAuthRecord } from './oauth-record.entity';
import { isScope } from './scope-rules';

export interface NewApp {
  name: string;
  description: string;
  homepageUrl?: string | null;
  redirectUris: string[];
  scopes: string[];
  merchantId?: string | null;
}

/** An app with its client secret, which exists in plain only in this answer. */
export interface AppWithSecret {
  app: App;
  clientSecret: string;
}

const MAX_REDIRECT_URIS = 10;

/** SHA-256 (hex) of a client secret: what the database keeps. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Partner apps: registration (by a person, optionally for a shop they staff), secret rotation, revocation, and a
 * person's disconnecting. Nothing about an app is cached: every token check and every client lookup reads the
 * row, so each change holds on every instance from the moment it commits.
 */
@Injectable()
export class AppService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantService,
  ) {}

  async create(ownerId: string, input: NewApp): Promise<AppWithSecret> {
    const valid = validateApp(input);
    return this.db.transaction(async (tx) => {
      // An ID of another type decodes to null: NOT_FOUND, as for a shop that does not exist.
      if (input.merchantId !== undefined) {
        await this.merchants.requireRole(ownerId, input.merchantId, 'merchantId');
      }
      const clientSecret = newSecret();
      const app = tx.getRepository(App).create({
        ...valid,
        ownerId,
        merchantId: input.merchantId ?? null,
        clientId: `dm_${randomBytes(12).toString('base64url')}`,
        secretDigest: secretDigest(clientSecret),
        revokedAt: null,
      });
      await tx.getRepository(App).save(app);
      return { app, clientSecret };
    });
  }

  /** A new secret; the old one stops working at once (every token request reads the digest). */
  async rotateSecret(ownerId: string, appId: string | null): Promise<AppWithSecret> {
    return this.db.transaction(async (tx) => {
      const app = await this.ownedApp(ownerId, appId);
      const clientSecret = newSecret();
      app.secretDigest = secretDigest(clientSecret);
      await tx.getRepository(App).update({ id: app.id }, { secretDigest: app.secretDigest });
      return { app, clientSecret };
    });
  }

  /** Stops the app and every token of it at once; its grants and tokens are deleted. */
  async revoke(ownerId: string, appId: string | null): Promise<App> {
    return this.db.transaction(async (tx) => {
      const app = await this.ownedApp(ownerId, appId);
      if (!app.revokedAt) {
        app.revokedAt = new Date();
        await tx.getRepository(App).update({ id: app.id }, { revokedAt: app.revokedAt });
        await tx.query(`DELETE FROM oauth_records WHERE payload->>'clientId' = $1`, [app.clientId]);
        await tx.getRepository(AppGrant).delete({ appId: app.id });
      }
      return app;
    });
  }

  /** Ends the person's grants to the app and every token issued under them, at once. */
  async disconnect(userId: string, appId: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const grants = appId ? await tx.getRepository(AppGrant).findBy({ appId, userId }) : [];
      if (!grants.length) throw notFound('appId', 'app connected to your account');
      const ids = grants.map((g) => g.id);
      await tx.getRepository(OAuthRecord).delete({ grantId: In(ids) });
      await tx.getRepository(AppGrant).delete({ id: In(ids) });
    });
  }

  /** The app when the viewer registered it (or staffs its shop); null otherwise. */
  async visibleApp(viewerId: string | null, appId: string | null): Promise<App | null> {
    if (!viewerId || !appId) return null;
    const app = await this.db.repo(App).findOneBy({ id: appId });
    if (!app) return null;
    if (app.ownerId === viewerId) return app;
    if (app.merchantId && (await this.merchants.roleOf(viewerId, app.merchantId))) return app;
    return null;
  }

  /** The apps the person registered, newest first. */
  ownApps(userId: string): Promise<App[]> {
    return this.db.repo(App).find({ where: { ownerId: userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The person's grants, newest first, with their apps. */
  grantsOf(userId: string): Promise<AppGrant[]> {
    return this.db
      .repo(AppGrant)
      .find({ where: { userId }, relations: { app: true }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The app a client id names, revoked or not. */
  byClientId(clientId: string): Promise<App | null> {
    return this.db.repo(App).findOneBy({ clientId });
  }

  private async ownedApp(ownerId: string, appId: string | null): Promise<App> {
    const app = appId ? await this.db.repo(App).findOneBy({ id: appId }) : null;
    if (!app) throw notFound('appId', 'app');
    if (app.ownerId !== ownerId)
      throw new ForbiddenError('Only the person who registered the app can do this.');
    return app;
  }
}

function newSecret(): string {
  return `dmsec_${randomBytes(32).toString('base64url')}`;
}

/** The checks of createApp, each failure a userError naming its field. */
function validateApp(input: NewApp): Omit<NewApp, 'merchantId'> & { homepageUrl: string | null } {
  const errors: UserError[] = [];
  const name = input.name.trim();
  const description = input.description.trim();
  if (!name) errors.push(userError('name', UserErrorCode.TooShort, 'Give the app a name.'));
  if (name.length > 80)
    errors.push(userError('name', UserErrorCode.TooLong, 'A name has at most 80 characters.'));
  if (description.length > 500)
    errors.push(userError('description', UserErrorCode.TooLong, 'A description has at most 500 characters.'));
  let homepageUrl: string | null = null;
  if (input.homepageUrl) {
    const url = parseAbsoluteUrl(input.homepageUrl);
    if (!url || (url.protocol === 'http:' && !isLoopbackHost(url.hostname)))
      errors.push(
        userError('homepageUrl', UserErrorCode.Invalid, 'The homepage must be an absolute https URL.'),
      );
    homepageUrl = input.homepageUrl;
  }
  if (!input.redirectUris.length)
    errors.push(userError('redirectUris', UserErrorCode.TooShort, 'Register at least one redirect URI.'));
  if (input.redirectUris.length > MAX_REDIRECT_URIS)
    errors.push(
      userError(
        'redirectUris',
        UserErrorCode.TooLong,
        `An app has at most ${MAX_REDIRECT_URIS} redirect URIs.`,
      ),
    );
  input.redirectUris.forEach((uri, i) => {
    const url = parseAbsoluteUrl(uri);
    if (!url) {
      errors.push(
        userError(
          ['redirectUris', String(i)],
          UserErrorCode.Invalid,
          'A redirect URI must be an absolute http(s) URL without a fragment.',
        ),
      );
    } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      errors.push(
        userError(
          ['redirectUris', String(i)],
          UserErrorCode.Invalid,
          'A redirect URI must use https; plain http only to this machine (localhost, 127.0.0.1).',
        ),
      );
    }
  });
  const scopes = [...new Set(input.scopes)];
  if (!scopes.length) errors.push(userError('scopes', UserErrorCode.TooShort, 'Ask for at least one scope.'));
  input.scopes.forEach((scope, i) => {
    if (!isScope(scope))
      errors.push(
        userError(
          ['scopes', String(i)],
          UserErrorCode.Invalid,
          `There is no scope "${scope}"; see appScopes.`,
        ),
      );
  });
  if (errors.length) throw new UserFacingError(errors);
  return { name, description, homepageUrl, redirectUris: [...new Set(input.redirectUris)], scopes };
}
