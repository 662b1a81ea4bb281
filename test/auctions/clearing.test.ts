import { clear, type ClearingBid, clearingPoint, type SupplyStepRow } from '../../src/auctions/clearing';

/** Bids from `[id, quantity, limit in minor units]`, placed a second apart in the order given. */
function bids(...rows: Array<[string, number, number]>): ClearingBid[] {
  return rows.map(([id, quantity, maxUnitPriceMinor], i) => ({
    id,
    quantity,
    maxUnitPriceMinor,
    placedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, i)),
  }));
}

function steps(...rows: Array<[number, number]>): SupplyStepRow[] {
  return rows.map(([quantity, minUnitPriceMinor]) => ({ quantity, minUnitPriceMinor }));
}

/** The fills as `{ id: units }`, in fill order. */
function filled(result: ReturnType<typeof clear>): Array<[string, number]> {
  return result.fills.map((f) => [f.bidId, f.filled]);
}

describe('call auction clearing', () => {
  it('clears the first worked example at 5.00 with 16 units: A and B filled, C not', () => {
    const result = clear(bids(['A', 8, 600], ['B', 8, 500], ['C', 8, 450]), steps([10, 400], [10, 500]));
    expect(result.point).toEqual({ priceMinor: 500, quantity: 16, imbalance: -4 });
    expect(filled(result)).toEqual([
      ['A', 8],
      ['B', 8],
      ['C', 0],
    ]);
  });

  it('clears the second worked example at 4.00: equal volume and imbalance go to the lower price; B partial', () => {
    const result = clear(bids(['A', 6, 500], ['B', 6, 500]), steps([10, 400]));
    expect(result.point).toEqual({ priceMinor: 400, quantity: 10, imbalance: 2 });
    expect(filled(result)).toEqual([
      ['A', 6],
      ['B', 4],
    ]);
  });

  it('breaks a tie in volume by the smaller imbalance, even at a higher price', () => {
    // 10 units match at 3, 4 and 5; D − S is 4, 4 and 0: the call clears at 5, where only A bids.
    const result = clear(bids(['A', 10, 500], ['B', 4, 400]), steps([10, 300]));
    expect(result.point).toEqual({ priceMinor: 500, quantity: 10, imbalance: 0 });
    expect(filled(result)).toEqual([
      ['A', 10],
      ['B', 0],
    ]);
  });

  it('breaks a tie in imbalance of opposite signs by the lowest price', () => {
    // 4 units match at 1, 2 and 3; D − S is +1, +1 and −1: the lowest price, 1, wins.
    const result = clear(bids(['A', 1, 200], ['B', 4, 300]), steps([4, 100], [1, 300]));
    expect(result.point).toEqual({ priceMinor: 100, quantity: 4, imbalance: 1 });
    expect(filled(result)).toEqual([
      ['B', 4],
      ['A', 0],
    ]);
  });

  it('finds no trade when no bid reaches the lowest step, and fills nobody', () => {
    const result = clear(bids(['A', 3, 400], ['B', 5, 499]), steps([10, 500]));
    expect(result.point).toBeNull();
    expect(filled(result)).toEqual([
      ['B', 0],
      ['A', 0],
    ]);
    expect(clearingPoint([], steps([10, 500]))).toBeNull();
    expect(clearingPoint([], [])).toBeNull();
  });

  it('clears a single bid at the lowest price that serves it', () => {
    // 3 units match at 4, 5 and 7; D − S is −7 at 4 and −17 above: the bid pays 4.00, not its limit.
    const result = clear(bids(['A', 3, 700]), steps([10, 400], [10, 500]));
    expect(result.point).toEqual({ priceMinor: 400, quantity: 3, imbalance: -7 });
    expect(filled(result)).toEqual([['A', 3]]);
  });

  it('fills equal limits by time, earlier first, whatever order they are given in', () => {
    const [early, late] = bids(['early', 5, 500], ['late', 5, 500]);
    const result = clear([late, early], steps([7, 400]));
    expect(result.point?.priceMinor).toBe(400);
    expect(filled(result)).toEqual([
      ['early', 5],
      ['late', 2],
    ]);
    // Placed in the same millisecond: the id decides, so the order is still total.
    const same = new Date('2026-01-01T12:00:00Z');
    const tied = clear(
      [
        { id: 'b', quantity: 5, maxUnitPriceMinor: 500, placedAt: same },
        { id: 'a', quantity: 5, maxUnitPriceMinor: 500, placedAt: same },
      ],
      steps([7, 400]),
    );
    expect(filled(tied)).toEqual([
      ['a', 5],
      ['b', 2],
    ]);
  });

  it('runs out of supply in the middle of a bid: that bid alone is partial, the ones after it get nothing', () => {
    // 10 units match at 4 and 4.50 (D − S = 2 at both): 4.00. A and B fill whole, C gets 2 of 4, D none.
    const result = clear(
      bids(['A', 4, 600], ['B', 4, 500], ['C', 4, 450], ['D', 1, 450]),
      steps([5, 300], [5, 400]),
    );
    expect(result.point).toEqual({ priceMinor: 400, quantity: 10, imbalance: 3 });
    expect(filled(result)).toEqual([
      ['A', 4],
      ['B', 4],
      ['C', 2],
      ['D', 0],
    ]);
  });

  it('gives the same point for demand summed per price level as for the bids one by one', () => {
    const one = bids(['A', 3, 500], ['B', 4, 500], ['C', 2, 450], ['D', 6, 300]);
    const levels = [
      { quantity: 7, maxUnitPriceMinor: 500 },
      { quantity: 2, maxUnitPriceMinor: 450 },
      { quantity: 6, maxUnitPriceMinor: 300 },
    ];
    const supply = steps([4, 300], [6, 450], [5, 600]);
    expect(clearingPoint(levels, supply)).toEqual(clearingPoint(one, supply));
  });

  it('on random books: the point maximises volume, fills add up to it, at most one is partial', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const book = Array.from({ length: 1 + random(12) }, (_, i): [string, number, number] => [
        `b${i}`,
        1 + random(9),
        100 + 10 * random(20),
      ]);
      let price = 100;
      const supply = Array.from({ length: 1 + random(4) }, (): [number, number] => {
        price += 10 * random(8);
        return [1 + random(15), price];
      });
      const result = clear(bids(...book), steps(...supply));
      const volumeAt = (p: number) =>
        Math.min(
          book.filter((b) => b[2] >= p).reduce((s, b) => s + b[1], 0),
          supply.filter((s) => s[1] <= p).reduce((s, x) => s + x[0], 0),
        );
      const best = Math.max(0, ...[...book.map((b) => b[2]), ...supply.map((s) => s[1])].map(volumeAt));
      expect(result.point?.quantity ?? 0).toBe(best);
      const total = result.fills.reduce((s, f) => s + f.filled, 0);
      expect(total).toBe(best);
      const partial = result.fills.filter((f) => {
        const bid = book.find((b) => b[0] === f.bidId)!;
        return f.filled > 0 && f.filled < bid[1];
      });
      expect(partial.length).toBeLessThanOrEqual(1);
      for (const f of result.fills) {
        const bid = book.find((b) => b[0] === f.bidId)!;
        if (f.filled > 0) expect(bid[2]).toBeGreaterThanOrEqual(result.point!.priceMinor);
      }
    }
  });
});
