import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from '../core/context';
import { DomainError } from '../core/errors/domain-errors';
import { ErrorCode } from '../core/errors/graphql-errors';

/** The scopes an app may ask for, each with the words the consent page shows. */
export const SCOPES = {
  'profile:read':
    'See your own private data: notifications, privacy settings, preferences and connected apps',
  'trust:read': 'See whom you trust and who trusts you, as far as their settings let you',
  'catalog:read': 'Search and list products and shops, with stock levels',
  'catalog:write': 'Create and change shops and their products, run their auctions and send their offers',
  'reviews:read': 'Read reviews, questions and answers',
  'reviews:write': 'Write and delete reviews, questions and answers in your name',
  'pools:read': 'See group-buy pools and who joined them, as far as their settings let you',
  'pools:write': 'Create, join, leave and cancel group-buy pools in your name',
  'orders:read': 'See your orders (or your shop’s)',
  'orders:write': 'Place, move, cancel and rate orders in your name (or your shop’s)',
  'bidding:write': 'Ask for prices, join price requests, and bid on requests and auctions in your name',
} as const;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

export function isScope(name: string): name is Scope {
  return Object.hasOwn(SCOPES, name);
}

/** Scopes that stand for a person: a shop's client-credentials token never carries them. */
export const PERSON_SCOPES: ReadonlySet<Scope> = new Set(['profile:read', 'trust:read']);

/** What a field asks of an app token: a scope, or nothing an app may do (`PERSON_ONLY`). */
type Rule = Scope | 'PERSON_ONLY';

/**
 * Field by field (`Type.field`): what an app token needs. A field not listed needs only a valid token (public
 * data: products, shops, public profiles, price requests); every field of a type in TYPE_RULES needs its scope,
 * wherever the object came from (`node(id:)` included).
 */
const FIELD_RULES: Record<string, Rule> = {
  'Query.app': 'profile:read',
  'Query.products': 'catalog:read',
  'Merchant.products': 'catalog:read',
  'Product.stock': 'catalog:read',
  'Product.reviews': 'reviews:read',
  'Merchant.reviews': 'reviews:read',
  'Product.questions': 'reviews:read',
  'Product.trustedRating': 'trust:read',
  'Product.pools': 'pools:read',
  'Query.pool': 'pools:read',
  'Query.pools': 'pools:read',
  'Subscription.poolUpdated': 'pools:read',
  'User.trustees': 'trust:read',
  'User.trusters': 'trust:read',
  'User.mutualTrustees': 'trust:read',
  'User.viewerTrust': 'trust:read',
  'User.viewerTrustPath': 'trust:read',
  'User.orders': 'orders:read',
  'User.consentLog': 'profile:read',
  'User.notifications': 'profile:read',
  'User.preferences': 'profile:read',
  'User.privacySettings': 'profile:read',
  'User.recommendedProducts': 'profile:read',
  'User.friendRecommendations': 'profile:read',
  'User.apps': 'profile:read',
  'User.connectedApps': 'profile:read',
  'User.offers': 'profile:read',
  'User.offerPermissions': 'profile:read',
  'Query.opinionLeaders': 'reviews:read',
  'Merchant.orders': 'orders:read',
  'PriceRequest.buyer': 'orders:read',
  'User.buyerRating': 'orders:read',
  'User.pools': 'pools:read',
  'User.reviews': 'reviews:read',
  'User.notificationSettings': 'profile:read',
  'Subscription.orderUpdated': 'orders:read',
  'Subscription.notificationReceived': 'profile:read',
  'Subscription.friendRecommendationsChanged': 'profile:read',
};

const TYPE_RULES: Record<string, Scope> = {
  GroupBuyPool: 'pools:read',
  PoolMembership: 'pools:read',
  Order: 'orders:read',
  Review: 'reviews:read',
  ReviewReply: 'reviews:read',
  Question: 'reviews:read',
  Answer: 'reviews:read',
  Notification: 'profile:read',
  PrivacySettings: 'profile:read',
  Preferences: 'profile:read',
  ConsentEvent: 'profile:read',
  App: 'profile:read',
};

/**
 * Mutations an app may call, with the scope each needs. Every other mutation (signing in, account and privacy
 * settings, trust, registering apps, and any mutation added later until it is listed here) is the person's own:
 * an app token gets FORBIDDEN for it.
 */
