import { moleTrust } from '../../src/trust/mole-trust';

const edge = (from: string, to: string, level: number) => ({ from, to, level });

describe('MoleTrust with a horizon of 3', () => {
  it('gives direct trustees their edge weight', () => {
    expect(moleTrust('a', [edge('a', 'b', 5), edge('a', 'c', 2)])).toEqual(
      new Map([
        ['b', 1],
        ['c', 0.4],
      ]),
    );
  });

  it('averages predecessors by their own trust at distance 2', () => {
    // a→b (1.0), a→c (0.4); b→d (0.6), c→d (1.0): t(d) = (1·0.6 + 0.4·1) / (1 + 0.4) = 1.0 / 1.4
    const t = moleTrust('a', [edge('a', 'b', 5), edge('a', 'c', 2), edge('b', 'd', 3), edge('c', 'd', 5)]);
    expect(t.get('d')).toBeCloseTo(1 / 1.4, 10);
  });

  it('reaches 3 hops and no further', () => {
    // a→b (0.8), b→c (0.6) so t(c) = 0.6, c→d (0.4) so t(d) = 0.4, d→e not reached
    const t = moleTrust('a', [edge('a', 'b', 4), edge('b', 'c', 3), edge('c', 'd', 2), edge('d', 'e', 5)]);
    expect([...t]).toEqual([
      ['b', 0.8],
      ['c', 0.6],
      ['d', 0.4],
    ]);
  });

  it('uses only the shortest distance: a later ring does not change a closer user', () => {
    // b is direct (0.2); the path a→c→b (c trusts b fully) is longer and ignored
    const t = moleTrust('a', [edge('a', 'b', 1), edge('a', 'c', 5), edge('c', 'b', 5)]);
    expect(t.get('b')).toBe(0.2);
  });

  it('lets blocked users neither receive nor pass trust', () => {
    const t = moleTrust(
      'a',
      [edge('a', 'b', 5), edge('b', 'c', 5), edge('a', 'x', 5), edge('x', 'c', 1)],
      new Set(['x']),
    );
    expect(t.get('x')).toBeUndefined();
    expect(t.get('c')).toBe(1);
  });
});
