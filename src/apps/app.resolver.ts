import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { ConnectionArgs } from '../core/relay/connection-args';
import { localId } from '../core/relay/global-id';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Merchant } from '../catalog/merchant.entity';
import { User } from '../users/user.entity';
import { App } from './app.entity';
import {
  AppAuthorization,
  AppScope,
  CreateAppInput,
  CreateAppPayload,
  CreateWebhookSubscriptionInput,
  CreateWebhookSubscriptionPayload,
  DeleteWebhookSubscriptionInput,
  DeleteWebhookSubscriptionPayload,
  DisconnectAppInput,
  DisconnectAppPayload,
  RevokeAppInput,
  RevokeAppPayload,
  RotateAppSecretInput,
  RotateAppSecretPayload,
} from './app.inputs';
import { AppService } from './app.service';
import { SCOPES } from './scope-rules';
import { WebhookDeliveryConnection, WebhookService } from './webhook.service';
import { WebhookSubscription } from './webhook-subscription.entity';

@Injectable()
@Resolver(() => App)
export class AppResolver {
  constructor(
    private readonly apps: AppService,
    private readonly webhooks: WebhookService,
    private readonly catalog: CatalogLoaders,
  ) {}

  @Query(() => App, {
    nullable: true,
    description: 'An app you registered (or one of a shop you staff); null for anyone else’s.',
  })
  app(@Arg('id', () => ID, { description: 'The app’s global ID.' }) id: string, @Ctx() ctx: Context) {
    return this.apps.visibleApp(ctx.viewer?.id ?? null, localId(id, 'App'));
  }

  @Query(() => [AppScope], {
    description: 'Scopes an app may ask for, each with the words the consent page shows.',
  })
  appScopes(): AppScope[] {
    return Object.entries(SCOPES).map(([name, description]) => ({ name, description }));
  }

  @Authorized()
  @Mutation(() => CreateAppPayload, {
    description:
      'Registers a partner app (optionally for a shop you staff). The client secret is in this payload only.',
  })
  createApp(
    @Arg('input', { description: 'The app’s name, description, redirect URIs and scopes.' })
    input: CreateAppInput,
    @Ctx() ctx: Context,
  ): Promise<CreateAppPayload> {
    const merchantId = input.merchantId == null ? undefined : localId(input.merchantId, 'Merchant');
    return toPayload(
      CreateAppPayload,
      () => this.apps.create(requireViewer(ctx), { ...input, merchantId }),
      ({ app, clientSecret }) => ({ app, clientSecret }),
    );
  }

  @Authorized()
  @Mutation(() => RotateAppSecretPayload, {
    description:
      'Gives an app a new client secret (in this payload only); the old one stops working at once.',
  })
  rotateAppSecret(
    @Arg('input', { description: 'The app.' }) input: RotateAppSecretInput,
    @Ctx() ctx: Context,
  ): Promise<RotateAppSecretPayload> {
    return toPayload(
      RotateAppSecretPayload,
      () => this.apps.rotateSecret(requireViewer(ctx), localId(input.appId, 'App')),
      ({ app, clientSecret }) => ({ app, clientSecret }),
    );
  }

  @Authorized()
  @Mutation(() => RevokeAppPayload, {
    description: 'Revokes an app you registered: every token of it stops working at once, on every instance.',
  })
  revokeApp(
    @Arg('input', { description: 'The app.' }) input: RevokeAppInput,
    @Ctx() ctx: Context,
  ): Promise<RevokeAppPayload> {
    return toPayload(
      RevokeAppPayload,
      () => this.apps.revoke(requireViewer(ctx), localId(input.appId, 'App')),
      (app) => ({ app }),
    );
  }

  @Authorized()
  @Mutation(() => DisconnectAppPayload, {
    description: 'Ends your consent to an app: its tokens for you stop working at once.',
  })
  disconnectApp(
    @Arg('input', { description: 'The app.' }) input: DisconnectAppInput,
    @Ctx() ctx: Context,
  ): Promise<DisconnectAppPayload> {
    return toPayload(DisconnectAppPayload, () =>
      this.apps.disconnect(requireViewer(ctx), localId(input.appId, 'App')),
    );
  }

  @Authorized()
  @Mutation(() => CreateWebhookSubscriptionPayload, {
    description:
      'Subscribes a URL of an app to topics (by the app’s owner, or by the app itself with a token whose scopes cover the topics). The whsec_ secret is in this payload only.',
  })
  createWebhookSubscription(
    @Arg('input', { description: 'The app, the URL and the topics.' }) input: CreateWebhookSubscriptionInput,
    @Ctx() ctx: Context,
  ): Promise<CreateWebhookSubscriptionPayload> {
    return toPayload(
      CreateWebhookSubscriptionPayload,
      () =>
        this.webhooks.subscribe(requireViewer(ctx), ctx.viewer?.app ?? null, localId(input.appId, 'App'), {
          url: input.url,
          topics: input.topics,
        }),
      ({ subscription, secret }) => ({ webhookSubscription: subscription, secret }),
    );
  }

  @Authorized()
  @Mutation(() => DeleteWebhookSubscriptionPayload, {
    description: 'Deletes a webhook subscription of your app.',
  })
  deleteWebhookSubscription(
    @Arg('input', { description: 'The subscription.' }) input: DeleteWebhookSubscriptionInput,
    @Ctx() ctx: Context,
  ): Promise<DeleteWebhookSubscriptionPayload> {
    return toPayload(DeleteWebhookSubscriptionPayload, () =>
      this.webhooks.unsubscribe(
        requireViewer(ctx),
        ctx.viewer?.app ?? null,
        localId(input.id, 'WebhookSubscription'),
      ),
    );
  }

  @FieldResolver(() => Merchant, { nullable: true, description: 'The shop the app is for; null for none.' })
  async merchant(@Root() app: App, @Ctx() ctx: Context): Promise<Merchant | null> {
    return app.merchantId ? this.catalog.of(ctx).merchantById.load(app.merchantId) : null;
  }

  @FieldResolver(() => [WebhookSubscription], {
    description: 'The app’s webhook subscriptions, oldest first.',
  })
  webhookSubscriptions(@Root() app: App): Promise<WebhookSubscription[]> {
    return this.webhooks.subscriptionsOf(app.id);
  }
}

@Injectable()
@Resolver(() => User)
export class UserAppsResolver {
  constructor(private readonly service: AppService) {}

  @FieldResolver(() => [App], {
    description: 'The apps this person registered, newest first. The viewer’s own: empty for anyone else.',
  })
  async apps(@Root() user: User, @Ctx() ctx: Context): Promise<App[]> {
    return ctx.viewer?.id === user.id ? this.service.ownApps(user.id) : [];
  }

  @FieldResolver(() => [AppAuthorization], {
    description:
      'The apps this person allowed to act for them, newest first. The viewer’s own: empty for anyone else.',
  })
  async connectedApps(@Root() user: User, @Ctx() ctx: Context): Promise<AppAuthorization[]> {
    if (ctx.viewer?.id !== user.id) return [];
    const grants = await this.service.grantsOf(user.id);
    return grants.map((g) => ({ app: g.app, scopes: g.scopes, grantedAt: g.createdAt }));
  }
}

@Injectable()
@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  constructor(private readonly webhooks: WebhookService) {}

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'The events sent (or to be sent) to this URL, newest first, each with its attempts.',
  })
  deliveries(@Root() subscription: WebhookSubscription, @Args() args: ConnectionArgs): Promise<object> {
    return this.webhooks.deliveries(subscription.id, args);
  }
}
