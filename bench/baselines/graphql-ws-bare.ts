import { createServer } from 'node:http';
import { buildSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/**
 * The fan-out peer: graphql-ws 6 on `ws` with a pool-shaped subscription and nothing else. Each subscriber's
 * subscription is executed on its own for every event (graphql-ws's default), which is what a user gets from
 * the library alone. `POST /publish?poolId=…` pushes one event stamped with the time it was sent.
 */
const schema = buildSchema(`
  type Money { amount: String! currencyCode: String! }
  type Pool { id: ID! status: String! committedQuantity: Int! participantCount: Int! currentUnitPrice: Money! sentAt: Float! }
  type Query { ok: Boolean }
  type Subscription { poolUpdated(poolId: ID!): Pool! }
`);

const pubsub = createPubSub<Record<string, [unknown]>>();
let version = 0;

/** graphql-js subscribes with the root's field function; each event is then the root value of its execution. */
const subscriptionRoot = {
  poolUpdated: (args: { poolId: string }) => pubsub.subscribe(`pool:${args.poolId}`),
};

const httpServer = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/publish' && req.method === 'POST') {
    version++;
    const poolId = url.searchParams.get('poolId') ?? 'p1';
    pubsub.publish(`pool:${poolId}`, {
      poolUpdated: {
        id: poolId,
        status: 'OPEN',
        committedQuantity: version,
        participantCount: version,
        currentUnitPrice: { amount: '9.50', currencyCode: 'EUR' },
        sentAt: performance.timeOrigin + performance.now(),
      },
    });
    res.end('{"published":true}');
    return;
  }
  res.statusCode = url.pathname === '/healthz' ? 200 : 404;
  res.end('{}');
});

const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
useServer({ schema, roots: { subscription: subscriptionRoot } }, wss);

httpServer.listen(Number(process.env.PORT ?? 4200), '127.0.0.1', () =>
  console.log('bare graphql-ws listening'),
);
