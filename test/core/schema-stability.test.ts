import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDeprecationsWithoutReplacement, findUnannouncedBreaks } from '../../scripts/schema-stability';

const root = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

const released = `
  type Query { product(id: ID!): Product }
  type Product { id: ID! name: String! price: Int! }
`;
const withoutPrice = `
  type Query { product(id: ID!): Product }
  type Product { id: ID! name: String! unitPrice: Int! }
`;
const changelog = (breaking: string): string =>
  `# Changelog\n\n## Unreleased\n\n### Breaking\n\n${breaking}\n\n## 0.1.0\n`;

describe('the schema against its last release', () => {
  it('keeps every promise of the committed release and changelog', async () => {
    const current = read('schema/schema.graphql');
    expect(
      await findUnannouncedBreaks(read('schema/released.graphql'), current, read('CHANGELOG.md')),
    ).toEqual([]);
    expect(findDeprecationsWithoutReplacement(current)).toEqual([]);
  });

  it('fails on a removed field that the changelog does not announce', async () => {
    const problems = await findUnannouncedBreaks(released, withoutPrice, changelog('None.'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('Product.price');
  });

  it('passes it once the changelog names it with its replacement', async () => {
    const announced = changelog('- `Product.price` is removed: use `Product.unitPrice`.');
    expect(await findUnannouncedBreaks(released, withoutPrice, announced)).toEqual([]);
  });

  it('does not count an announcement without a replacement, or one in a released section', async () => {
    expect(
      await findUnannouncedBreaks(released, withoutPrice, changelog('- `Product.price` is removed.')),
    ).toHaveLength(1);
    const old =
      '# Changelog\n\n## Unreleased\n\n## 0.1.0\n\n### Breaking\n\n- `Product.price`: use `Product.unitPrice`.\n';
    expect(await findUnannouncedBreaks(released, withoutPrice, old)).toHaveLength(1);
  });

  it('fails on a new required argument, and lets an added field through', async () => {
    const required = released.replace('product(id: ID!)', 'product(id: ID!, region: String!)');
    expect(await findUnannouncedBreaks(released, required, changelog('None.'))).toHaveLength(1);
    const added = released.replace('price: Int!', 'price: Int! stock: Int');
    expect(await findUnannouncedBreaks(released, added, changelog('None.'))).toEqual([]);
  });

  it('wants every deprecation to name its replacement', () => {
    const bare = released.replace('price: Int!', 'price: Int! @deprecated(reason: "Going away.")');
    expect(findDeprecationsWithoutReplacement(bare)).toEqual([
      'Product.price is deprecated without naming its replacement in backticks',
    ]);
    const named = released.replace(
      'price: Int!',
      'price: Int! @deprecated(reason: "Use `Product.unitPrice`.")',
    );
    expect(findDeprecationsWithoutReplacement(named)).toEqual([]);
  });
});
