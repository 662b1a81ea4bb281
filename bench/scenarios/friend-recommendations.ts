import { toGlobalId } from '../../src/core/relay/global-id';
import { type LoadRequest, runLoad, type LoadResult } from '../lib/load';
import { profileUnderLoad } from '../lib/profiling';
import { connect } from '../lib/database';
import { dorfmarktSpec, graphql, missingFields, tokenFor } from '../lib/dorfmarkt';
import { startServer } from '../lib/processes';
import { type Bench, int, ms, pending, section, type Section } from '../lib/section';
import { measureStatements } from '../lib/statements';
import { IMPORTED_TRUST_LEVEL, REAL_NETWORKS } from '../data/import-real';

export const FRIEND_RECOMMENDATIONS = `query FriendRecommendationService {
  me { friendRecommendations(first: 10) { user { id handle } score mutualCount via { id handle } reason } }
}`;

export const VIEWER_TRUST_50 = `query ViewerTrust($ids: [ID!]!) {
  nodes(ids: $ids) { ... on User { id viewerTrust } }
}`;

const FIELDS = ['Query.me', 'User.friendRecommendations', 'Query.nodes', 'User.viewerTrust'];

interface NetworkFigures {
  network: string;
  viewers: number;
  recs: { c1: LoadResult; busy: LoadResult; sql: number; nonEmpty: number };
  trust50: { c1: LoadResult; busy: LoadResult; sql: number; reachable: number };
  url: string;
  recRequests: LoadRequest[];
}

/**
 * On the real Epinions networks: friend recommendations (target p95 under 10 ms on Epinions) and viewerTrust
 * for 50 users in one request, for viewers who trust at least one person.
 */
export async function friendRecommendationsScenario(bench: Bench): Promise<Section> {
  const title = 'Friend recommendations and `viewerTrust` on the real Epinions networks';
  const missing = await missingFields(FIELDS);
  if (missing.length)
    return pending(bench, 'friend-recommendations', title, missing, [
      'friend recommendations p95 < 10 ms on Epinions',
      'viewerTrust for 50 users in one request (Epinions)',
    ]);
  const figures: NetworkFigures[] = [];
  for (const network of bench.options.networks) figures.push(await measureNetwork(bench, network));
  const ep = figures[0];
  const met = ep.recs.c1.p95 < 10;
  const profile = met
    ? ''
    : await profileUnderLoad(
        bench,
        'friend-recommendations',
        dorfmarktSpec(bench.root, ep.url, { limits: true }),
        (s) => ({
          name: s.name,
          url: `${s.url}/graphql`,
          requests: ep.recRequests,
        }),
      );
  const row = (name: string, c1: LoadResult, busy: LoadResult, sql: number) =>
    `| ${name} | ${ms(c1.p50)} | ${ms(c1.p95)} | ${ms(c1.p99)} | ${int(c1.throughput)} | ${busy.connections} | ${int(busy.throughput)} | ${int(busy.perCpuSecond)} | ${ms(busy.p99)} | ${sql.toFixed(1)} |`;
  const body = [
    `Trust level of imported edges: ${IMPORTED_TRUST_LEVEL} (the data sets only say someone trusts someone). Viewers: ` +
      'users who trust at least one person, in turn; one connection for latency, then the highest connection count.',
    '',
    '| request | p50 (c=1) | p95 (c=1) | p99 (c=1) | req/s (c=1) | connections | req/s | req/CPU-s | p99 | SQL per request |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figures.flatMap((f) => [
      row(`${f.network}: friendRecommendations(first: 10)`, f.recs.c1, f.recs.busy, f.recs.sql),
      row(`${f.network}: viewerTrust of 50 users`, f.trust50.c1, f.trust50.busy, f.trust50.sql),
    ]),
    '',
    ...figures.map(
      (f) =>
        `${f.network}: ${f.recs.nonEmpty} of the first 50 viewers got at least one recommendation; of the 50 users asked ` +
        `about, ${f.trust50.reachable.toFixed(1)} on average were within 3 hops.`,
    ),
    '',
    '```graphql',
    FRIEND_RECOMMENDATIONS,
    VIEWER_TRUST_50,
    '```',
    profile,
  ];
  return section(bench, 'friend-recommendations', title, {
    body: body.join('\n'),
    targets: [
      {
        target: 'friend recommendations p95 < 10 ms on Epinions',
        figure: `p50 ${ms(ep.recs.c1.p50)}, p95 ${ms(ep.recs.c1.p95)}`,
        status: met ? 'met' : 'missed',
      },
      {
        target: 'viewerTrust for 50 users in one request (Epinions)',
        figure: `p50 ${ms(ep.trust50.c1.p50)}, p95 ${ms(ep.trust50.c1.p95)}`,
        status: 'info',
      },
    ],
  });
}

