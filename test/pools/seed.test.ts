import { createLogger } from '../../src/core/logger';
import { seedIfEmpty } from '../../src/seed/seed';
import { startTestServer, type TestServer } from '../helpers/server';

describe('demo pools', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('seeds a tipped pool and one short of its tipping point', async () => {
    expect(await seedIfEmpty(server.container, createLogger('silent'))).toBe(true);
    const res = await server.gql(
      `{ pools { nodes { status committedQuantity participantCount capacity } } }`,
    );
    // Loaded in one transaction, the village's pools were all made at one moment: their order is not asserted.
    const byCapacity = (a: { capacity: number }, b: { capacity: number }) => a.capacity - b.capacity;
    expect(res.data.pools.nodes.sort(byCapacity)).toEqual([
      { status: 'OPEN', committedQuantity: 2, participantCount: 1, capacity: 24 },
      { status: 'TIPPED', committedQuantity: 15, participantCount: 4, capacity: 60 },
    ]);
  });
});
