import { migrations } from '../../migrations';
import { trustBeyondFunction, trustInFunction, trustInVersion } from '../../src/trust/trust-in.sql';
import { createTestDatabase, rows, sql } from '../helpers/database';
import { addBlock, addTrust, createUsers } from '../helpers/factories';

/** Propagated trust as the one SQL function other slices ask: trust_in(viewer, candidates). */
describe('trust_in', () => {
  it('is what the migrated database runs, and a migration was written for it as the code makes it', async () => {
    const db = await sql(await createTestDatabase());
    try {
      const { rows: found } = await db.query<{ prosrc: string }>(
        `SELECT prosrc FROM pg_proc WHERE proname = 'trust_in'`,
      );
      const body = /AS \$\$\n?([\s\S]*?)\$\$$/.exec(trustInFunction())![1];
      expect(found.map((r) => r.prosrc.trim())).toEqual([body.trim()]);
    } finally {
      await db.close();
    }
    const applying = migrations.filter((m) => 'trustInVersion' in m) as Array<
      Function & { trustInVersion: string }
    >;
    expect(applying.at(-1)?.trustInVersion).toBe(trustInVersion());
  });

  it('has trust_beyond as the code makes it in the migrated database', async () => {
    const db = await sql(await createTestDatabase());
    try {
      const { rows: found } = await db.query<{ prosrc: string }>(
        `SELECT prosrc FROM pg_proc WHERE proname = 'trust_beyond'`,
      );
      const body = /AS \$\$\n?([\s\S]*?)\$\$$/.exec(trustBeyondFunction())![1];
      expect(found.map((r) => r.prosrc.trim())).toEqual([body.trim()]);
    } finally {
      await db.close();
    }
  });

  it('answers each candidate within three hops with its trust and distance, and nobody else', async () => {
    const home = { databaseUrl: await createTestDatabase() };
    const u = await createUsers(home, ['v', 'a', 'b', 'c', 'd', 'x', 'blocked']);
    // v → a (5) → b (4) → c (5) → d: d is four hops away. v blocks `blocked`, who a trusts.
    await addTrust(home, u.v, u.a, 5);
    await addTrust(home, u.a, u.b, 4);
    await addTrust(home, u.b, u.c, 5);
    await addTrust(home, u.c, u.d, 5);
    await addTrust(home, u.a, u.blocked, 5);
    await addBlock(home, u.v, u.blocked);
    const candidates = [u.a, u.b, u.c, u.d, u.x, u.blocked, u.v].map((user) => user.dbId);
    const found = await rows<{ user_id: string; trust: number; hops: number }>(
      home.databaseUrl,
      'SELECT user_id, trust, hops FROM trust_in($1, $2) ORDER BY hops',
      [u.v.dbId, candidates],
    );
    expect(found).toEqual([
      { user_id: u.a.dbId, trust: 1, hops: 1 },
      { user_id: u.b.dbId, trust: expect.closeTo(0.8, 12), hops: 2 },
      { user_id: u.c.dbId, trust: 1, hops: 3 },
    ]);
    const asked = await rows(home.databaseUrl, 'SELECT * FROM trust_in($1, $2)', [u.v.dbId, [u.b.dbId]]);
    expect(asked.map((r) => r.user_id)).toEqual([u.b.dbId]);
  });
});
