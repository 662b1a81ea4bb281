import { randomBytes } from 'node:crypto';
import { AccessTokens } from '../../src/auth/access-tokens';
import { hashPassword } from '../../src/auth/password';
import type { Container } from '../../src/core/container';
import { toGlobalId } from '../../src/core/relay/global-id';
import { sql } from './database';
import { TEST_JWT_SECRET } from './server';

/** A person with an account, as a test uses them: ids both ways, and a valid access token. */
export interface TestUser {
  /** The global ID, as the API shows it. */
  id: string;
  /** The database id, for SQL in tests. */
  dbId: string;
  handle: string;
  displayName: string;
  email: string;
  /** The password: every test user can log in with it. */
  password: string;
  token: string;
}

/** Where users go: a test server (whose own token signer is used), or just a database a server runs on. */
export interface UserHome {
  databaseUrl: string;
  container?: Container;
}

export const TEST_PASSWORD = 'correct horse battery';

/** One argon2 hash for every test user: sign-up hashes on purpose slowly, which a test about something else pays. */
let passwordHash: Promise<string> | undefined;

/**
 * The one way tests make people: accounts as signUp makes them, written straight into the database (many in one
 * statement), each with an access token signed with the tests' secret, valid on every test server. What a test is
 * about (signing up, trusting, joining) it does through the API with these users.
 */
export async function createUsers(home: UserHome, count: number, prefix?: string): Promise<TestUser[]>;
/** Named users: display names are the names given, handles the names with a random suffix. */
export async function createUsers(home: UserHome, names: string[]): Promise<Record<string, TestUser>>;
export async function createUsers(
  home: UserHome,
  countOrNames: number | string[],
  prefix = 'u',
): Promise<TestUser[] | Record<string, TestUser>> {
  const run = randomBytes(3).toString('hex');
  const people = Array.isArray(countOrNames)
    ? countOrNames.map((name) => ({ handle: `${name.toLowerCase()}_${run}`, displayName: name }))
    : Array.from({ length: countOrNames }, (_, i) => ({ handle: `${prefix}${i}_${run}`, displayName: '' }));
  const users = await insert(home, people);
  if (!Array.isArray(countOrNames)) return users;
  return Object.fromEntries(countOrNames.map((name, i) => [name, users[i]]));
}

/** One person; the handle (3–30 of a–z, 0–9, _) is random unless given, the display name the handle. */
export async function createUser(
  home: UserHome,
  options: { handle?: string; displayName?: string } = {},
): Promise<TestUser> {
  const handle = options.handle ?? `u_${randomBytes(4).toString('hex')}`;
  const [user] = await insert(home, [{ handle, displayName: options.displayName ?? '' }]);
  return user;
}

async function insert(
  home: UserHome,
  people: Array<{ handle: string; displayName: string }>,
): Promise<TestUser[]> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const named = people.map((p) => ({ ...p, displayName: p.displayName || p.handle }));
  const db = await sql(home.databaseUrl);
  try {
    const { rows } = await db.query<{ id: string; handle: string }>(
      `INSERT INTO users (email, password_hash, handle, display_name)
       SELECT h || '@example.com', $3, h, d FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(h, d, n)
       ORDER BY n RETURNING id, handle`,
      [named.map((p) => p.handle), named.map((p) => p.displayName), await passwordHash],
    );
    const tokens = home.container?.get(AccessTokens) ?? new AccessTokens(TEST_JWT_SECRET, 900);
    const byHandle = new Map(rows.map((r) => [r.handle, r.id]));
    return named.map(({ handle, displayName }) => {
      const dbId = byHandle.get(handle)!;
      return {
        id: toGlobalId('User', dbId),
        dbId,
        handle,
        displayName,
        email: `${handle}@example.com`,
        password: TEST_PASSWORD,
        token: tokens.issue({ userId: dbId, sessionVersion: 0 }),
      };
    });
  } finally {
    await db.close();
  }
}

