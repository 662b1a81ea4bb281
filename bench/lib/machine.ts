import { cpus, totalmem, release, platform } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  versions: Record<string, string>;
  loadAverage: string;
}

/** The machine and the exact versions measured, for the report's header. */
export async function describeMachine(root: string, db: Client): Promise<MachineInfo> {
  const { rows } = await db.query<{ version: string }>('SELECT version()');
  const version = (dir: string, pkg: string) => {
    try {
      return JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8'))
        .version as string;
    } catch {
      return 'not installed';
    }
  };
  const pgl = join(root, 'bench', 'postgraphile');
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    postgres: rows[0].version.split(' on ')[0],
    loadAverage: loadavg,
    versions: {
      '@apollo/server': version(root, '@apollo/server'),
      graphql: version(root, 'graphql'),
      'type-graphql': version(root, 'type-graphql'),
      'graphql-ws': version(root, 'graphql-ws'),
      ws: version(root, 'ws'),
      typeorm: version(root, 'typeorm'),
      pg: version(root, 'pg'),
      autocannon: version(root, 'autocannon'),
      postgraphile: version(pgl, 'postgraphile'),
      'graphql (PostGraphile)': version(pgl, 'graphql'),
    },
  };
}
