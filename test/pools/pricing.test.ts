import { nextTierAfter, tierProblems, unitPriceAt } from '../../src/pools/pricing';

const tiers = [
  { minQuantity: 5, unitPriceMinor: 800 },
  { minQuantity: 10, unitPriceMinor: 700 },
  { minQuantity: 20, unitPriceMinor: 600 },
];

describe('pool pricing', () => {
  it('charges the list price below the tipping point and the lowest tier price reached above it', () => {
    expect([0, 4, 5, 9, 10, 19, 20, 50].map((n) => unitPriceAt(1000, tiers, n))).toEqual([
      1000, 1000, 800, 800, 700, 700, 600, 600,
    ]);
  });

  it('names the next tier until the last one is reached', () => {
    expect([0, 5, 12, 20].map((n) => nextTierAfter(tiers, n)?.minQuantity ?? null)).toEqual([
      5,
      10,
      20,
      null,
    ]);
  });

  it('accepts falling prices below the list price at rising quantities within the capacity', () => {
    expect(tierProblems(tiers, 1000, 20)).toEqual([]);
  });

  it('refuses prices that do not fall, quantities that do not rise, and tiers beyond the capacity', () => {
    const bad = [
      { minQuantity: 0, unitPriceMinor: 1000 },
      { minQuantity: 10, unitPriceMinor: 1000 },
      { minQuantity: 8, unitPriceMinor: 900 },
      { minQuantity: 30, unitPriceMinor: 500 },
    ];
    expect(tierProblems(bad, 1000, 25).map((p) => [p.field.join('.'), p.code])).toEqual([
      ['tiers.0.minQuantity', 'OUT_OF_RANGE'],
      ['tiers.0.unitPrice', 'OUT_OF_RANGE'],
      ['tiers.1.unitPrice', 'OUT_OF_RANGE'],
      ['tiers.2.minQuantity', 'INVALID'],
      ['tiers.3.minQuantity', 'OUT_OF_RANGE'],
    ]);
    expect(tierProblems([{ minQuantity: 10, unitPriceMinor: 900 }], 1000, 9)).toEqual([
      {
        field: ['capacity'],
        code: 'OUT_OF_RANGE',
        message: 'The capacity must be at least the tipping point, 10.',
      },
    ]);
    expect(tierProblems([], 1000, 9)[0].code).toBe('TOO_SHORT');
  });
});
