import { rankProducts, type CandidateProduct, type Signal } from '../../src/recommendations/recommend';

const product = (id: string, tags: string[] = [], category = 'food'): CandidateProduct => ({
  id,
  tags,
  category,
});

describe('rankProducts', () => {
  it('explains each product with the reasons behind it, strongest first', () => {
    const signals: Signal[] = [
      { kind: 'trustedReview', productId: 'cheese', person: 'Anna', trust: 1, direct: true, rating: 5 },
      { kind: 'trustedReview', productId: 'cheese', person: 'Clara', trust: 0.6, direct: false, rating: 4 },
      { kind: 'localMerchant', productId: 'cheese', merchant: 'Hofladen Huber', region: 'Allgäu' },
      { kind: 'friendInPool', productId: 'honey', person: 'Ben', trust: 0.8, direct: true },
    ];
    expect(
      rankProducts({
        products: [product('cheese'), product('honey')],
        signals,
        avoidTags: [],
        interests: [],
        limit: 10,
      }),
    ).toEqual([
      {
        productId: 'cheese',
        score: 3.1,
        usual: false,
        reasons: [
          'Anna, whom you trust, rated it 5',
          'Clara, trusted by people you trust, rated it 4',
          'From Hofladen Huber, a merchant in Allgäu, where you live',
        ],
      },
      {
        productId: 'honey',
        score: 1.2,
        usual: false,
        reasons: ['Ben, whom you trust, joined a group buy for it'],
      },
    ]);
  });

  it('marks what the viewer buys again and again as the usual, with a reorder hint', () => {
    const ranked = rankProducts({
      products: [product('bread'), product('jam')],
      signals: [
        { kind: 'purchase', productId: 'bread', times: 4 },
        { kind: 'purchase', productId: 'jam', times: 1 },
      ],
      avoidTags: [],
      interests: [],
      limit: 10,
    });
    expect(ranked).toEqual([
      {
        productId: 'bread',
        score: 1.9,
        usual: true,
        reasons: ['You have bought it 4 times: the usual. Order it again?'],
      },
      { productId: 'jam', score: 0.75, usual: false, reasons: ['You bought it before'] },
    ]);
  });

  it('never shows a product with an avoided tag, whatever speaks for it, in any letter case', () => {
    const ranked = rankProducts({
      products: [product('praline', ['Nuts', 'sweet']), product('apple', ['fruit'])],
      signals: [
        { kind: 'trustedReview', productId: 'praline', person: 'Anna', trust: 1, direct: true, rating: 5 },
        { kind: 'purchase', productId: 'praline', times: 9 },
        { kind: 'localMerchant', productId: 'apple', merchant: 'Obsthof', region: 'Allgäu' },
      ],
      avoidTags: ['nuts'],
      interests: [],
      limit: 10,
    });
    expect(ranked.map((r) => r.productId)).toEqual(['apple']);
  });

  it('lets poor ratings by trusted people count against a product, without a reason for it', () => {
    const ranked = rankProducts({
      products: [product('wine')],
      signals: [
        { kind: 'trustedReview', productId: 'wine', person: 'Anna', trust: 1, direct: true, rating: 1 },
        { kind: 'localMerchant', productId: 'wine', merchant: 'Weingut', region: 'Allgäu' },
      ],
      avoidTags: [],
      interests: [],
      limit: 10,
    });
    expect(ranked).toEqual([]);
  });

  it('adds the viewer’s interests as a reason and a boost, and keeps to the limit', () => {
    const ranked = rankProducts({
      products: [product('a', ['honey']), product('b', [], 'Cheese'), product('c')],
      signals: ['a', 'b', 'c'].map((id) => ({
        kind: 'localMerchant',
        productId: id,
        merchant: 'M',
        region: 'R',
      })),
      avoidTags: [],
      interests: ['cheese'],
      limit: 2,
    });
    expect(ranked).toEqual([
      {
        productId: 'b',
        score: 1,
        usual: false,
        reasons: ['From M, a merchant in R, where you live', 'Matches your interest in cheese'],
      },
      { productId: 'a', score: 0.5, usual: false, reasons: ['From M, a merchant in R, where you live'] },
    ]);
  });

  it('recommends nothing without signals', () => {
    expect(
      rankProducts({ products: [product('x')], signals: [], avoidTags: [], interests: [], limit: 5 }),
    ).toEqual([]);
  });
});
