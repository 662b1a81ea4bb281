import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessTokens } from '../../src/auth/access-tokens';
import type { Container } from '../../src/core/container';

import { sql } from './database';
import type { GraphQLClient } from './server';

/** A trust mutation document: `{ user { id } userErrors { field message code } }` for the given input. */
const trustMutation = (field: string) => /* GraphQL */ `
  mutation Run($input: ${field[0].toUpperCase()}${field.slice(1)}Input!) {
    ${field}(input: $input) {
      user {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const TRUST_USER = trustMutation('trustUser');
export const UNTRUST_USER = trustMutation('untrustUser');
export const BLOCK_USER = trustMutation('blockUser');
export const UNBLOCK_USER = trustMutation('unblockUser');

interface Actor {
  token: string;
}

/** Runs a trust mutation as `actor`; fails the test on a userError or a GraphQL error. */
async function run(gql: GraphQLClient, field: string, actor: Actor, input: object): Promise<void> {
  const res = await gql(trustMutation(field), { input }, actor.token);
  if (res.data?.[field]?.userErrors?.length !== 0) throw new Error(`${field}: ${JSON.stringify(res.body)}`);
}

/** `actor` trusts `userId` (a global ID) at `level` through the API. */
export const trust = (gql: GraphQLClient, actor: Actor, userId: string, level: number) =>
  run(gql, 'trustUser', actor, { userId, level });
export const untrust = (gql: GraphQLClient, actor: Actor, userId: string) =>
  run(gql, 'untrustUser', actor, { userId });
export const block = (gql: GraphQLClient, actor: Actor, userId: string) =>
  run(gql, 'blockUser', actor, { userId });

/** A trust graph written as `truster trustee level` triples over named users, e.g. `[['v', 'a', 5]]`. */
export type EdgeList = Array<[string, string, number]>;

/** Creates each edge through the API, in order. */
export async function trustAll(
  gql: GraphQLClient,
  users: Record<string, { id: string; token: string }>,
  edges: EdgeList,
): Promise<void> {
  for (const [from, to, level] of edges) await trust(gql, users[from], users[to].id, level);
}

export interface TrustNetwork {
  /** Database id of each user, by the data set's own user number. */
  ids: Map<number, string>;
  /** Every edge as stored, with database ids. */
  edges: Array<{ from: string; to: string; level: number }>;
  /** An access token for a user of the network. */
  tokenFor(userId: string): string;
}

/**
 * Loads FilmTrust's trust network (test/fixtures/filmtrust, with its README and citation) into the database with plain SQL: one user per
 * person (handle `<set>_<n>`, no usable password) and one trust edge per row, self-trust and duplicates dropped.
 * The data sets carry no levels, so each edge gets a fixed pseudo-random level 1..5 derived from its two ids.
 */
export async function loadTrustNetwork(
  databaseUrl: string,
  container: Container,
  set: 'filmtrust',
): Promise<TrustNetwork> {
  const text = readFileSync(join(__dirname, '..', 'fixtures', set, 'trust.txt'), 'utf8');
  const pairs = new Map<string, [number, number]>();
  for (const line of text.split('\n')) {
    const [a, b] = line.trim().split(/\s+/).map(Number);
    if (Number.isInteger(a) && Number.isInteger(b) && a !== b) pairs.set(`${a} ${b}`, [a, b]);
  }
  const ids = new Map<number, string>();
  for (const [a, b] of pairs.values()) for (const n of [a, b]) if (!ids.has(n)) ids.set(n, randomUUID());
  const edges = [...pairs.values()].map(([a, b]) => ({
    from: ids.get(a)!,
    to: ids.get(b)!,
    level: 1 + ((a * 7 + b * 13) % 5),
  }));
  await insertUsers(
    databaseUrl,
    [...ids].map(([n, dbId]) => ({ dbId, handle: `${set}_${n}`, displayName: `${set} ${n}` })),
  );
  const db = await sql(databaseUrl);
  try {
    await db.query(
      `INSERT INTO trust_edges (truster_id, trustee_id, level)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])`,
      [edges.map((e) => e.from), edges.map((e) => e.to), edges.map((e) => e.level)],
    );
    await db.query('ANALYZE trust_edges');
  } finally {
    await db.close();
  }
  const tokens = container.get(AccessTokens);
  return { ids, edges, tokenFor: (userId) => tokens.issue({ userId, sessionVersion: 0 }) };
}

/** Writes users with no usable password (the hash `!` matches none). */
async function insertUsers(
  databaseUrl: string,
  users: Array<{ dbId: string; handle: string; displayName: string }>,
): Promise<void> {
  const db = await sql(databaseUrl);
  try {
    await db.query(
      `INSERT INTO users (id, email, password_hash, handle, display_name)
       SELECT id, handle || '@example.com', '!', handle, name
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, handle, name)`,
      [users.map((u) => u.dbId), users.map((u) => u.handle), users.map((u) => u.displayName)],
    );
  } finally {
    await db.close();
  }
}
