import { GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { Context } from './core/context';
import { authChecker } from './core/auth/auth-checker';
import type { PubSub } from 'type-graphql';
import { resolvers } from './modules';
import { applyScopeRules } from './apps/scope-rules';

export interface SchemaOptions {
  pubSub?: PubSub;
  /** Resolvers added only in tests (e.g. a slow query for shutdown tests); never in the published schema. */
  extraResolvers?: Function[];
}

/** For a schema that is only printed or inspected: subscriptions need a PubSub to build, never to print. */
const inspectionPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('This schema was built for inspection; it serves no subscriptions.');
  },
};

/**
 * graphql-scalars' DateTime (RFC 3339 date-times, such as 2007-12-03T10:15:30Z), with the specification it follows
 * named in the schema (`@specifiedBy`), so that client code generators can map it to a date type.
 */
const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
});

/** type-graphql gives the root types no description; partner apps read these first. */
const ROOT_DESCRIPTIONS = {
  Query:
    'Everything that can be read: the signed-in person (me), any object by its global ID (node, nodes), people, shops, products, group-buy pools and price requests.',
  Mutation:
    'Everything that can be changed. Each mutation takes one input argument and returns a payload with its result and userErrors: what the person can fix.',
  Subscription:
    'Live updates over graphql-ws at /graphql: pools, price requests, friend recommendations and notifications, each sent as it changes.',
};

/** The whole schema, code-first; `schema/schema.graphql` is emitted from this. */
export async function createSchema({
  pubSub = inspectionPubSub,
  extraResolvers = [],
}: SchemaOptions = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers, ...extraResolvers] as NonEmptyArray<Function>,
    authChecker,
    pubSub,
    validate: false,
    scalarsMap: [
      { type: Date, scalar: DateTime },
      { type: Object, scalar: JSONResolver },
    ],
    container: ({ context }: { context: Context }) => context.container,
  });
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root) root.description = ROOT_DESCRIPTIONS[root.name as keyof typeof ROOT_DESCRIPTIONS];
  }
  // Scopes of partner apps, enforced on the built schema (and named in its descriptions).
  return applyScopeRules(schema);
}
