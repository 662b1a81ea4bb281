import type { Container } from '../core/container';
import { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { seedUsers } from './users.seed';
import { seedCatalog } from './catalog.seed';
import { seedPrivacy } from '../privacy/privacy.seed';
import { seedPools } from './pools.seed';
import { seedTrust } from './trust.seed';

/**
 * Fills an empty database with a small, believable village, so that a newcomer can explore at once. Each slice's
 * seed takes what the ones before it made. Does nothing when any user exists.
 */
export async function seedIfEmpty(container: Container, logger: Logger): Promise<boolean> {
  const db = container.get(Database);
  const [{ count }] = await db.query<{ count: string }>('SELECT count(*) FROM users');
  if (Number(count) > 0) return false;
  const village = await seedUsers(container);
  await seedPrivacy(container, village);
  await seedCatalog(container, village);
  await seedPools(container, village);
  await seedTrust(container, village);
  logger.info({ users: Object.keys(village.users).length }, 'demo data loaded');
  return true;
}
