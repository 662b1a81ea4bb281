import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { paginateSql } from '../core/relay/keyset';
import { OfferView } from './offer.types';
import { RECEIVED_COLUMNS } from './offers.loaders';

/** The offers a person received, newest first; they stay after the permission they came through is withdrawn. */
@Injectable()
export class OffersReceivedService {
  constructor(private readonly db: Database) {}

  async list(_ctx: Context, userId: string, page: PageArgs): Promise<ConnectionResult<OfferView>> {
    const result = await paginateSql<OfferView>(
      page,
      { columns: ['d.created_at', 'd.id'], key: (o) => [o.createdAt, o.id], direction: 'DESC' },
      2,
      async (keyset) =>
        (
          await this.db.query<OfferView>(
            `SELECT ${RECEIVED_COLUMNS} FROM offer_deliveries d JOIN offers o ON o.id = d.offer_id
              WHERE d.recipient_id = $1 AND ${keyset.where} ORDER BY ${keyset.orderBy} LIMIT ${keyset.limit}`,
            [userId, ...keyset.params],
          )
        ).map((row) => OfferView.of(row)),
    );
    return {
      ...result,
      totalCount: async () => {
        const [{ count }] = await this.db.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM offer_deliveries WHERE recipient_id = $1',
          [userId],
        );
        return count;
      },
    };
  }
}
