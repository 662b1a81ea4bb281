import { randomBytes } from 'node:crypto';
import { AccessTokens } from '../../src/auth/access-tokens';
import { toGlobalId } from '../../src/core/relay/global-id';
import { sql } from './database';
import { TEST_JWT_SECRET } from './server';

/**
 * Rows the catalog's API would make (merchants, staff, products), and many users at once, written straight to a
 * test database: signing up 200 people through the API would spend most of a test hashing passwords.
 */
export interface Member {
  /** Local (database) id. */
  id: string;
  /** Global ID, as the API shows it. */
  globalId: string;
  handle: string;
  token: string;
}

export interface Shop {
  merchantId: string;
  productId: string;
  /** Global ID of the product. */
  product: string;
}

const tokens = new AccessTokens(TEST_JWT_SECRET, 3600);

/** Runs one statement on its own connection and answers its rows: for setup and for assertions on what is stored. */
export async function queryRows<T = any>(
  databaseUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const db = await sql(databaseUrl);
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.close();
  }
}

export async function insertUsers(databaseUrl: string, count: number, prefix = 'm'): Promise<Member[]> {
  const db = await sql(databaseUrl);
  try {
    const run = randomBytes(3).toString('hex');
    const handles = Array.from({ length: count }, (_, i) => `${prefix}${i}_${run}`);
    const { rows } = await db.query<{ id: string; handle: string }>(
      `INSERT INTO users (email, password_hash, handle, display_name)
       SELECT h || '@example.com', 'not-a-hash', h, h FROM unnest($1::text[]) WITH ORDINALITY AS t(h, n)
       ORDER BY n RETURNING id, handle`,
      [handles],
    );
    const byHandle = new Map(rows.map((r) => [r.handle, r.id]));
    return handles.map((handle) => {
      const id = byHandle.get(handle)!;
      return {
        id,
        globalId: toGlobalId('User', id),
        handle,
        token: tokens.issue({ userId: id, sessionVersion: 0 }),
      };
    });
  } finally {
    await db.close();
  }
}

export interface ShopOptions {
  staff: Member[];
  priceMinor?: number;
  stock?: number;
  currency?: string;
  title?: string;
}

/** A merchant run by `staff`, with one product. */
export async function insertShop(databaseUrl: string, options: ShopOptions): Promise<Shop> {
  const { staff, priceMinor = 1000, stock = 1000, currency = 'EUR', title = 'Bergkäse, 1 kg' } = options;
  const db = await sql(databaseUrl);
  try {
    const {
      rows: [merchant],
    } = await db.query<{ id: string }>(
      `INSERT INTO merchants (name, region) VALUES ('Hofladen Huber', 'Allgäu') RETURNING id`,
    );
    for (const [i, member] of staff.entries()) {
      await db.query(`INSERT INTO merchant_staff (merchant_id, user_id, role) VALUES ($1, $2, $3)`, [
        merchant.id,
        member.id,
        i === 0 ? 'OWNER' : 'STAFF',
      ]);
    }
    const productId = await insertProduct(db, merchant.id, { priceMinor, stock, currency, title });
    return { merchantId: merchant.id, productId, product: toGlobalId('Product', productId) };
  } finally {
    await db.close();
  }
}

async function insertProduct(
  db: Awaited<ReturnType<typeof sql>>,
  merchantId: string,
  p: { priceMinor: number; stock: number; currency: string; title: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO products (merchant_id, title, category, price_minor, currency, stock)
     VALUES ($1, $2, 'cheese', $3, $4, $5) RETURNING id`,
    [merchantId, p.title, p.priceMinor, p.currency, p.stock],
  );
  return rows[0].id;
}

/** truster → trustee at `level`, as trustUser would make it. */
export async function insertTrust(
  databaseUrl: string,
  truster: Member,
  trustee: Member,
  level = 5,
): Promise<void> {
  await queryRows(
    databaseUrl,
    `INSERT INTO trust_edges (truster_id, trustee_id, level) VALUES ($1, $2, $3)`,
    [truster.id, trustee.id, level],
  );
}

/** Sets one of a user's privacy audiences, as updatePrivacySettings would. */
export async function setAudience(
  databaseUrl: string,
  user: Member,
  column: 'pool_participation_audience' | 'order_history_audience',
  audience: 'PUBLIC' | 'TRUST_NETWORK' | 'PRIVATE',
): Promise<void> {
  await queryRows(databaseUrl, `UPDATE users SET ${column} = $2 WHERE id = $1`, [user.id, audience]);
}

/** Three tiers below a list price of 10.00 EUR: 8.00 from 5 units, 7.00 from 10, 6.00 from 20. */
export const STANDARD_TIERS = [
  { minQuantity: 5, unitPrice: { amount: '8.00', currencyCode: 'EUR' } },
  { minQuantity: 10, unitPrice: { amount: '7.00', currencyCode: 'EUR' } },
  { minQuantity: 20, unitPrice: { amount: '6.00', currencyCode: 'EUR' } },
];

export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export const key = () => randomBytes(8).toString('hex');

export const POOL_FIELDS = /* GraphQL */ `
  id status capacity deadline committedQuantity participantCount tippingPoint remainingQuantity
  currentUnitPrice { amount currencyCode } nextTier { minQuantity unitPrice { amount } } unitsToNextTier
  viewerMembership { quantity }
`;

export const CREATE_POOL = /* GraphQL */ `
  mutation ($input: CreatePoolInput!) {
    createPool(input: $input) { pool { ${POOL_FIELDS} } userErrors { field message code } }
  }
`;

export const JOIN_POOL = /* GraphQL */ `
  mutation ($input: JoinPoolInput!) {
    joinPool(input: $input) {
      pool {
        id
        status
        committedQuantity
        participantCount
        currentUnitPrice {
          amount
        }
      }
      membership {
        quantity
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const LEAVE_POOL = /* GraphQL */ `
  mutation ($input: LeavePoolInput!) {
    leavePool(input: $input) {
      pool {
        id
        status
        committedQuantity
        participantCount
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const POOL = /* GraphQL */ `query ($id: ID!) { pool(id: $id) { ${POOL_FIELDS} } }`;
