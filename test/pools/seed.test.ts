import { createLogger } from '../../src/core/logger';
import { decodeGlobalId } from '../../src/core/relay/global-id';
import { seedIfEmpty } from '../../src/seed/seed';
import { sql } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';

interface SeededPool {
  id: string;
  status: string;
  committedQuantity: number;
  tippingPoint: number;
  capacity: number;
  participantCount: number;
}

describe('demo pools', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('seeds a tipped pool and one short of its tipping point, each as its joins made it', async () => {
    expect(await seedIfEmpty(server.container, createLogger('silent'))).toBe(true);
    const res = await server.gql(
      `{ pools { nodes { id status committedQuantity tippingPoint capacity participantCount } } }`,
    );
    expect(res.errors).toBeUndefined();
    const pools: SeededPool[] = res.data.pools.nodes;
    expect(pools.filter((p) => p.status === 'TIPPED')).toHaveLength(1);
    expect(pools.filter((p) => p.status === 'OPEN' && p.committedQuantity > 0)).toHaveLength(1);
    const db = await sql(server.databaseUrl);
    try {
      const { rows } = await db.query<{ pool_id: string; committed: number; members: number }>(
        `SELECT pool_id, sum(quantity)::int AS committed, count(*)::int AS members
           FROM pool_memberships GROUP BY pool_id`,
      );
      const joined = new Map(rows.map((r) => [r.pool_id, r]));
      for (const pool of pools) {
        // The status follows from the committed quantity, as pool_status_for decides it.
        const status =
          pool.committedQuantity >= pool.capacity
            ? 'SOLD_OUT'
            : pool.committedQuantity >= pool.tippingPoint
              ? 'TIPPED'
              : 'OPEN';
        const members = joined.get(decodeGlobalId(pool.id).id);
        expect(pool).toMatchObject({
          status,
          committedQuantity: members?.committed ?? 0,
          participantCount: members?.members ?? 0,
        });
      }
    } finally {
      await db.close();
    }
  });
});