async function measureNetwork(bench: Bench, network: keyof typeof REAL_NETWORKS): Promise<NetworkFigures> {
  const url = await bench.database(REAL_NETWORKS[network].database);
  const db = await connect(url);
  const { rows: viewers } = await db.query<{ id: string }>(
    `SELECT truster_id AS id FROM trust_edges GROUP BY truster_id ORDER BY md5(truster_id::text) LIMIT 300`,
  );
  // For each viewer: 25 users two hops away and 25 at random, so that viewerTrust has something to find.
  const asks: string[][] = [];
  for (const v of viewers.slice(0, 50)) {
    const { rows } = await db.query<{ id: string }>(
      `(SELECT DISTINCT b.trustee_id AS id FROM trust_edges a JOIN trust_edges b ON b.truster_id = a.trustee_id
         WHERE a.truster_id = $1 AND b.trustee_id <> $1 LIMIT 25)
       UNION ALL (SELECT id FROM users ORDER BY md5(id::text || $1) LIMIT 25)`,
      [v.id],
    );
    asks.push(rows.slice(0, 50).map((r) => toGlobalId('User', r.id)));
  }
  await db.end();
  const tokens = viewers.map((v) => tokenFor(v.id));
  const recRequests = tokens.map((t) => ({
    body: JSON.stringify({ query: FRIEND_RECOMMENDATIONS }),
    headers: { authorization: `Bearer ${t}` },
  }));
  const trustRequests = asks.map((ids, i) => ({
    body: JSON.stringify({ query: VIEWER_TRUST_50, variables: { ids } }),
    headers: { authorization: `Bearer ${tokens[i]}` },
  }));
  const server = await startServer(dorfmarktSpec(bench.root, url, { limits: true }));
  const markers = ['"errors"'];
  const busyConnections = bench.options.connections.at(-1)!;
  try {
    let nonEmpty = 0;
    for (const t of tokens.slice(0, 50)) {
      const res = await graphql(server.url, FRIEND_RECOMMENDATIONS, {}, t);
      if (res.errors) throw new Error(`friendRecommendations answered ${JSON.stringify(res).slice(0, 400)}`);
      if (res.data.me.friendRecommendations.length) nonEmpty++;
    }
    let reachable = 0;
    for (let i = 0; i < asks.length; i++) {
      const res = await graphql(server.url, VIEWER_TRUST_50, { ids: asks[i] }, tokens[i]);
      if (res.errors) throw new Error(`viewerTrust answered ${JSON.stringify(res).slice(0, 400)}`);
      reachable += res.data.nodes.filter(
        (n: { viewerTrust: number | null }) => n?.viewerTrust !== null,
      ).length;
    }
    const run = (requests: typeof recRequests, connections: number) =>
      runLoad({
        url: `${server.url}/graphql`,
        serverPid: server.pid,
        connections,
        seconds: bench.options.seconds,
        requests,
        errorMarkers: markers,
      });
    const recs = { c1: await run(recRequests, 1), busy: await run(recRequests, busyConnections) };
    const trust = { c1: await run(trustRequests, 1), busy: await run(trustRequests, busyConnections) };
    bench.log(`  ${network}: recommendations p95 ${ms(recs.c1.p95)}, viewerTrust×50 p95 ${ms(trust.c1.p95)}`);
    await server.stop();
    // Three viewers, signed in once by the warm-up requests (i = 0, 1, 2): the count of the steady state.
    const sql = await measureStatements(bench, url, {
      recs: (u, i) => graphql(u, FRIEND_RECOMMENDATIONS, {}, tokens[i % 3]),
      trust: (u, i) => graphql(u, VIEWER_TRUST_50, { ids: asks[i % 3] }, tokens[i % 3]),
    });
    return {
      network,
      viewers: tokens.length,
      url,
      recRequests,
      recs: { ...recs, sql: sql.recs.total, nonEmpty },
      trust50: { ...trust, sql: sql.trust.total, reachable: reachable / asks.length },
    };
  } finally {
    await server.stop();
  }
}
