import 'reflect-metadata';
import { resolve } from 'node:path';
import { connect, locateBenchPostgres, prepareDatabase } from '../lib/database';
import { parseOptions } from '../lib/options';
import { ensureVillage } from './village';

/** The synthetic village on its own: `node dist/bench/data/generate.js [--quick]`. The bench calls the same. */
export const villageDatabase = (quick: boolean) => (quick ? 'dorfmarkt_bench_quick' : 'dorfmarkt_bench');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = resolve(__dirname, '..', '..', '..');
  const pg = await locateBenchPostgres(root);
  try {
    const url = await prepareDatabase(pg, villageDatabase(options.quick));
    const db = await connect(url);
    try {
      const steps = await ensureVillage(db, options.village, console.log);
      console.table(steps);
    } finally {
      await db.end();
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
