import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from '../src/schema';

const target = join(__dirname, '..', '..', 'schema', 'schema.graphql');
const header = '# Dorfmarkt GraphQL API. Emitted from the code by `npm run schema`; do not edit by hand.\n\n';

/** Writes schema/schema.graphql, or with --check fails when the committed file differs from the code. */
async function main(): Promise<void> {
  const schema = await createSchema();
  const text = header + printSchema(lexicographicSortSchema(schema)) + '\n';
  if (process.argv.includes('--check')) {
    const committed = readFileSync(target, 'utf8');
    if (committed !== text) {
      console.error(
        'schema/schema.graphql differs from the code: run `npm run schema` and commit the result.',
      );
      process.exit(1);
    }
    console.log('schema/schema.graphql matches the code.');
    return;
  }
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
