import { connect } from '../lib/database';
import { dorfmarktSpec, graphql, missingFields, tokenFor } from '../lib/dorfmarkt';
import { FanoutClients, wallClock } from '../lib/fanout';
import { startServer } from '../lib/processes';
import { cpuSecondsOf } from '../lib/cpu';
import { type Bench, int, ms, pending, section, type Section } from '../lib/section';
import { summarize } from '../lib/stats';
import { REAL_NETWORKS } from '../data/import-real';

const SUBSCRIPTION = `subscription { friendRecommendationsChanged { user { id handle } score mutualCount } }`;
const TRUST = `mutation($input: TrustUserInput!) { trustUser(input: $input) { user { id } userErrors { code message } } }`;
const UNTRUST = `mutation($input: UntrustUserInput!) { untrustUser(input: $input) { user { id } userErrors { code message } } }`;
const RECOMMENDATIONS = `{ me { friendRecommendations(first: 10) { user { id } } } }`;
const FIELDS = ['Subscription.friendRecommendationsChanged', 'Mutation.trustUser', 'Mutation.untrustUser'];

/**
 * From a trust mutation to the push of the truster's new friend recommendations, on the Epinions network: the
 * viewer trusts one of their top recommendations (at level 3), and the time until the `friendRecommendationsChanged`
 * message arrives is taken; the edge is then removed again, so that the data stays as imported.
 */
export async function trustPushScenario(bench: Bench): Promise<Section> {
  const title = "From a trust mutation to the subscriber's push (Epinions)";
  const missing = await missingFields(FIELDS);
  if (missing.length)
    return pending(bench, 'trust-push', title, missing, [
      'trust mutation → friendRecommendationsChanged push',
    ]);
  const url = await bench.database(REAL_NETWORKS.epinions.database);
  const db = await connect(url);
  const {
    rows: [viewer],
  } = await db.query<{ id: string }>(
    `SELECT truster_id AS id FROM trust_edges GROUP BY truster_id HAVING count(*) BETWEEN 5 AND 50 ORDER BY truster_id LIMIT 1`,
  );
  await db.end();
  const token = tokenFor(viewer.id);
  const server = await startServer(dorfmarktSpec(bench.root, url, { limits: true }));
  const clients = new FanoutClients();
  const latencies: number[] = [];
  let missed = 0;
  let cpuSeconds = Number.NaN;
  let mutations = 0;
  try {
    await clients.send({
      cmd: 'connect',
      url: server.url.replace(/^http/, 'ws') + '/graphql',
      count: 1,
      concurrency: 1,
      query: SUBSCRIPTION,
      variables: [{}],
      connectionParams: [{ authorization: `Bearer ${token}` }],
      waitForFirst: false,
    });
    // Trusting one's own top recommendation always changes the list (that person leaves it), and untrusting
    // them brings them back: each mutation is sure to be pushed.
    const recs = await graphql(server.url, RECOMMENDATIONS, {}, token);
    const top: string[] = (recs.data?.me?.friendRecommendations ?? []).map(
      (r: { user: { id: string } }) => r.user.id,
    );
    if (!top.length)
      throw new Error(`the viewer has no recommendations: ${JSON.stringify(recs).slice(0, 300)}`);
    const rounds = bench.options.quick ? 10 : 30;
    const cpuBefore = cpuSecondsOf(server.pid);
    for (let k = 0; k < rounds + 1; k++) {
      const userId = top[k % Math.min(3, top.length)];
      await clients.send({ cmd: 'mark' });
      const sentAt = wallClock();
      const res = await graphql(server.url, TRUST, { input: { userId, level: 3 } }, token);
      if (res.errors || res.data?.trustUser?.userErrors?.length)
        throw new Error(`trustUser: ${JSON.stringify(res)}`);
      const got = await clients.send({ cmd: 'collect', timeoutMs: 5000, valuePath: [] });
      // The first round is a warm-up that also proves the subscription is live.
      if (k > 0) {
        if (got.missing) missed++;
        else latencies.push(got.arrivals[0] - sentAt);
      }
      await clients.send({ cmd: 'mark' });
      await graphql(server.url, UNTRUST, { input: { userId } }, token);
      await clients.send({ cmd: 'collect', timeoutMs: 5000, valuePath: [] });
      mutations += 2;
    }
    cpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;
  } finally {
    await clients.close();
    await server.stop();
  }
  const s = summarize(latencies);
  return section(bench, 'trust-push', title, {
    body: [
      `${s.count} trust mutations by one Epinions user, each trusting one of their top recommendations (then ` +
        `undone); time from sending \`trustUser\` to the ` +
        `\`friendRecommendationsChanged\` message on the viewer's socket (the mutation's own execution included).`,
      '',
      `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}; ${missed} pushes missing after 5 s.`,
      '',
      `Server CPU (user + system, from the OS): ${int(mutations / cpuSeconds)} mutations with their pushes per ` +
        `CPU-second (${mutations} in ${cpuSeconds.toFixed(2)} s).`,
    ].join('\n'),
    targets: [
      {
        target: 'trust mutation → subscriber push (Epinions)',
        figure: `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, ${missed} missing`,
        status: 'info',
      },
    ],
  });
}
