import { compareTargets, type HttpTarget } from '../lib/compare';
import { profileUnderLoad } from '../lib/profiling';
import { dorfmarktSpec, graphql, missingFields, tokenFor } from '../lib/dorfmarkt';
import { startServer } from '../lib/processes';
import { comparisonTable, latencyChart } from '../lib/render';
import { type Bench, int, pending, section, type Section } from '../lib/section';
import { measureStatements } from '../lib/statements';
import { userId } from '../data/village';
import { createPool, freshPoolProduct } from './pools';

const JOIN = `mutation($input: JoinPoolInput!) {
  joinPool(input: $input) { pool { id committedQuantity status } membership { quantity } userErrors { field code message } }
}`;
const POOL = `query($id: ID!) { pool(id: $id) { committedQuantity participantCount capacity status } }`;
const TARGET = 1000;
const FIELDS = ['Mutation.createPool', 'Mutation.joinPool', 'Query.pool'];

/**
 * joinPool under contention: every request joins the same hot pool (distinct users, quantity 1, a fresh
 * idempotency key each), at rising connection counts; then an oversell check: 2,000 joins from 64 concurrent
 * clients into a pool of 500, after which exactly 500 must have been accepted.
 */
export async function joinPoolScenario(bench: Bench, villageUrl: string): Promise<Section> {
  const title = '`joinPool` under contention on one hot pool';
  const missing = await missingFields(FIELDS);
  if (missing.length)
    return pending(bench, 'join-pool', title, missing, [`≥ ${TARGET} joins/s on one hot pool, no oversell`]);
  const size = bench.options.village;
  const server = await startServer(dorfmarktSpec(bench.root, villageUrl, { limits: true }));
  let hot: string;
  let result;
  let oversell;
  let target: Omit<HttpTarget, 'url'>;
  try {
    hot = await createPool(server.url, size, freshPoolProduct(size), 100_000);
    const requests = Array.from({ length: Math.min(size.users, 10_000) }, (_, i) => ({
      body: JSON.stringify({
        query: JOIN,
        variables: { input: { poolId: hot, quantity: 1, idempotencyKey: '__UNIQUE__' } },
      }),
      headers: { authorization: `Bearer ${tokenFor(userId(i))}` },
    }));
    target = { name: 'Dorfmarkt joinPool', requests, unique: true, errorMarkers: ['"errors"', '"code"'] };
    result = await compareTargets(
      [{ ...target, url: `${server.url}/graphql`, pid: server.pid }],
      { ...bench.options, rounds: Math.max(2, Math.ceil(bench.options.rounds / 2)) },
      bench.log,
    );
    oversell = await oversellCheck(server.url, size.products, size.merchants);
  } finally {
    await server.stop();
  }
  // Three members, signed in once by the warm-up joins (i = 0, 1, 2), each join changing their quantity: the
  // statements of a join in the steady state.
  const { join: statements } = await measureStatements(bench, villageUrl, {
    join: async (url, i) => {
      await graphql(
        url,
        JOIN,
        { input: { poolId: hot, quantity: i + 1, idempotencyKey: `count-${Date.now()}-${i}` } },
        tokenFor(userId((20_000 % size.users) + (i % 3))),
      );
    },
  });
  const best = Math.max(...result.targets['Dorfmarkt joinPool'].map((p) => p.throughput));
  const noOversell = oversell.accepted === 500 && oversell.committed === 500 && oversell.participants === 500;
  const met = best >= TARGET && noOversell;
  const profile = met
    ? ''
    : await profileUnderLoad(
        bench,
        'join-pool',
        dorfmarktSpec(bench.root, villageUrl, { limits: true }),
        (s) => ({
          ...target,
          url: `${s.url}/graphql`,
        }),
      );
  return section(bench, 'join-pool', title, {
    body: [
      `Every request joins the same pool with another user (quantity 1, a fresh idempotency key); medians of the rounds.`,
      '',
      comparisonTable(result),
      '',
      '![joinPool latency against load](charts/join-pool.svg)',
      '',
      `SQL statements per join: ${statements.total.toFixed(1)} (transaction control ${statements.transactionControl.toFixed(1)}).`,
      '',
      `Oversell check: ${int(oversell.attempts)} joins from 64 concurrent clients into a pool of 500: ` +
        `${oversell.accepted} accepted, ${oversell.soldOut} refused SOLD_OUT, ${oversell.other} other answers; the pool ` +
        `then shows committedQuantity ${oversell.committed}, participantCount ${oversell.participants}, status ${oversell.status}.`,
      profile,
    ].join('\n'),
    targets: [
      {
        target: `≥ ${TARGET} joins/s on one hot pool, no oversell`,
        figure: `${int(best)} joins/s; ${noOversell ? 'no oversell' : `OVERSOLD or lost: ${JSON.stringify(oversell)}`}`,
        status: met ? 'met' : 'missed',
      },
    ],
    charts: { 'join-pool.svg': latencyChart('joinPool on one hot pool: latency against load', result) },
  });
}

async function oversellCheck(serverUrl: string, products: number, merchants: number) {
  const size = { products, merchants } as Parameters<typeof createPool>[1];
  const pool = await createPool(serverUrl, size, freshPoolProduct(size), 500);
  const attempts = 2000;
  let next = 0;
  const counts = { accepted: 0, soldOut: 0, other: 0 };
  const worker = async () => {
    while (next < attempts) {
      const i = next++;
      const res = await graphql(
        serverUrl,
        JOIN,
        // Keys unique to this pool: the database keeps the keys of earlier runs, where a reused key is refused.
        { input: { poolId: pool, quantity: 1, idempotencyKey: `oversell-${pool}-${i}` } },
        tokenFor(userId(i)),
      );
      const payload = res.data?.joinPool;
      if (payload?.membership && !payload.userErrors.length) counts.accepted++;
      else if (payload?.userErrors?.[0]?.code === 'SOLD_OUT') counts.soldOut++;
      else counts.other++;
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  const state = (await graphql(serverUrl, POOL, { id: pool })).data?.pool ?? {};
  return {
    attempts,
    ...counts,
    committed: state.committedQuantity,
    participants: state.participantCount,
    status: state.status,
  };
}
