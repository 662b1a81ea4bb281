import { toGlobalId } from '../../src/core/relay/global-id';
import { connect } from '../lib/database';
import { dorfmarktSpec, graphql, missingFields, tokenFor } from '../lib/dorfmarkt';
import { startServer } from '../lib/processes';
import { type Bench, int, pending, section, type Section } from '../lib/section';
import { productId, productPrice, userId } from '../data/village';
import { freshPoolProduct } from './pools';

const CREATE = `mutation($input: CreateCallAuctionInput!) {
  createCallAuction(input: $input) { callAuction { id callAt } userErrors { field code message } }
}`;
const BIDS = 10_000;
const TARGET_MS = 1000;
const FIELDS = ['Mutation.createCallAuction', 'Mutation.placeLimitBid', 'Query.callAuction'];

const amount = (minor: number) => (minor / 100).toFixed(2);

/**
 * A call auction of 10,000 limit bids (written into its table in one statement, 1–5 units each at limits from 70 % to
 * 130 % of the list price) against 5 supply steps, then the call as the job queue runs it. The figure is
 * from the call time to the commit of the transaction holding the last order (pg-boss's own record of the job's end),
 * and that transaction's own duration; the queue's polling (every 0.5 s) is part of the first.
 */
export async function callAuctionScenario(bench: Bench, villageUrl: string): Promise<Section> {
  const title = 'Clearing a call auction of 10,000 bids';
  const missing = await missingFields(FIELDS);
  if (missing.length) {
    return pending(bench, 'call-auction', title, missing, [`call to last order < ${TARGET_MS} ms`]);
  }
  const size = bench.options.village;
  const server = await startServer(dorfmarktSpec(bench.root, villageUrl, { limits: false }));
  const db = await connect(villageUrl);
  try {
    const p = freshPoolProduct(size);
    const price = productPrice(p);
    const supply = [0.8, 0.9, 1, 1.1, 1.2].map((share) => ({
      quantity: 3000,
      minUnitPrice: { amount: amount(Math.floor(price * share)), currencyCode: 'EUR' },
    }));
    const biddingSeconds = 20;
    const created = await graphql(
      server.url,
      CREATE,
      {
        input: {
          productId: toGlobalId('Product', productId(p)),
          supply,
          callAt: new Date(Date.now() + biddingSeconds * 1000).toISOString(),
        },
      },
      tokenFor(userId(p % size.merchants)),
    );
    const auction = created.data?.createCallAuction?.callAuction;
    if (!auction) throw new Error(`createCallAuction failed: ${JSON.stringify(created)}`);
    const local = Buffer.from(auction.id, 'base64url').toString().split(':')[1];
    const callAt = new Date(auction.callAt).getTime();

    // The bids go straight into the table in one statement (the API's bids are measured elsewhere): 10,000 bids of
    // 1–5 units by as many users, at limits from 70 % to 130 % of the list price, a millisecond apart.
    const bidStart = Date.now();
    const inserted = await db.query(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM (SELECT id FROM users LIMIT $4) x)
       INSERT INTO limit_bids (auction_id, buyer_id, quantity, max_unit_price_minor, currency, idempotency_key, created_at)
       SELECT $1::uuid, u.id, 1 + (g % 5), greatest(1, floor($2 * (0.7 + ((g * 7919) % 601) / 1000.0)))::int, 'EUR',
              'bench-' || $1::text || '-' || g, now() + g * interval '1 millisecond'
         FROM generate_series(0, $3 - 1) AS g JOIN u ON u.n = g % $4`,
      [local, price, BIDS, Math.min(size.users, BIDS)],
    );
    const counts = { placed: inserted.rowCount ?? 0 };
    const bidSeconds = (Date.now() - bidStart) / 1000;
    bench.log(`  ${counts.placed} bids in ${bidSeconds.toFixed(1)} s; waiting for the call`);

    let state: { status: string; called_at: Date | null; cleared_quantity: number | null } | undefined;
    const deadline = callAt + 60_000;
    for (;;) {
      [state] = (
        await db.query('SELECT status, called_at, cleared_quantity FROM call_auctions WHERE id = $1', [local])
      ).rows;
      if (state?.status !== 'OPEN' || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!state || state.status === 'OPEN')
      throw new Error('the call did not run within a minute of its time');
    const [job] = (
      await db.query(
        `SELECT started_on, completed_on FROM pgboss.job
          WHERE name = 'call_auction_call' AND data->>'auctionId' = $1 AND state = 'completed'
          ORDER BY completed_on LIMIT 1`,
        [local],
      )
    ).rows as Array<{ started_on: Date; completed_on: Date }>;
    const [orders] = (
      await db.query(
        `SELECT count(*)::int AS n FROM orders WHERE source = 'CALL_AUCTION' AND source_id = $1`,
        [local],
      )
    ).rows as Array<{ n: number }>;
    const toLastOrder = job.completed_on.getTime() - callAt;
    const inJob = job.completed_on.getTime() - job.started_on.getTime();
    const met = toLastOrder < TARGET_MS;
    return section(bench, 'call-auction', title, {
      body: [
        `${int(counts.placed)} limit bids (written in one statement, ${bidSeconds.toFixed(1)} s) against 5 supply ` +
          `steps of 3,000 units; the call, run by the job queue, cleared ` +
          `${int(state.cleared_quantity ?? 0)} units with ${int(orders.n)} orders, status ${state.status}.`,
        '',
        '| from the call time to the last order committed | the job (lock, clear, fills, orders, stock, commit) |',
        '| ---: | ---: |',
        `| ${int(toLastOrder)} ms | ${int(inJob)} ms |`,
      ].join('\n'),
      targets: [
        {
          target: `call to last order of 10,000 bids < ${TARGET_MS} ms`,
          figure: `${int(toLastOrder)} ms (the job itself ${int(inJob)} ms)`,
          status: met ? 'met' : 'missed',
        },
      ],
    });
  } finally {
    await db.end();
    await server.stop();
  }
}
