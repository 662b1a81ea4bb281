import { createContext } from '../core/context';
import type { Container } from '../core/container';
import { AllianceService } from '../catalog/alliance.service';
import { MerchantService } from '../catalog/merchant.service';
import type { Merchant } from '../catalog/merchant.entity';
import type { Product } from '../catalog/product.entity';
import { ProductService } from '../catalog/product.service';
import { QuestionService } from '../reviews/question.service';
import { ReviewService } from '../reviews/review.service';
import type { Village } from './users.seed';

export interface Catalog {
  merchants: Record<string, Merchant>;
  products: Record<string, Product>;
}

type ProductSeed = [
  key: string,
  shop: string,
  title: string,
  category: string,
  tags: string[],
  price: string,
  stock: number,
  description: string,
];

const SHOPS = [
  [
    'kaeserei',
    'bernd',
    'Käserei Maier',
    'Allgäu',
    'Hay-milk cheese from the family dairy, aged in our own cellar.',
  ],
  ['baeckerei', 'anna', 'Huber’s Backstube', 'Allgäu', 'Sourdough breads baked on Saturdays.'],
  [
    'metzgerei',
    'dieter',
    'Metzgerei Wagner',
    'Oberland',
    'The village butcher: own sausages, meat from farms nearby.',
  ],
  ['imkerei', 'hans', 'Imkerei Weber', 'Chiemgau', 'Honey from 40 hives around the lake.'],
] as const;

const PRODUCTS: ProductSeed[] = [
  [
    'bergkaese',
    'kaeserei',
    'Allgäuer Bergkäse, 12 months',
    'Cheese',
    ['vegetarian', 'contains-milk', 'gluten-free'],
    '3.90',
    200,
    'Raw hay milk, aged twelve months; per 100 g.',
  ],
  [
    'weisslacker',
    'kaeserei',
    'Weißlacker',
    'Cheese',
    ['contains-milk', 'gluten-free'],
    '2.80',
    40,
    'Strong and salty, the Allgäu way; per 100 g.',
  ],
  [
    'butter',
    'kaeserei',
    'Fresh farm butter',
    'Dairy',
    ['vegetarian', 'contains-milk'],
    '3.20',
    30,
    '250 g, churned twice a week.',
  ],
  [
    'walnussbrot',
    'baeckerei',
    'Walnut sourdough bread',
    'Bread',
    ['vegan', 'contains-nuts', 'contains-gluten'],
    '5.50',
    12,
    '1 kg loaf with Swabian walnuts.',
  ],
  [
    'dinkel',
    'baeckerei',
    'Spelt rolls (6)',
    'Bread',
    ['vegan', 'contains-gluten'],
    '3.60',
    30,
    'Six rolls of whole spelt.',
  ],
  [
    'weisswurst',
    'metzgerei',
    'Weißwürste (4)',
    'Sausages',
    ['contains-meat', 'gluten-free'],
    '6.40',
    25,
    'Made every morning; eat before noon.',
  ],
  [
    'leberkaese',
    'metzgerei',
    'Leberkäse to bake',
    'Meat',
    ['contains-meat'],
    '9.90',
    10,
    '1 kg tin, ready for the oven.',
  ],
  [
    'waldhonig',
    'imkerei',
    'Forest honey',
    'Honey',
    ['vegetarian', 'gluten-free'],
    '8.50',
    50,
    'Dark and strong, 500 g jar.',
  ],
  [
    'bluetenhonig',
    'imkerei',
    'Blossom honey',
    'Honey',
    ['vegetarian', 'gluten-free'],
    '7.50',
    50,
    'Mild and creamy, 500 g jar.',
  ],
];

