import 'reflect-metadata';
import { resolve } from 'node:path';
import type { Client } from 'pg';
import { hashPassword } from '../../src/auth/password';
import { connect, countRows, locateBenchPostgres, prepareDatabase, vacuumAfterLoad } from '../lib/database';
import { bulkInsert, KIND, uuidOf } from './bulk';
import { loadTrust, type TrustSource } from './datasets';
import { BENCH_PASSWORD } from './village';

/**
 * The real trust networks as Dorfmarkt users and trust edges, each in its own database so that a scenario
 * runs on exactly one network: Epinions (Tang et al.) and the SNAP soc-Epinions1 crawl (its first 410,884
 * edges). These data sets only say that someone trusts someone: every edge gets the same level,
 * IMPORTED_TRUST_LEVEL (4, weight 0.8), so propagated trust is 0.8 for everyone reachable within 3 hops and
 * the ranking of friend recommendations comes from the number of common contacts.
 */
export const IMPORTED_TRUST_LEVEL = 4;

export const REAL_NETWORKS: Record<
  'epinions' | 'snap',
  { source: TrustSource; database: string; prefix: string }
> = {
  epinions: { source: 'epinions', database: 'dorfmarkt_bench_epinions', prefix: 'ep' },
  snap: { source: 'soc-epinions1-partial', database: 'dorfmarkt_bench_snap', prefix: 'snap' },
};

/** The user id of a data set's node id; deterministic, so that the bench can name users without a lookup. */
export const realUserId = (nodeId: number) => uuidOf(KIND.user, nodeId);

export interface ImportResult {
  network: string;
  users: number;
  edges: number;
  dropped: Record<string, number>;
  seconds: number;
  kept: boolean;
}

/** Loads a network into its migrated database unless it is there already. */
export async function importNetwork(
  root: string,
  db: Client,
  network: keyof typeof REAL_NETWORKS,
): Promise<ImportResult> {
  const { source, prefix } = REAL_NETWORKS[network];
  const started = Date.now();
  const trust = await loadTrust(root, source);
  const nodes = [...new Set([...trust.from, ...trust.to])].sort((a, b) => a - b);
  if (
    (await countRows(db, 'trust_edges')) === trust.from.length &&
    (await countRows(db, 'users')) === nodes.length
  ) {
    return {
      network,
      users: nodes.length,
      edges: trust.from.length,
      dropped: trust.dropped,
      seconds: 0,
      kept: true,
    };
  }
  await db.query('TRUNCATE users CASCADE');
  const hash = await hashPassword(BENCH_PASSWORD);
  await bulkInsert(
    db,
    'users',
    [
      { name: 'id', type: 'uuid', value: realUserId },
      { name: 'email', type: 'text', value: (n: number) => `${prefix}${n}@bench.dorfmarkt.example` },
      { name: 'password_hash', type: 'text', value: () => hash },
      { name: 'handle', type: 'text', value: (n: number) => `${prefix}${n}` },
      { name: 'display_name', type: 'text', value: (n: number) => `${prefix} ${n}` },
    ],
    nodes,
    nodes.length,
  );
  const edges = function* () {
    for (let i = 0; i < trust.from.length; i++) yield i;
  };
  await bulkInsert(
    db,
    'trust_edges',
    [
      { name: 'truster_id', type: 'uuid', value: (i: number) => realUserId(trust.from[i]) },
      { name: 'trustee_id', type: 'uuid', value: (i: number) => realUserId(trust.to[i]) },
      { name: 'level', type: 'int2', value: () => IMPORTED_TRUST_LEVEL },
    ],
    edges(),
    trust.from.length,
  );
  await vacuumAfterLoad(db);
  return {
    network,
    users: nodes.length,
    edges: trust.from.length,
    dropped: trust.dropped,
    seconds: (Date.now() - started) / 1000,
    kept: false,
  };
}

/** `node dist/bench/data/import-real.js [epinions|snap]`: imports one network, or both. */
async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const which = (process.argv[2] ? [process.argv[2]] : Object.keys(REAL_NETWORKS)) as Array<
    keyof typeof REAL_NETWORKS
  >;
  const pg = await locateBenchPostgres(root);
  try {
    for (const network of which) {
      const db = await connect(await prepareDatabase(pg, REAL_NETWORKS[network].database));
      try {
        console.log(await importNetwork(root, db, network));
      } finally {
        await db.end();
      }
    }
  } finally {
    await pg.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
