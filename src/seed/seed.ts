import type { Container } from '../core/container';
import { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { seedUsers } from './users.seed';
import { seedCatalog } from './catalog.seed';
import { seedPrivacy } from '../privacy/privacy.seed';
import { seedPools } from './pools.seed';
import { seedAuctions } from './auctions.seed';
import { seedOrders } from './orders.seed';
import { seedTrust } from './trust.seed';
import { seedOffers } from '../offers/offers.seed';

/**
 * Fills an empty database with a small, believable village, so that a newcomer can explore at once. Each slice's
 * seed takes what the ones before it made. Does nothing when any user exists.
 *
 * The village is whole or absent: it is loaded in one transaction (instances starting together take turns on an
 * advisory lock), and an aborted `signal` stops it at its next statement and rolls all of it back, so that the
 * next start loads it again. Events go out once it has committed.
 */
export async function seedIfEmpty(
  container: Container,
  logger: Logger,
  signal?: AbortSignal,
): Promise<boolean> {
  const db = container.get(Database);
  const loaded = await db.transaction(
    async () => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['dorfmarkt:demo-village']);
      const [{ count }] = await db.query<{ count: string }>('SELECT count(*) FROM users');
      if (Number(count) > 0) return false;
      logger.info('loading the demo village');
      const village = await seedUsers(container);
      await seedPrivacy(container, village);
      await seedCatalog(container, village);
      await seedPools(container, village);
      await seedAuctions(container, village);
      await seedOrders(container, village);
      await seedTrust(container, village);
      await seedOffers(container, village);
      return Object.keys(village.users).length;
    },
    { signal },
  );
  if (loaded === false) return false;
  logger.info({ users: loaded }, 'demo village loaded');
  return true;
}