const MUTATION_RULES: Record<string, Scope | null> = {
  createMerchant: 'catalog:write',
  createProduct: 'catalog:write',
  updateProduct: 'catalog:write',
  addMerchantStaff: 'catalog:write',
  removeMerchantStaff: 'catalog:write',
  createAlliance: 'catalog:write',
  joinAlliance: 'catalog:write',
  leaveAlliance: 'catalog:write',
  writeReview: 'reviews:write',
  deleteReview: 'reviews:write',
  replyToReview: 'reviews:write',
  markReviewHelpful: 'reviews:write',
  askQuestion: 'reviews:write',
  answerQuestion: 'reviews:write',
  voteOnAnswer: 'reviews:write',
  createPool: 'pools:write',
  joinPool: 'pools:write',
  leavePool: 'pools:write',
  inviteToPool: 'pools:write',
  cancelPool: 'pools:write',
  placeOrder: 'orders:write',
  setOrderFulfilment: 'orders:write',
  confirmOrder: 'orders:write',
  markOrderReady: 'orders:write',
  completeOrder: 'orders:write',
  cancelOrder: 'orders:write',
  rateOrder: 'orders:write',
  updateMerchant: 'catalog:write',
  archiveProduct: 'catalog:write',
  createPriceRequest: 'bidding:write',
  placeBid: 'bidding:write',
  acceptBid: 'bidding:write',
  cancelPriceRequest: 'bidding:write',
  joinPriceRequest: 'bidding:write',
  leavePriceRequest: 'bidding:write',
  createCallAuction: 'catalog:write',
  createDutchAuction: 'catalog:write',
  placeLimitBid: 'bidding:write',
  withdrawLimitBid: 'bidding:write',
  takeDutchAuction: 'orders:write',
  sendOffer: 'catalog:write',
  // The service checks the topics against the token's scopes.
  createWebhookSubscription: null,
  deleteWebhookSubscription: null,
};

/** The rule of one field, or null when a valid token is enough. */
export function ruleOf(typeName: string, fieldName: string): Rule | null {
  if (typeName === 'Mutation') {
    return Object.hasOwn(MUTATION_RULES, fieldName) ? MUTATION_RULES[fieldName] : 'PERSON_ONLY';
  }
  if (fieldName === 'id' && TYPE_RULES[typeName]) return null;
  return FIELD_RULES[`${typeName}.${fieldName}`] ?? TYPE_RULES[typeName] ?? null;
}

/** For that field only: the rest of the answer is still given. */
export class MissingScopeError extends DomainError {
  constructor(scope: Scope) {
    super(ErrorCode.Forbidden, `This app's token lacks the ${scope} scope this field needs.`, {
      requiredScope: scope,
    });
  }
}

export class PersonOnlyError extends DomainError {
  constructor() {
    super(ErrorCode.Forbidden, 'Apps cannot do this; only the person themself can, signed in to Dorfmarkt.');
  }
}

/** Whether the app token in `ctx` (if any) may use a field with this rule; throws when it may not. */
function check(rule: Rule, ctx: Context | undefined): void {
  const app = ctx?.viewer?.app;
  if (!app) return;
  if (rule === 'PERSON_ONLY') throw new PersonOnlyError();
  if (!app.scopes.has(rule)) throw new MissingScopeError(rule);
}

function note(rule: Rule): string {
  return rule === 'PERSON_ONLY'
    ? 'Not for apps: an app token gets FORBIDDEN.'
    : `Apps need the \`${rule}\` scope.`;
}

/**
 * The one place where scopes are enforced: every field that needs a scope gets a resolver wrapper (and a
 * subscription field a `subscribe` wrapper) that refuses an app token without it, and the field's description
 * names the scope. It works on the built schema, so it holds whatever executes the resolvers (graphql-js, a
 * compiled executor, a WebSocket), and the refusal is an error of that field alone.
 */
export function applyScopeRules(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeScope = TYPE_RULES[type.name];
    if (typeScope && !type.description?.includes('Apps need')) {
      type.description =
        `${type.description ?? ''}\n\nApps need the \`${typeScope}\` scope to read its fields.`.trim();
    }
    for (const field of Object.values(type.getFields())) {
      const rule = ruleOf(type.name, field.name);
      if (rule) guard(field, rule);
    }
  }
  return schema;
}

function guard(field: GraphQLField<unknown, Context>, rule: Rule): void {
  const text = note(rule);
  if (!field.description?.includes(text)) field.description = `${field.description ?? ''} ${text}`.trim();
  const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, ctx, info) => {
    check(rule, ctx);
    return resolve(source, args, ctx, info);
  };
  const subscribe = field.subscribe;
  if (subscribe) {
    field.subscribe = (source, args, ctx, info) => {
      check(rule, ctx);
      return subscribe(source, args, ctx, info);
    };
  }
}
