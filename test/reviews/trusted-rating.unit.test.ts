import {
  baselineRating,
  fitBiases,
  itemBias,
  trustedRating,
  userBias,
} from '../../src/reviews/trusted-rating';
import { pageByTrust } from '../../src/reviews/trust-order';
import { prefixQuery } from '../../src/catalog/product-search';

describe('trustedRating (pure)', () => {
  const base = { globalMean: 3.5, itemBias: 0.2, viewerBias: -0.3 };

  it('is null without trusted reviewers, or with only zero trust', () => {
    expect(trustedRating({ ...base, trusted: [] })).toBeNull();
    expect(trustedRating({ ...base, trusted: [{ rating: 5, raterBias: 0, trust: 0 }] })).toBeNull();
  });

  it('with full trust, adds the reviewers’ deviations from their own baseline shrunk by sum / (2 + n)', () => {
    const trusted = [
      { rating: 5, raterBias: 0.5, trust: 1 },
      { rating: 2, raterBias: -1, trust: 1 },
    ];
    // deviations: 5 − (3.7 + 0.5) = 0.8 and 2 − (3.7 − 1) = −0.7; (0.8 − 0.7) / (2 + 2) = 0.025
    expect(trustedRating({ ...base, trusted })).toEqual({
      value: expect.closeTo(3.5 + 0.2 - 0.3 + 0.025, 12),
      basedOn: 2,
      confidence: 0.5,
    });
  });

  it('weights each deviation by trust, so a closer reviewer moves the estimate more', () => {
    const strong = trustedRating({ ...base, trusted: [{ rating: 5, raterBias: 0, trust: 1 }] })!;
    const weak = trustedRating({ ...base, trusted: [{ rating: 5, raterBias: 0, trust: 0.2 }] })!;
    expect(strong.value).toBeCloseTo(3.4 + 1.3 / 3, 12);
    expect(weak.value).toBeCloseTo(3.4 + (0.2 * 1.3) / 2.2, 12);
    expect(weak.confidence).toBeCloseTo(0.2 / 2.2, 12);
  });

  it('keeps the estimate on the 1–5 scale', () => {
    const high = trustedRating({
      globalMean: 4.9,
      itemBias: 0.5,
      viewerBias: 0.5,
      trusted: [{ rating: 5, raterBias: -2, trust: 1 }],
    })!;
    expect(high.value).toBe(5);
    expect(baselineRating(1.2, -0.5, -0.5)).toBe(1);
  });

  it('fits biases exactly as b_i = Σ(r − mu)/(5 + n_i) and b_u = Σ(r − mu − b_i)/(5 + n_u)', () => {
    const fitted = fitBiases([
      { user: 'a', item: 'x', rating: 5 },
      { user: 'b', item: 'x', rating: 3 },
      { user: 'a', item: 'y', rating: 4 },
      { user: 'b', item: 'y', rating: 1 },
    ]);
    expect(fitted.globalMean).toBe(3.25);
    expect(fitted.itemBias.get('x')).toBeCloseTo(itemBias(3.25, 2, 8), 12);
    expect(fitted.itemBias.get('x')).toBeCloseTo((8 - 6.5) / 7, 12);
    const bx = (8 - 6.5) / 7;
    const by = (5 - 6.5) / 7;
    expect(fitted.userBias.get('a')).toBeCloseTo(userBias(2, 5 - 3.25 - bx + (4 - 3.25 - by)), 12);
  });
});

describe('pageByTrust (pure)', () => {
  const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
  const items = [
    { id: 'a', trust: null, helpfulCount: 5, createdAt: at(1) },
    { id: 'b', trust: 0.4, helpfulCount: 0, createdAt: at(2) },
    { id: 'c', trust: 1, helpfulCount: 0, createdAt: at(3) },
    { id: 'd', trust: null, helpfulCount: 5, createdAt: at(4) },
    { id: 'e', trust: null, helpfulCount: 0, createdAt: at(5) },
  ];

  it('orders by trust, then helpful votes, then newest, and pages forwards and backwards', () => {
    const first = pageByTrust(items, { first: 2 });
    expect(first.edges.map((e) => e.node.id)).toEqual(['c', 'b']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = pageByTrust(items, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.id)).toEqual(['d', 'a']);
    const third = pageByTrust(items, { first: 2, after: second.pageInfo.endCursor });
    expect(third.edges.map((e) => e.node.id)).toEqual(['e']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = pageByTrust(items, { last: 2, before: third.pageInfo.startCursor });
    expect(back.edges.map((e) => e.node.id)).toEqual(['d', 'a']);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
});

describe('prefixQuery (pure)', () => {
  it('keeps only words, each as a prefix, all required', () => {
    expect(prefixQuery('Bergkäse  mild!')).toBe('bergkäse:* & mild:*');
    expect(prefixQuery("a & b | !c ('d')")).toBe('a:* & b:* & c:* & d:*');
    expect(prefixQuery('&|!:*')).toBeNull();
  });
});
