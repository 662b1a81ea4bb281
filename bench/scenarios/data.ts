import { connect } from '../lib/database';
import { type Bench, int, section, type Section } from '../lib/section';
import { ensureVillage } from '../data/village';
import { IMPORTED_TRUST_LEVEL, importNetwork, REAL_NETWORKS, type ImportResult } from '../data/import-real';

/** The data every other scenario runs on: the synthetic village, and the real trust networks. */
export async function dataScenario(bench: Bench, villageUrl: string): Promise<Section> {
  const db = await connect(villageUrl);
  let steps;
  try {
    steps = await ensureVillage(db, bench.options.village, bench.log);
  } finally {
    await db.end();
  }
  const imports: ImportResult[] = [];
  for (const network of bench.options.networks) {
    const real = await connect(await bench.database(REAL_NETWORKS[network].database));
    try {
      bench.log(`importing ${network}`);
      imports.push(await importNetwork(bench.root, real, network));
    } finally {
      await real.end();
    }
  }
  const body = [
    `Synthetic village (\`bench/data/generate.ts\`, ${bench.options.quick ? 'quick size' : 'full size'}), ` +
      'written with multi-row `INSERT … SELECT FROM unnest(…)` in batches of 10,000 rows:',
    '',
    '| table | rows | seconds | note |',
    '| --- | ---: | ---: | --- |',
    ...steps.map((s) => `| ${s.table} | ${int(s.rows)} | ${s.seconds.toFixed(1)} | ${s.note} |`),
    '',
    `Real trust networks (\`bench/data/import-real.ts\`), each in its own database. These data sets only say ` +
      `that someone trusts someone: every edge is imported at level ${IMPORTED_TRUST_LEVEL} ` +
      `(weight ${IMPORTED_TRUST_LEVEL / 5}), so propagated trust is ${IMPORTED_TRUST_LEVEL / 5} for everyone ` +
      'reachable within 3 hops.',
    '',
    '| network | users | edges | dropped | seconds |',
    '| --- | ---: | ---: | --- | ---: |',
    ...imports.map(
      (i) =>
        `| ${i.network} | ${int(i.users)} | ${int(i.edges)} | ${Object.entries(i.dropped)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} | ${i.kept ? 'kept from an earlier run' : i.seconds.toFixed(1)} |`,
    ),
  ];
  return section(bench, 'data', 'Data', { body: body.join('\n') });
}
