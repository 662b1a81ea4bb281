import { createRequest, placeBid } from '../helpers/bidding-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { createUsers, createShop } from '../helpers/factories';
import { dbId, rows } from '../helpers/database';

describe('concurrent bids', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('ends with one consistent best bid, each stored bid having beaten the best when it was stored', async () => {
    const [buyer, ...staff] = await createUsers(server, 6, 'cb');
    const merchants = await Promise.all(staff.map((member) => createShop(server, { staff: [member] })));
    const request = await createRequest(server.gql, buyer);

    // 6 rounds of 5 merchants bidding at once, at prices that overlap, so that many bids race for the same best.
    const attempts = staff.flatMap((member, m) =>
      [0, 1, 2, 3, 4, 5].map((round) => ({
        member,
        price: 10_000 - round * 700 - m * 3 - ((m * 7 + round) % 4),
      })),
    );
    const results = await Promise.all(
      attempts.map(async ({ member, price }) => ({
        price,
        merchantId: merchants[staff.indexOf(member)].dbId,
        ...(await placeBid(server.gql, member, request.id, (price / 100).toFixed(2))),
      })),
    );

    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const refused = results.filter((r) => r.payload.userErrors.length);
    expect(new Set(refused.map((r) => r.payload.userErrors[0].code))).toEqual(
      refused.length ? new Set(['BID_TOO_HIGH']) : new Set(),
    );
    const accepted = results.filter((r) => !r.payload.userErrors.length);

    const stored = await rows<{ id: string; merchant_id: string; unit_price_minor: number }>(
      server.databaseUrl,
      'SELECT id, merchant_id, unit_price_minor FROM bids WHERE request_id = $1 ORDER BY created_at, id',
      [dbId(request.id)],
    );
    expect(stored.length).toBe(accepted.length);
    expect(stored.map((b) => [b.merchant_id, b.unit_price_minor]).sort()).toEqual(
      accepted.map((r) => [r.merchantId, r.price]).sort(),
    );
    // In the order they were stored, each bid is at least the decrement under the one before: it beat the best.
    for (let i = 1; i < stored.length; i++) {
      expect(stored[i].unit_price_minor).toBeLessThanOrEqual(stored[i - 1].unit_price_minor - 1);
    }
    const lowest = stored.at(-1)!;
    expect(lowest.unit_price_minor).toBe(Math.min(...attempts.map((a) => a.price)));
    const [state] = await rows(
      server.databaseUrl,
      'SELECT best_bid_id, best_bid_minor FROM price_requests WHERE id = $1',
      [dbId(request.id)],
    );
    expect(state).toEqual({ best_bid_id: lowest.id, best_bid_minor: lowest.unit_price_minor });
    // Every refused bid was too high for the best bid at some moment: never below the final best.
    for (const r of refused) expect(r.price).toBeGreaterThan(lowest.unit_price_minor);
  });
});
