import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { App } from './app.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

@ObjectType({ description: 'A scope an app may ask for, with the words the consent page shows.' })
export class AppScope {
  @Field({ description: 'The scope’s name, e.g. pools:read.' })
  name: string;

  @Field({ description: 'What it lets an app do, in plain words.' })
  description: string;
}

@ObjectType({ description: 'A person’s consent to an app: the app and the scopes they allowed.' })
export class AppAuthorization {
  @Field(() => App, { description: 'The app.' })
  app: App;

  @Field(() => [String], { description: 'The scopes the person allowed.' })
  scopes: string[];

  @Field({ description: 'When the person first allowed the app.' })
  grantedAt: Date;
}

@InputType({ description: 'A new partner app.' })
export class CreateAppInput {
  @Field({ description: 'Shown on the consent page, 1–80 characters.' })
  name: string;

  @Field({ description: 'What the app does, up to 500 characters.' })
  description: string;

  @Field(() => String, { nullable: true, description: 'The app’s web site, an absolute https URL.' })
  homepageUrl?: string | null;

  @Field(() => [String], {
    description:
      'Where /oauth/authorize may send people back: absolute https URLs (http only to localhost), matched exactly.',
  })
  redirectUris: string[];

  @Field(() => [String], { description: 'The scopes the app may ask for (see appScopes).' })
  scopes: string[];

  @Field(() => ID, {
    nullable: true,
    description:
      'The shop the app is for (one the person staffs); it may then act as the shop (client credentials).',
  })
  merchantId?: string | null;
}

@ObjectType({ description: 'The result of createApp.' })
export class CreateAppPayload extends Payload {
  @Field(() => App, { nullable: true, description: 'The app as registered.' })
  app?: App | null;

  @Field(() => String, {
    nullable: true,
    description: 'The client secret, shown this once: only a digest of it is kept.',
  })
  clientSecret?: string | null;
}

@InputType({ description: 'An app whose client secret to replace.' })
export class RotateAppSecretInput {
  @Field(() => ID, { description: 'The app (one you registered).' })
  appId: string;
}

@ObjectType({ description: 'The result of rotateAppSecret.' })
export class RotateAppSecretPayload extends Payload {
  @Field(() => App, { nullable: true, description: 'The app.' })
  app?: App | null;

  @Field(() => String, {
    nullable: true,
    description: 'The new client secret, shown this once; the old one stopped working.',
  })
  clientSecret?: string | null;
}

@InputType({ description: 'An app to revoke.' })
export class RevokeAppInput {
  @Field(() => ID, { description: 'The app (one you registered).' })
  appId: string;
}

@ObjectType({ description: 'The result of revokeApp.' })
export class RevokeAppPayload extends Payload {
  @Field(() => App, { nullable: true, description: 'The app, now revoked: none of its tokens works.' })
  app?: App | null;
}

@InputType({ description: 'An app to disconnect from your account.' })
export class DisconnectAppInput {
  @Field(() => ID, { description: 'The app (one of me.connectedApps).' })
  appId: string;
}

@ObjectType({ description: 'The result of disconnectApp.' })
export class DisconnectAppPayload extends Payload {}

@InputType({ description: 'A URL of an app to receive events of some topics.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The app.' })
  appId: string;

  @Field({
    description: 'Where to POST the events: https (plain http only to localhost, and never in production).',
  })
  url: string;

  @Field(() => [String], {
    description:
      'Topics: pool.tipped, pool.succeeded, pool.failed, pool.cancelled, order.created, order.updated, price_request.awarded, review.created; each within the app’s scopes.',
  })
  topics: string[];
}

@ObjectType({ description: 'The result of createWebhookSubscription.' })
export class CreateWebhookSubscriptionPayload extends Payload {
  @Field(() => WebhookSubscription, { nullable: true, description: 'The subscription.' })
  webhookSubscription?: WebhookSubscription | null;

  @Field(() => String, {
    nullable: true,
    description: 'The whsec_ signing secret (Standard Webhooks), shown this once.',
  })
  secret?: string | null;
}

@InputType({ description: 'A webhook subscription to delete.' })
export class DeleteWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription.' })
  id: string;
}

@ObjectType({ description: 'The result of deleteWebhookSubscription.' })
export class DeleteWebhookSubscriptionPayload extends Payload {}
