import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { Context } from './core/context';
import { authChecker } from './core/auth/auth-checker';
import type { PubSub } from 'type-graphql';
import { resolvers } from './modules';

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

/** The whole schema, code-first; `schema/schema.graphql` is emitted from this. */
export function createSchema({
  pubSub = inspectionPubSub,
  extraResolvers = [],
}: SchemaOptions = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers, ...extraResolvers] as NonEmptyArray<Function>,
    authChecker,
    pubSub,
    validate: false,
    scalarsMap: [
      { type: Date, scalar: DateTimeResolver },
      { type: Object, scalar: JSONResolver },
    ],
    container: ({ context }: { context: Context }) => context.container,
  });
}
