import { createContext } from '../core/context';
import type { Container } from '../core/container';
import { Database } from '../core/db/database';
import type { Village } from '../seed/users.seed';
import { OfferPermissionService } from './offer-permission.service';
import { OfferService } from './offer.service';

/**
 * A few villagers who asked for offers, and the offers that reached them: Eva allows cheese offers, Greta offers
 * from the cheese dairy, Ines honey offers and offers from the beekeeper, Clara offers from the bakery. The dairy
 * offers its Bergkäse (Eva and Greta get it), the beekeeper its honey (Ines). Nobody else hears of them.
 */
export async function seedOffers(container: Container, { users }: Village): Promise<void> {
  const db = container.get(Database);
  const permissions = container.get(OfferPermissionService);
  const offers = container.get(OfferService);
  const as = (handle: string) => createContext(container, { id: users[handle].id }, 'seed', 'seed');
  const shops = await db.query<{ id: string; name: string }>('SELECT id, name FROM merchants');
  const shop = (name: string) => shops.find((s) => s.name === name)?.id;
  const [dairy, bakery, beekeeper] = [
    shop('Käserei Maier'),
    shop('Huber’s Backstube'),
    shop('Imkerei Weber'),
  ];
  if (!dairy || !bakery || !beekeeper) return;

  await permissions.grant(as('eva'), users.eva.id, { category: 'Cheese' });
  await permissions.grant(as('greta'), users.greta.id, { merchantId: dairy });
  await permissions.grant(as('ines'), users.ines.id, { category: 'Honey' });
  await permissions.grant(as('ines'), users.ines.id, { merchantId: beekeeper });
  await permissions.grant(as('clara'), users.clara.id, { merchantId: bakery });

  const product = async (merchantId: string, category: string) =>
    (
      await db.query<{ id: string }>(
        'SELECT id FROM products WHERE merchant_id = $1 AND category = $2 ORDER BY created_at, id LIMIT 1',
        [merchantId, category],
      )
    )[0]?.id;
  await offers.send(as('bernd'), users.bernd.id, {
    merchantId: dairy,
    productId: await product(dairy, 'Cheese'),
    title: 'Bergkäse, 12 months: 10 % off this week',
    body: 'Whole wheels and pieces, to collect at the dairy until Saturday.',
    validUntil: new Date(Date.now() + 6 * 24 * 3600 * 1000),
  });
  await offers.send(as('hans'), users.hans.id, {
    merchantId: beekeeper,
    productId: await product(beekeeper, 'Honey'),
    title: 'This year’s forest honey is in',
    body: 'Dark and strong, from the hives by the lake. 500 g jars.',
  });
}
