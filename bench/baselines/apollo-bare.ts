import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * The floor of our stack: Apollo Server 5's own standalone server with a one-field schema, answering
 * `{ __typename }` with nothing behind it (no auth, no limits, no context, no loaders, no database).
 */
async function main(): Promise<void> {
  const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: {} });
  const { url } = await startStandaloneServer(apollo, {
    listen: { port: Number(process.env.PORT ?? 4100), host: '127.0.0.1' },
  });
  console.log(`bare Apollo at ${url}`);
}

void main();
