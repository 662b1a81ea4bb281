import { createContext } from '../core/context';
import type { Container } from '../core/container';
import { TrustService } from '../trust/trust.service';
import type { Village } from './users.seed';

/** Who trusts whom in the demo village, and how much (1..5). Most trust is returned, as among neighbours. */
const TRUST: Array<[string, string, number]> = [
  ['anna', 'bernd', 5],
  ['anna', 'clara', 4],
  ['anna', 'dieter', 3],
  ['bernd', 'anna', 4],
  ['bernd', 'clara', 5],
  ['bernd', 'hans', 3],
  ['bernd', 'eva', 2],
  ['clara', 'anna', 5],
  ['clara', 'bernd', 4],
  ['clara', 'eva', 4],
  ['clara', 'franz', 3],
  ['dieter', 'anna', 3],
  ['dieter', 'franz', 4],
  ['dieter', 'greta', 2],
  ['eva', 'clara', 4],
  ['eva', 'ines', 4],
  ['franz', 'dieter', 4],
  ['franz', 'greta', 3],
  ['franz', 'jakob', 2],
  ['greta', 'anna', 4],
  ['hans', 'jakob', 5],
  ['hans', 'ines', 3],
  ['ines', 'eva', 3],
  ['ines', 'hans', 4],
  ['jakob', 'hans', 5],
];

/** Jakob, who trusts few, has blocked Franz, which removed Franz's trust in him. */
const BLOCKS: Array<[string, string]> = [['jakob', 'franz']];

/**
 * The village's trust network: Anna, signed in, sees propagated trust in most of the village and is
 * recommended Eva, Franz, Hans and Greta, through Bernd, Clara and Dieter.
 */
export async function seedTrust(container: Container, { users }: Village): Promise<void> {
  const trust = container.get(TrustService);
  const as = (handle: string) => createContext(container, { id: users[handle].id }, 'seed', 'seed');
  for (const [from, to, level] of TRUST) await trust.trust(as(from), users[from].id, users[to].id, level);
  for (const [from, to] of BLOCKS) await trust.block(as(from), users[from].id, users[to].id);
}