/** A shop as a test uses it: the merchant's ids both ways, and its one product's. */
export interface TestShop {
  /** The merchant's global ID. */
  id: string;
  /** The merchant's database id. */
  dbId: string;
  name: string;
  /** The product's global ID. */
  product: string;
  /** The product's database id. */
  productId: string;
}

export interface ShopOptions {
  /** Who runs it: the first is the owner, the others staff. */
  staff: TestUser[];
  name?: string;
  region?: string;
  /** Its product: 10.00 EUR, 1000 in stock, "Bergkäse, 1 kg" unless given. */
  priceMinor?: number;
  stock?: number;
  currency?: string;
  title?: string;
}

/**
 * The one way tests make shops: a merchant run by `staff`, with one product, as createMerchant, addMerchantStaff and
 * createProduct would make them, written straight into the database.
 */
export async function createShop(home: UserHome, options: ShopOptions): Promise<TestShop> {
  const { staff, region = 'Allgäu', priceMinor = 1000, stock = 1000, currency = 'EUR' } = options;
  const name = options.name ?? `Hof ${randomBytes(3).toString('hex')}`;
  const db = await sql(home.databaseUrl);
  try {
    const {
      rows: [merchant],
    } = await db.query<{ id: string }>('INSERT INTO merchants (name, region) VALUES ($1, $2) RETURNING id', [
      name,
      region,
    ]);
    // One by one, so that the staff's seniority (created_at) follows their order.
    for (const [i, member] of staff.entries()) {
      await db.query('INSERT INTO merchant_staff (merchant_id, user_id, role) VALUES ($1, $2, $3)', [
        merchant.id,
        member.dbId,
        i === 0 ? 'OWNER' : 'STAFF',
      ]);
    }
    const {
      rows: [product],
    } = await db.query<{ id: string }>(
      `INSERT INTO products (merchant_id, title, category, price_minor, currency, stock)
       VALUES ($1, $2, 'cheese', $3, $4, $5) RETURNING id`,
      [merchant.id, options.title ?? 'Bergkäse, 1 kg', priceMinor, currency, stock],
    );
    return {
      id: toGlobalId('Merchant', merchant.id),
      dbId: merchant.id,
      name,
      product: toGlobalId('Product', product.id),
      productId: product.id,
    };
  } finally {
    await db.close();
  }
}

/** An open connection (a test's own), or where to open one. */
type Target = UserHome | { query: (text: string, params: unknown[]) => Promise<unknown> };

async function write(target: Target, text: string, params: unknown[]): Promise<void> {
  if ('query' in target) {
    await target.query(text, params);
    return;
  }
  const db = await sql(target.databaseUrl);
  try {
    await db.query(text, params);
  } finally {
    await db.close();
  }
}

/**
 * The one way tests set up trust they are not about: truster → trustee at `level`, written directly (no event, no
 * checks). Tests of trusting itself, and of what a trust change sets off, use the trustUser mutation.
 */
export function addTrust(target: Target, truster: TestUser, trustee: TestUser, level = 5): Promise<void> {
  return write(target, 'INSERT INTO trust_edges (truster_id, trustee_id, level) VALUES ($1, $2, $3)', [
    truster.dbId,
    trustee.dbId,
    level,
  ]);
}

/** `blocker` blocks `blocked`, written directly. */
export function addBlock(target: Target, blocker: TestUser, blocked: TestUser): Promise<void> {
  return write(target, 'INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)', [
    blocker.dbId,
    blocked.dbId,
  ]);
}

/** Privacy settings (columns of the users row, e.g. `trust_list_audience`) of the users given by database id. */
export async function setPrivacySettings(
  home: UserHome,
  userIds: string[],
  changes: Partial<Record<PrivacyColumn, string | boolean>>,
): Promise<void> {
  for (const [column, value] of Object.entries(changes)) {
    await write(home, `UPDATE users SET ${column} = $1 WHERE id = ANY($2::uuid[])`, [value, userIds]);
  }
}

type PrivacyColumn =
  | 'profile_audience'
  | 'trust_list_audience'
  | 'pool_participation_audience'
  | 'order_history_audience'
  | 'accept_recommendations_from'
  | 'discoverable'
  | 'personalization';
