import { randomBytes, randomUUID } from 'node:crypto';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Webhook } from 'standardwebhooks';
import { Config } from '../core/config';
import { Injectable } from '../core/container';
import { Container } from '../core/container';
import { createContext, type AppActor } from '../core/context';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import {
  notFound,
  UserErrorCode,
  UserFacingError,
  userError,
  type UserError,
} from '../core/errors/user-error';
import { JobQueue } from '../core/jobs/job-queue';
import { connectionOf, toConnection, type PageArgs } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { toGlobalId } from '../core/relay/global-id';
import { App } from './app.entity';
import { isLoopbackHost, isPrivateHost, parseAbsoluteUrl } from './app-urls';
import { PERSON_SCOPES, type Scope } from './scope-rules';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

/** Each topic, the type of its subject, and the scope an app needs to receive it. */
export const TOPICS = {
  'pool.tipped': { subject: 'GroupBuyPool', scope: 'pools:read' },
  'pool.succeeded': { subject: 'GroupBuyPool', scope: 'pools:read' },
  'pool.failed': { subject: 'GroupBuyPool', scope: 'pools:read' },
  'pool.cancelled': { subject: 'GroupBuyPool', scope: 'pools:read' },
  'order.created': { subject: 'Order', scope: 'orders:read' },
  'order.updated': { subject: 'Order', scope: 'orders:read' },
  'price_request.awarded': { subject: 'PriceRequest', scope: 'bidding:write' },
  'review.created': { subject: 'Review', scope: 'reviews:read' },
} as const satisfies Record<string, { subject: string; scope: Scope }>;

export type Topic = keyof typeof TOPICS;

/** What a delivery's `data` holds of each subject: read as the app may read it, through the schema. */
const SUBJECT_QUERIES: Record<string, string> = {
  GroupBuyPool: `query($id: ID!) { node(id: $id) { ... on GroupBuyPool {
    id status committedQuantity capacity tippingPoint participantCount deadline closedAt
    currentUnitPrice { amount currency } product { id title } merchant { id name } } } }`,
  Order: `query($id: ID!) { node(id: $id) { ... on Order {
    id status quantity title createdAt total { amount currency } product { id } merchant { id name } pool { id } } } }`,
  PriceRequest: `query($id: ID!) { node(id: $id) { ... on PriceRequest {
    id status title quantity category region deadline awardedBid { id unitPrice { amount currency } } } } }`,
  Review: `query($id: ID!) { node(id: $id) { ... on Review {
    id rating title body createdAt product { id title } } } }`,
};

/** Seconds after each failed attempt before the next: three within a minute, then growing; 8 attempts in all. */
export const RETRY_DELAYS_SECONDS = [5, 15, 40, 300, 1800, 7200, 18000];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export const DELIVERY_TIMEOUT_MS = 5000;
const QUEUE = 'webhook-delivery';
/** A pending delivery without an attempt this long after its event is sent by the sweep (a crash lost its job). */
const SWEEP_AFTER_SECONDS = 10;

export const { Connection: WebhookDeliveryConnection, Edge: WebhookDeliveryEdge } = connectionOf(
  'WebhookDelivery',
  () => WebhookDelivery,
  'webhook delivery',
);

/**
 * Webhooks: subscriptions, the outbox and delivery. `record` writes one delivery per subscribed URL in the
 * transaction of the change it announces; after the commit a job sends it (pg-boss), and a sweep sends any
 * that a crash left without a job, so no event is lost. Each attempt is a POST of `{ id, topic, createdAt, data }`
 * signed the Standard Webhooks way, `data` read through the schema as the app (its scopes, its person's or shop's
 * rights): what the app may not read is not sent. A 2xx within 5 s is delivered; anything else is retried after
 * RETRY_DELAYS_SECONDS with the same webhook-id and the same body.
 */
