import type { DomainModule } from '../core/module';
import { App } from './app.entity';
import { AppGrant } from './app-grant.entity';
import { UserAppsResolver, AppResolver, WebhookSubscriptionResolver } from './app.resolver';
import { AppService } from './app.service';
import { appsPersonalData } from './apps.personal-data';
import { CostBucket } from './cost-bucket.entity';
import { OAuthRecord } from './oauth-record.entity';
import { OAuthService } from './oauth.service';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookService } from './webhook.service';
import { WebhookSubscription } from './webhook-subscription.entity';

export const appsModule: DomainModule = {
  name: 'apps',
  entities: [App, AppGrant, OAuthRecord, CostBucket, WebhookSubscription, WebhookDelivery],
  resolvers: [AppResolver, UserAppsResolver, WebhookSubscriptionResolver],
  nodeTypes: [
    {
      typeName: 'App',
      fetch: (ctx, ids) =>
        Promise.all(ids.map((id) => ctx.container.get(AppService).visibleApp(ctx.viewer?.id ?? null, id))),
    },
    {
      typeName: 'WebhookSubscription',
      fetch: (ctx, ids) =>
        ctx.container.get(WebhookService).visibleSubscriptions(ctx.viewer?.id ?? null, ids),
    },
    {
      typeName: 'WebhookDelivery',
      fetch: (ctx, ids) => ctx.container.get(WebhookService).visibleDeliveries(ctx.viewer?.id ?? null, ids),
    },
  ],
  personalData: appsPersonalData,
  async start(container) {
    container.get(OAuthService).start();
    await container.get(WebhookService).start();
  },
};
