import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { type DocumentNode, type ExecutionResult, type GraphQLSchema, printSchema } from 'graphql';
import { compileQuery, type CompiledQuery, isCompiledQuery } from 'graphql-jit';
import type { Context } from '../context';

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];

/**
 * graphql-jit as Apollo's executor, through the `gateway` option that Apollo Server 5 offers for a custom
 * executor: each operation is compiled once into a JavaScript function (per parsed document, which Apollo
 * keeps per query text) and then only run. Parsing, validation (with the protection rules), the plugins, the
 * context and error formatting stay Apollo's; the resolvers are the schema's own, with type-graphql's
 * middlewares and auth checks around them, so errors and limits are the same.
 */
export function jitGateway(schema: GraphQLSchema): Gateway {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const compile = (document: DocumentNode, operationName: string | null | undefined) => {
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const key = operationName ?? '';
    let query = byName.get(key);
    if (!query) {
      query = compileQuery(schema, document, operationName ?? undefined);
      byName.set(key, query);
    }
    return query;
  };
  let sdl: string | undefined;
  const listeners = new Set<(s: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      // Apollo must have the schema before `load` resolves.
      sdl ??= printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: sdl });
      return {
        executor: async (requestContext) => {
          const query = compile(requestContext.document, requestContext.operationName);
          if (!isCompiledQuery(query)) return query;
          return query.query(undefined, requestContext.context, requestContext.request.variables ?? {});
        },
      };
    },
    async stop() {
      listeners.clear();
    },
  };
}