@Injectable()
export class WebhookService {
  private schema: GraphQLSchema | null = null;
  private readonly documents = new Map<string, DocumentNode>();

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly config: Config,
    private readonly container: Container,
  ) {}

  /** The schema that reads each delivery's data; set by the server once built. */
  useSchema(schema: GraphQLSchema): void {
    this.schema = schema;
  }

  async subscribe(
    viewerId: string,
    actor: AppActor | null,
    appId: string | null,
    input: { url: string; topics: string[] },
  ): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const app = await this.manageableApp(viewerId, actor, appId);
    const errors: UserError[] = [];
    const url = parseAbsoluteUrl(input.url);
    if (!url) {
      errors.push(userError('url', UserErrorCode.Invalid, 'The URL must be an absolute http(s) URL.'));
    } else if (url.protocol === 'http:' && (this.config.production || !isLoopbackHost(url.hostname))) {
      errors.push(
        userError(
          'url',
          UserErrorCode.Invalid,
          'Webhook URLs use https; plain http only to localhost, outside production.',
        ),
      );
    } else if (this.config.production && isPrivateHost(url.hostname)) {
      errors.push(
        userError('url', UserErrorCode.Invalid, 'Webhook URLs may not point to private addresses.'),
      );
    }
    const topics = [...new Set(input.topics)];
    if (!topics.length)
      errors.push(userError('topics', UserErrorCode.TooShort, 'Subscribe to at least one topic.'));
    input.topics.forEach((topic, i) => {
      const known = Object.hasOwn(TOPICS, topic) ? TOPICS[topic as Topic] : null;
      if (!known) {
        errors.push(userError(['topics', String(i)], UserErrorCode.Invalid, `There is no topic "${topic}".`));
      } else if (!app.scopes.includes(known.scope) || (actor && !actor.scopes.has(known.scope))) {
        errors.push(
          userError(
            ['topics', String(i)],
            UserErrorCode.Forbidden,
            `The topic ${topic} needs the ${known.scope} scope, which the app does not have.`,
          ),
        );
      }
    });
    if (errors.length) throw new UserFacingError(errors);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const repo = this.db.repo(WebhookSubscription);
    const subscription = await repo.save(repo.create({ appId: app.id, url: input.url, topics, secret }));
    return { subscription, secret };
  }

  async unsubscribe(viewerId: string, actor: AppActor | null, id: string | null): Promise<void> {
    const subscription = id ? await this.db.repo(WebhookSubscription).findOneBy({ id }) : null;
    if (!subscription) throw notFound('id', 'webhook subscription');
    await this.manageableApp(viewerId, actor, subscription.appId, 'id');
    await this.db.repo(WebhookSubscription).delete({ id: subscription.id });
  }

  /** Subscriptions of apps the viewer registered, in the order of `ids`; null for the rest. */
  async visibleSubscriptions(viewerId: string | null, ids: readonly string[]): Promise<Array<object | null>> {
    if (!viewerId) return ids.map(() => null);
    const rows = await this.db
      .repo(WebhookSubscription)
      .createQueryBuilder('s')
      .innerJoin('s.app', 'a')
      .where('s.id IN (:...ids) AND a.ownerId = :viewerId', { ids, viewerId })
      .getMany();
    const byId = new Map(rows.map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Deliveries to subscriptions of apps the viewer registered, in the order of `ids`; null for the rest. */
  async visibleDeliveries(viewerId: string | null, ids: readonly string[]): Promise<Array<object | null>> {
    if (!viewerId) return ids.map(() => null);
    const rows = await this.db
      .repo(WebhookDelivery)
      .createQueryBuilder('d')
      .innerJoin('d.subscription', 's')
      .innerJoin('s.app', 'a')
      .where('d.id IN (:...ids) AND a.ownerId = :viewerId', { ids, viewerId })
      .getMany();
    const byId = new Map(rows.map((d) => [d.id, d]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  subscriptionsOf(appId: string): Promise<WebhookSubscription[]> {
    return this.db
      .repo(WebhookSubscription)
      .find({ where: { appId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async deliveries(subscriptionId: string, args: PageArgs): Promise<object> {
    const query = this.db
      .repo(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.subscriptionId = :subscriptionId', { subscriptionId });
    const page = await paginate(query, args, {
      columns: ['d.createdAt', 'd.id'],
      key: (d) => [d.createdAt.toISOString(), d.id],
      direction: 'DESC',
    });
    return toConnection(WebhookDeliveryConnection, page);
  }

  /**
   * The outbox: one pending delivery per subscription to the topic (of an active app), written in the caller's
   * transaction; sent once it commits. Call it inside the transaction of the change.
   */
  async record(topic: Topic, subjectIds: string[]): Promise<void> {
    if (!subjectIds.length) return;
    const subject = TOPICS[topic].subject;
    const rows = await this.db.query<{ id: string; created_at: Date }>(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, topic, subject_type, subject_id)
       SELECT s.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), $1::text, $2::text, subject.id
       FROM webhook_subscriptions s JOIN apps a ON a.id = s.app_id, unnest($3::uuid[]) AS subject(id)
       WHERE $1::text = ANY(s.topics) AND a.revoked_at IS NULL
       RETURNING id, created_at`,
      [topic, subject, subjectIds],
    );
    if (!rows.length) return;
    await this.db.afterCommit(async () => {
      // Should this fail (or the process die first), the sweep sends them.
      for (const row of rows) await this.enqueue(row.id, 1, row.created_at).catch(() => undefined);
    });
  }

  /** The worker, and the sweep that sends what a crash left without a job. */
  async start(): Promise<void> {
    await this.jobs.work<{ deliveryId: string; attempt: number }>(QUEUE, (job) => this.attempt(job));
    const sweep = async () => {
      const stale = await this.db.query<{ id: string }>(
        `SELECT id FROM webhook_deliveries
         WHERE status = 'PENDING' AND attempts = 0 AND created_at < now() - make_interval(secs => $1)
         ORDER BY created_at LIMIT 100`,
        [SWEEP_AFTER_SECONDS],
      );
      // A job of its own, beside any left by a dead instance (which pg-boss gives up on only when it expires).
      for (const row of stale) {
        await this.jobs.schedule(
          QUEUE,
          { deliveryId: row.id, attempt: 1 },
          new Date(),
          `webhook:${row.id}:sweep`,
        );
      }
    };
    const timer = setInterval(() => void sweep().catch(() => undefined), SWEEP_AFTER_SECONDS * 1000);
    timer.unref();
    void sweep().catch(() => undefined);
  }

  private enqueue(deliveryId: string, attempt: number, runAt: Date): Promise<void> {
    // One job per attempt and time: enqueueing the same attempt again (the sweep) while it waits is a no-op, and
    // the handler's guard makes a second run of an attempt change nothing.
    return this.jobs.schedule(QUEUE, { deliveryId, attempt }, runAt, `webhook:${deliveryId}:${attempt}`);
  }

  /**
   * One attempt, guarded by the delivery's status and attempt count so that a job run twice sends once. The body
   * is fixed at the first attempt, read as the app may read the subject; nothing is sent for a subject the app
   * may not read (the delivery is dropped).
   */
  private async attempt(job: { deliveryId: string; attempt: number }): Promise<void> {
    // Before the schema is built nothing can be read as the app; the sweep sends it again shortly.
    if (!this.schema) return;
    const delivery = await this.db.repo(WebhookDelivery).findOne({
      where: { id: job.deliveryId },
      relations: { subscription: { app: true } },
    });
    if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING) return;
    if (delivery.attempts !== job.attempt - 1) return;
    const { subscription } = delivery;
    const app = subscription.app;
    const topic = TOPICS[delivery.topic as Topic];
    // A revoked app, or one whose scopes no longer cover the topic, is sent nothing.
    if (app.revokedAt || !topic || !app.scopes.includes(topic.scope)) {
      await this.db.repo(WebhookDelivery).delete({ id: delivery.id });
      return;
    }
    if (delivery.body === null) {
      const data = await this.readAs(app, delivery.subjectType, delivery.subjectId);
      if (!data) {
        await this.db.repo(WebhookDelivery).delete({ id: delivery.id });
        return;
      }
      delivery.body = JSON.stringify({
        id: delivery.eventId,
        topic: delivery.topic,
        createdAt: delivery.createdAt.toISOString(),
        data,
      });
      await this.db.repo(WebhookDelivery).update({ id: delivery.id }, { body: delivery.body });
    }
    const sentAt = new Date();
    let status: number | null = null;
    try {
      const signature = new Webhook(subscription.secret).sign(delivery.eventId, sentAt, delivery.body);
      const response = await fetch(subscription.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Dorfmarkt-Webhooks/1',
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: delivery.body,
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch {
      // No answer (refused, reset, timed out): recorded as an attempt without a status.
    }
    const delivered = status !== null && status >= 200 && status < 300;
    const attempts = job.attempt;
    const next = delivered
      ? WebhookDeliveryStatus.DELIVERED
      : attempts >= MAX_ATTEMPTS
        ? WebhookDeliveryStatus.FAILED
        : WebhookDeliveryStatus.PENDING;
    const updated = await this.db.query(
      `UPDATE webhook_deliveries SET attempts = $2, last_attempt_at = $3, response_status = $4, status = $5
       WHERE id = $1 AND attempts = $6 AND status = 'PENDING' RETURNING id`,
      [delivery.id, attempts, sentAt, status, next, attempts - 1],
    );
    if (updated.length && next === WebhookDeliveryStatus.PENDING) {
      const delay = RETRY_DELAYS_SECONDS[attempts - 1] * 1000 * this.config.WEBHOOK_RETRY_SCALE;
      await this.enqueue(delivery.id, attempts + 1, new Date(Date.now() + delay));
    }
  }

  /** The subject as the app may read it (its owner's or shop's rights, its scopes); null when it may not. */
  private async readAs(
    app: App,
    subjectType: string,
    subjectId: string,
  ): Promise<Record<string, unknown> | null> {
    if (!this.schema || !app.ownerId) return null;
    const text = SUBJECT_QUERIES[subjectType];
    let document = this.documents.get(subjectType);
    if (!document) {
      document = parse(text);
      this.documents.set(subjectType, document);
    }
    const scopes = app.scopes.filter((s) => !(app.merchantId && PERSON_SCOPES.has(s as Scope)));
    const ctx = createContext(
      this.container,
      {
        id: app.ownerId,
        app: {
          appId: app.id,
          clientId: app.clientId,
          scopes: new Set(scopes),
          merchantId: app.merchantId,
          budgetKey: `webhook:${app.id}`,
        },
      },
      randomUUID(),
      '127.0.0.1',
    );
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: { id: toGlobalId(subjectType, subjectId) },
      contextValue: ctx,
    });
    const node = (result.data?.node ?? null) as Record<string, unknown> | null;
    if (!node) return null;
    return node;
  }

  /** The app when the viewer registered it, or when the request comes from the app itself. */
  private async manageableApp(
    viewerId: string,
    actor: AppActor | null,
    appId: string | null,
    field = 'appId',
  ): Promise<App> {
    const app = appId ? await this.db.repo(App).findOneBy({ id: appId }) : null;
    if (!app || app.revokedAt) throw notFound(field, 'app');
    if (actor ? actor.appId !== app.id : app.ownerId !== viewerId) {
      throw new ForbiddenError(
        'Only the app itself or the person who registered it can manage its webhooks.',
      );
    }
    return app;
  }
}
