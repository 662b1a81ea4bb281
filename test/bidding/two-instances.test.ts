import { JobQueue } from '../../src/core/jobs/job-queue';
import { createLogger } from '../../src/core/logger';
import { DEADLINE_QUEUE } from '../../src/bidding/deadline-job.service';
import { createTestDatabase, dbId, rows } from '../helpers/database';
import { type TestUser, createUsers, createShop } from '../helpers/factories';
import { ACCEPT_BID, createRequest, eventually, placeBid } from '../helpers/bidding-factories';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { graphqlClient, type GraphQLClient } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

/** Needs the build: `npx tsc -p tsconfig.build.json` (npm test builds first). */
describe('price requests on two server instances', () => {
  let databaseUrl: string;
  const instances: ServerProcess[] = [];
  let a: GraphQLClient;
  let b: GraphQLClient;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const env = { BID_EXTENSION_WINDOW: '0' };
    for (let i = 0; i < 2; i++) instances.push(await spawnServer(databaseUrl, env));
    [a, b] = instances.map((i) => graphqlClient(i.url));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
  });

  it('awards each request once, whatever the jobs run twice and the buyer accepts at the deadline on both', async () => {
    const [buyer, alice, bob]: TestUser[] = await createUsers({ databaseUrl }, 3);
    await createShop({ databaseUrl }, { staff: [alice] });
    await createShop({ databaseUrl }, { staff: [bob] });
    const deadline = new Date(Date.now() + 4000);
    const requests = [];
    for (let i = 0; i < 6; i++) {
      requests.push(
        await createRequest(i % 2 ? a : b, buyer, { deadline: deadline.toISOString(), quantity: 2 }),
      );
    }
    const watcher = connectSocket(instances[0].url, buyer.token);
    const updates = watcher.subscribe(
      `subscription ($id: ID!) { priceRequestUpdated(requestId: $id) { status } }`,
      {
        id: requests[0].id,
      },
    );
    expect(await updates.next(10_000)).toEqual({ data: { priceRequestUpdated: { status: 'OPEN' } } });

    const best: string[] = [];
    for (const request of requests) {
      await placeBid(a, alice, request.id, '30.00');
      best.push((await placeBid(b, bob, request.id, '29.00')).payload.bid.id);
    }
    // At least once means sometimes twice: queue every deadline job three more times.
    const queue = new JobQueue({ databaseUrl, logger: createLogger('silent') });
    await queue.start();
    for (const request of requests) {
      for (let copy = 0; copy < 3; copy++) {
        await queue.schedule(DEADLINE_QUEUE, { requestId: dbId(request.id) }, deadline);
      }
    }
    await queue.stop();

    // Around the deadline the buyer accepts the best bid of the first three requests, on both instances at once.
    const offsets = [-600, -250, -60];
    const accepts = (
      await Promise.all(
        offsets.map(async (offset, i) => {
          await new Promise((resolve) =>
            setTimeout(resolve, Math.max(0, deadline.getTime() + offset - Date.now())),
          );
          return Promise.all(
            [a, b].map(async (gql) => ({
              i,
              result: (await gql(ACCEPT_BID, { input: { bidId: best[i] } }, buyer.token)).data.acceptBid,
            })),
          );
        }),
      )
    ).flat();
    for (const { result } of accepts) {
      if (result.userErrors.length) {
        expect(['NOT_OPEN', 'DEADLINE_PASSED']).toContain(result.userErrors[0].code);
      } else {
        expect(result.priceRequest.status).toBe('AWARDED');
      }
    }
    for (let i = 0; i < 3; i++) {
      expect(accepts.filter((x) => x.i === i && !x.result.userErrors.length).length).toBeLessThanOrEqual(1);
    }

    const ids = requests.map((r) => dbId(r.id));
    await eventually(
      async () =>
        (
          await rows(databaseUrl, `SELECT 1 FROM price_requests WHERE id = ANY($1) AND status = 'OPEN'`, [
            ids,
          ])
        ).length === 0,
      20_000,
      'every request closed',
    );
    expect(await updates.until((d) => d.priceRequestUpdated.status !== 'OPEN', 10_000)).toEqual({
      priceRequestUpdated: { status: 'AWARDED' },
    });
    await watcher.close();

    const awarded = await rows(
      databaseUrl,
      `SELECT r.id, r.status, r.awarded_bid_id,
              (SELECT count(*)::int FROM orders o WHERE o.source_id = r.id) AS orders,
              (SELECT count(*)::int FROM notifications n WHERE n.data->>'requestId' = r.id::text AND n.kind = 'BID_WON') AS won
       FROM price_requests r WHERE r.id = ANY($1) ORDER BY r.created_at`,
      [ids],
    );
    expect(awarded).toEqual(
      ids.map((id, i) => ({ id, status: 'AWARDED', awarded_bid_id: dbId(best[i]), orders: 1, won: 1 })),
    );
  });
});
