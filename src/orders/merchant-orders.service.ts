import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { emptyConnection, type PageArgs, toConnection } from '../core/relay/connection';
import { type KeysetOrder, paginateSql } from '../core/relay/keyset';
import { Order, OrderStatus } from './order.entity';
import { OrderAccessPolicy } from './order-access.policy';
import { OrderConnection } from './order.inputs';

const NEWEST: KeysetOrder<Order> = {
  columns: ['o.created_at', 'o.id'],
  key: (order) => [order.createdAt, order.id],
  direction: 'DESC',
};

const ALL_STATUSES = Object.values(OrderStatus);

/**
 * A shop's orders for its staff, newest first, optionally of some statuses only. The statuses go into the SQL as
 * literals (they are the enum's own values), so that a list of open orders uses the partial index of open orders.
 */
@Injectable()
export class MerchantOrdersService {
  private readonly rows = new EntityRows(this.db.dataSource, Order);

  constructor(
    private readonly db: Database,
    private readonly access: OrderAccessPolicy,
  ) {}

  async ordersOf(
    ctx: Context,
    merchantId: string,
    args: PageArgs,
    statuses: readonly OrderStatus[] | null | undefined,
  ): Promise<object> {
    if (!(await this.access.isStaff(ctx, { merchantId }))) return emptyConnection(OrderConnection);
    const wanted = statuses?.length ? ALL_STATUSES.filter((s) => statuses.includes(s)) : ALL_STATUSES;
    const filter =
      wanted.length === ALL_STATUSES.length
        ? ''
        : `AND o.status IN (${wanted.map((s) => `'${s}'`).join(', ')})`;
    const page = await paginateSql(args, NEWEST, 2, async (keyset) =>
      (
        await this.db.query(
          `SELECT ${this.rows.select('o')} FROM orders o
            WHERE o.merchant_id = $1 ${filter} AND ${keyset.where}
            ORDER BY ${keyset.orderBy} LIMIT ${keyset.limit}`,
          [merchantId, ...keyset.params],
        )
      ).map((row) => this.rows.from(row)),
    );
    return toConnection(OrderConnection, {
      ...page,
      totalCount: async () => {
        const [row] = await this.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM orders o WHERE o.merchant_id = $1 ${filter}`,
          [merchantId],
        );
        return row.n;
      },
    });
  }
}