/** [product, author, rating, title, body] */
const REVIEWS: Array<[string, string, number, string, string]> = [
  ['bergkaese', 'anna', 5, 'The best in the valley', 'Nutty and deep; worth every cent.'],
  ['bergkaese', 'clara', 4, 'Very good', 'A bit salty for the children.'],
  ['bergkaese', 'eva', 5, 'Vegetarian rennet, finally', 'And it tastes like it used to.'],
  ['bergkaese', 'jakob', 3, 'Good, pricey', 'Fine cheese, but the supermarket one is half the price.'],
  ['weisslacker', 'franz', 2, 'Too strong for me', 'My guests loved it, I did not.'],
  ['weisslacker', 'dieter', 5, 'A classic', 'With a beer, nothing better.'],
  ['butter', 'greta', 4, 'Real butter', 'Tastes of the meadow.'],
  ['walnussbrot', 'bernd', 5, 'Perfect with cheese', 'Crust as it should be.'],
  ['walnussbrot', 'ines', 4, 'Big loaf', 'Lasts us four days.'],
  ['dinkel', 'clara', 3, 'A bit dry', 'Better on the day they are baked.'],
  ['weisswurst', 'franz', 5, 'Like at the Oktoberfest', 'We ordered 40 for the club.'],
  ['weisswurst', 'hans', 4, 'Good Weißwurst', 'Sweet mustard not included, sadly.'],
  ['leberkaese', 'ines', 5, 'Feeds six', 'Crispy crust after an hour in the oven.'],
  ['waldhonig', 'anna', 5, 'Dark and strong', 'Great in tea.'],
  ['waldhonig', 'jakob', 5, 'Honest honey', 'Hans shows you the hives if you ask.'],
  ['bluetenhonig', 'eva', 4, 'Mild', 'The children prefer it to the forest honey.'],
];

/** [product, asker, question, [answerer, answer][]] */
const QUESTIONS: Array<[string, string, string, Array<[string, string]>]> = [
  ['bergkaese', 'eva', 'Is the rennet animal or microbial?', [['bernd', 'Microbial, so it is vegetarian.']]],
  [
    'walnussbrot',
    'eva',
    'Is it baked in the same oven as breads with sesame?',
    [
      ['anna', 'Yes, traces of sesame are possible.'],
      ['clara', 'I asked too: she cleans the trays between batches.'],
    ],
  ],
  [
    'weisswurst',
    'greta',
    'Can I freeze them?',
    [['franz', 'We did; they were fine after a gentle warm-up.']],
  ],
  ['waldhonig', 'ines', 'Is it heated for bottling?', []],
];

/** Shops, products, reviews and questions of the demo village, made through the services like any user would. */
export async function seedCatalog(container: Container, village: Village): Promise<Catalog> {
  const as = (handle: string) => {
    const user = village.users[handle];
    return { ctx: createContext(container, { id: user.id }, 'seed', 'seed'), id: user.id };
  };
  const merchants: Record<string, Merchant> = {};
  for (const [key, owner, name, region, description] of SHOPS) {
    const { ctx, id } = as(owner);
    merchants[key] = await container.get(MerchantService).create(ctx, id, { name, description, region });
  }
  const bernd = as('bernd');
  const alliance = await container.get(AllianceService).found(bernd.ctx, bernd.id, merchants.kaeserei.id, {
    name: 'Allgäuer Hofläden',
    description: 'Farm shops of the Allgäu: one market stall on Saturdays, shared deliveries.',
  });
  const anna = as('anna');
  await container.get(AllianceService).join(anna.ctx, anna.id, alliance.id, merchants.baeckerei.id);

  const products: Record<string, Product> = {};
  for (const [key, shop, title, category, tags, amount, stock, description] of PRODUCTS) {
    const owner = SHOPS.find((s) => s[0] === shop)![1];
    const { ctx, id } = as(owner);
    products[key] = await container.get(ProductService).create(ctx, id, merchants[shop].id, {
      title,
      category,
      tags,
      description,
      stock,
      price: { amount, currencyCode: 'EUR' },
    });
  }
  for (const [product, author, rating, title, body] of REVIEWS) {
    const { ctx, id } = as(author);
    await container.get(ReviewService).write(ctx, id, products[product].id, { rating, title, body });
  }
  for (const [product, asker, body, answers] of QUESTIONS) {
    const { ctx, id } = as(asker);
    const question = await container.get(QuestionService).ask(ctx, id, products[product].id, body);
    for (const [answerer, text] of answers) {
      const by = as(answerer);
      await container.get(QuestionService).answer(by.ctx, by.id, question.id, text);
    }
  }
  return { merchants, products };
}
