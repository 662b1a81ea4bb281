import { type ScanContext, writesInSql, writesInTypeScript } from './table-writes';

const context: ScanContext = {
  tableOfEntity: new Map([
    ['Order', 'orders'],
    ['User', 'users'],
    ['Product', 'products'],
    ['Review', 'reviews'],
  ]),
  tables: new Set(['orders', 'users', 'products', 'reviews', 'pool_join_keys', 'rate_limits']),
  functions: new Map([['pool_join', 'pool_join_keys']]),
};

/** One write in each style the code uses, and some text that only looks like one. */
const SOURCE = `
const TABLE = 'rate_limits';
// UPDATE products SET stock = 0 (a comment, not a write)
async function writes(db, tx, manager) {
  await db.query('INSERT INTO orders (buyer_id) VALUES ($1)', [id]);
  await db.query(\`UPDATE products p SET stock = stock - $2 WHERE id = $1\`, [id, n]);
  await db.query(\`WITH gone AS (DELETE FROM "reviews" WHERE id = $1 RETURNING 1) SELECT 1\`);
  await db.query(\`DELETE FROM \${TABLE} WHERE expire < $1\`);
  await db.query(\`INSERT INTO users (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET handle = excluded.handle\`);
  await db.query('SELECT id FROM products WHERE id = $1 FOR UPDATE', [id]);
  await db.query('SELECT * FROM pool_join($1, $2)', [a, b]);
  await db.query(\`UPDATE \${somewhere()} SET x = 1\`);
  await db.repo(Order).save(order);
  await tx.getRepository(User).increment({ id }, 'sessionVersion', 1);
  const repo = tx.getRepository(Review);
  await repo.remove(review);
  await manager.insert(Product, { title });
  await db.dataSource.createQueryBuilder().insert().into(User).values({}).execute();
  await db.dataSource.createQueryBuilder().update(Order).set({ status }).execute();
  await db.dataSource.createQueryBuilder().delete().from(Review).execute();
  await db.repo(Product).createQueryBuilder().update().set({ stock: 0 }).execute();
  await db.repo(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  await db.repo(Product).createQueryBuilder('p').setLock('pessimistic_write').getOne();
}
async function reads(db) {
  const repo = db.repo(Order);
  await repo.findOneBy({ id });
  await db.query('SELECT * FROM orders o JOIN users u ON u.id = o.buyer_id');
  const message = 'Delete from your list whatever you like; update products later.';
  await db.repo(User).findOneBy({ id });
}
`;

describe('finding table writes in source text', () => {
  it('finds a write in every style, on the right line, and none in reads, comments or prose', () => {
    const found = writesInTypeScript(SOURCE, context).map((w) => `${w.line} ${w.how} ${w.table}`);
    expect(found.sort()).toEqual(
      [
        '5 INSERT orders',
        '6 UPDATE products',
        '7 DELETE reviews',
        '8 DELETE rate_limits',
        '9 INSERT users',
        '10 SELECT … FOR UPDATE products',
        '11 pool_join() pool_join_keys',
        '12 UPDATE ?',
        '13 repository.save orders',
        '14 repository.increment users',
        '16 repository.remove reviews',
        '17 manager.insert products',
        '18 insert().into() users',
        '19 query builder update() orders',
        '20 delete().from() reviews',
        '21 query builder update products',
        '22 pessimistic lock users',
        '23 pessimistic lock products',
      ].sort(),
    );
  });

  it('reads .sql files too, and a function defined there is not a call of it', () => {
    const sql = `CREATE OR REPLACE FUNCTION pool_join(p uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- INSERT INTO users is only a comment
        INSERT INTO pool_join_keys (user_id) VALUES (p) ON CONFLICT DO NOTHING;
        UPDATE orders SET status = 'CANCELLED' WHERE id = p;
      END $$;`;
    expect(writesInSql(sql, context).map((w) => `${w.line} ${w.how} ${w.table}`)).toEqual([
      '4 INSERT pool_join_keys',
      '5 UPDATE orders',
    ]);
  });
});
