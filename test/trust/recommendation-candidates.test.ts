import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';
import { countStatements } from '../helpers/sql-counter';
import { trust, untrust } from '../helpers/trust-factories';
import { createUsers, type TestUser, setPrivacySettings } from '../helpers/factories';

const RECOMMENDED = /* GraphQL */ `
  query Recommended($first: Int) {
    me {
      friendRecommendations(first: $first) {
        user {
          displayName
        }
        mutualCount
      }
    }
  }
`;

/**
 * Each instance keeps a viewer's scored candidates; these tests show what may never go stale: changes on the same
 * instance show in its next answer, changes on another instance as soon as their event arrives, and whatever
 * decides visibility is read afresh every time.
 */
describe('kept recommendation candidates', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const recommended = async (server: TestServer, viewer: TestUser, first = 10) => {
    const res = await server.gql(RECOMMENDED, { first }, viewer.token);
    expect(res.errors).toBeUndefined();
    return res.data.me.friendRecommendations.map(
      (r: { user: { displayName: string }; mutualCount: number }) => `${r.user.displayName}:${r.mutualCount}`,
    );
  };

  it('scores a viewer once, and answers again from memory with one statement', async () => {
    const u = await createUsers(a, ['Vera', 'Anna', 'Clara']);
    await trust(a.gql, u.Vera, u.Anna.id, 5);
    await trust(a.gql, u.Anna, u.Clara.id, 4);
    const counter = countStatements();
    try {
      expect(await recommended(a, u.Vera)).toEqual(['Clara:1']);
      const first = counter.take();
      expect(await recommended(a, u.Vera)).toEqual(['Clara:1']);
      const again = counter.take();
      expect(again).toBe(first - 1);
    } finally {
      counter.restore();
    }
  });

  it('shows a change made on the same instance in the very next answer', async () => {
    const u = await createUsers(a, ['Vera', 'Anna', 'Clara', 'Dora']);
    await trust(a.gql, u.Vera, u.Anna.id, 5);
    await trust(a.gql, u.Anna, u.Clara.id, 4);
    expect(await recommended(a, u.Vera)).toEqual(['Clara:1']);

    await trust(a.gql, u.Anna, u.Dora.id, 5); // an edge out of the viewer's trustee
    expect(await recommended(a, u.Vera)).toEqual(['Dora:1', 'Clara:1']);
    await untrust(a.gql, u.Vera, u.Anna.id); // the viewer's own edge
    expect(await recommended(a, u.Vera)).toEqual([]);
  });

  it('shows a change made on another instance once its event arrives', async () => {
    const u = await createUsers(a, ['Vera', 'Anna', 'Clara']);
    await trust(a.gql, u.Vera, u.Anna.id, 5);
    expect(await recommended(b, u.Vera)).toEqual([]);

    await trust(a.gql, u.Anna, u.Clara.id, 4);
    const deadline = Date.now() + 5000;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = await recommended(b, u.Vera);
      if (seen.length) break;
      await sleep(50);
    }
    expect(seen).toEqual(['Clara:1']);
  });

  it('reads discoverability afresh, even when changed behind the API', async () => {
    const u = await createUsers(a, ['Vera', 'Anna', 'Clara', 'Dora']);
    await trust(a.gql, u.Vera, u.Anna.id, 5);
    await trust(a.gql, u.Anna, u.Clara.id, 4);
    await trust(a.gql, u.Anna, u.Dora.id, 3);
    expect(await recommended(a, u.Vera)).toEqual(['Clara:1', 'Dora:1']);

    await setPrivacySettings(a, [u.Clara.dbId], { discoverable: false });
    expect(await recommended(a, u.Vera)).toEqual(['Dora:1']);
  });

  it('looks beyond the kept candidates when the best of them may not be shown', async () => {
    const names = Array.from({ length: 106 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    const u = await createUsers(a, ['Vera', 'Anna', ...names]);
    const db = await sql(a.databaseUrl);
    try {
      // Anna trusts all 106; the first 101 fully (ahead of the rest), and those hide themselves.
      await db.query(
        `INSERT INTO trust_edges (truster_id, trustee_id, level)
         SELECT $1, unnest($2::uuid[]), unnest($3::int[])`,
        [u.Anna.dbId, names.map((n) => u[n].dbId), names.map((_, i) => (i < 101 ? 5 : 1))],
      );
    } finally {
      await db.close();
    }
    await setPrivacySettings(
      a,
      names.slice(0, 101).map((n) => u[n].dbId),
      { discoverable: false },
    );
    await trust(a.gql, u.Vera, u.Anna.id, 5);

    const shown = await recommended(a, u.Vera, 3);
    expect(shown).toHaveLength(3);
    for (const entry of shown) expect(entry).toMatch(/^C10[1-5]:1$/);
  });
});
