import { compareTargets } from '../lib/compare';
import { dorfmarktSpec, graphql, missingFields, tokenFor } from '../lib/dorfmarkt';
import { startServer } from '../lib/processes';
import { comparisonTable, latencyChart } from '../lib/render';
import { type Bench, ms, pending, section, type Section } from '../lib/section';
import { measureStatements } from '../lib/statements';
import { userId } from '../data/village';

export const USER_PAGE = `query UserPage($handle: String!) {
  user(handle: $handle) {
    id handle displayName viewerTrust trusteeCount trusterCount
    trustees(first: 10) { nodes { id handle displayName viewerTrust } }
  }
}`;

const FIELDS = ['Query.user', 'User.viewerTrust', 'User.trustees', 'User.trusteeCount', 'User.trusterCount'];

/** A user's page as another villager sees it: profile, the viewer's trust in them and in their trustees. */
export async function userPageScenario(bench: Bench, villageUrl: string): Promise<Section> {
  const title = 'User page with `viewerTrust`';
  const missing = await missingFields(FIELDS);
  if (missing.length)
    return pending(bench, 'user-page', title, missing, [
      'user page with viewerTrust: p50/p95/p99, throughput',
    ]);
  const users = bench.options.village.users;
  // Viewer and page owner from the same neighbourhood most of the time, as in a village.
  const requests = Array.from({ length: 500 }, (_, i) => {
    const viewer = (i * 149) % users;
    const owner = (viewer + 1 + (i % 50)) % users;
    return {
      body: JSON.stringify({ query: USER_PAGE, variables: { handle: `v${owner}` } }),
      headers: { authorization: `Bearer ${tokenFor(userId(viewer))}` },
    };
  });
  const server = await startServer(dorfmarktSpec(bench.root, villageUrl, { limits: true }));
  let result;
  try {
    const check = await graphql(server.url, USER_PAGE, { handle: 'v1' }, tokenFor(userId(0)));
    if (check.errors || !check.data?.user)
      throw new Error(`user page answered ${JSON.stringify(check).slice(0, 400)}`);
    result = await compareTargets(
      [
        {
          name: 'Dorfmarkt user page',
          url: `${server.url}/graphql`,
          pid: server.pid,
          requests,
          errorMarkers: ['"errors"'],
        },
      ],
      { ...bench.options, rounds: Math.max(2, Math.ceil(bench.options.rounds / 2)) },
      bench.log,
    );
  } finally {
    await server.stop();
  }
  const { page: sql } = await measureStatements(bench, villageUrl, {
    page: (url, i) =>
      graphql(url, USER_PAGE, { handle: `v${(i * 7 + 1) % users}` }, tokenFor(userId((i * 7) % users))),
  });
  const points = result.targets['Dorfmarkt user page'];
  const top = points.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  return section(bench, 'user-page', title, {
    body: [
      "Viewer and page owner mostly from the same neighbourhood; the owner's first 10 trustees with the viewer's " +
        'trust in each.',
      '',
      comparisonTable(result),
      '',
      '![user page latency against load](charts/user-page.svg)',
      '',
      `SQL statements per request: ${sql.total.toFixed(1)} (transaction control ${sql.transactionControl.toFixed(1)}).`,
      '',
      '```graphql',
      USER_PAGE,
      '```',
    ].join('\n'),
    targets: [
      {
        target: 'user page with viewerTrust: p50/p95/p99, throughput',
        figure: `c=1: ${ms(points[0].p50)} / ${ms(points[0].p95)} / ${ms(points[0].p99)}; best ${Math.round(top.throughput)} req/s`,
        status: 'info',
      },
    ],
    charts: { 'user-page.svg': latencyChart('User page: latency against load', result) },
  });
}
