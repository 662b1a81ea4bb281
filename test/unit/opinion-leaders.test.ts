import { type LeaderSignals, leaderReason, rankLeaders } from '../../src/offers/opinion-leaders';

const person = (userId: string, over: Partial<LeaderSignals> = {}): LeaderSignals => ({
  userId,
  name: userId,
  reviewCount: 1,
  helpfulVotes: 0,
  trusterCount: 0,
  trust: null,
  direct: false,
  reachedTrusters: 0,
  ...over,
});

describe('rankLeaders', () => {
  it('puts anyone the network reaches before the most popular stranger', () => {
    const ranked = rankLeaders(
      [
        person('star', { trusterCount: 1000, helpfulVotes: 1000 }),
        person('faint', { trust: 0.05 }),
        person('known', { reachedTrusters: 1 }),
      ],
      'Käse',
      10,
    );
    expect(ranked.map((r) => r.userId)).toEqual(['known', 'faint', 'star']);
    expect(ranked[2].score).toBeLessThan(1);
  });

  it('orders the network by propagated trust first, then by reach, then by helpful votes', () => {
    const ranked = rankLeaders(
      [
        person('c', { trust: 0.8, helpfulVotes: 50 }),
        person('b', { trust: 0.8, reachedTrusters: 3 }),
        person('a', { trust: 1, direct: true }),
        person('d', { trust: 0.8 }),
      ],
      'Käse',
      10,
    );
    expect(ranked.map((r) => r.userId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('breaks ties by review count, then by id, and stops at the limit', () => {
    const ranked = rankLeaders([person('z'), person('y'), person('x', { reviewCount: 2 })], 'Käse', 2);
    expect(ranked.map((r) => r.userId)).toEqual(['x', 'y']);
  });

  it('says why in words', () => {
    expect(leaderReason(person('Anna', { direct: true, trust: 1, reachedTrusters: 2 }), 'Käse')).toBe(
      'You trust Anna, as do 2 people you reach; 1 review in Käse.',
    );
    expect(leaderReason(person('Carla', { trusterCount: 1, reviewCount: 3, helpfulVotes: 1 }), 'Käse')).toBe(
      'Trusted by 1 person; 3 reviews in Käse, found helpful once.',
    );
    expect(leaderReason(person('Kai', { reachedTrusters: 1 }), 'Käse')).toBe(
      'Trusted by 1 person you reach; 1 review in Käse.',
    );
  });
});
