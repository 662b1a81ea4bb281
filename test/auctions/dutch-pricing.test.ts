import { endOf, nextDropAt, priceAt, scheduleProblems, stepsToFloor } from '../../src/auctions/dutch-pricing';

const startsAt = new Date('2026-01-01T12:00:00.000Z');
const at = (seconds: number) => new Date(startsAt.getTime() + seconds * 1000);
// 10.00 falling by 1.50 every 10 s to a floor of 5.00: 10.00, 8.50, 7.00, 5.50, then 5.00.
const schedule = {
  startsAt,
  startPriceMinor: 1000,
  floorPriceMinor: 500,
  decrementMinor: 150,
  intervalSeconds: 10,
};

describe('Dutch auction price', () => {
  it('is the start price until the first interval has passed, and before the start', () => {
    expect(priceAt(schedule, at(-30))).toBe(1000);
    expect(priceAt(schedule, at(0))).toBe(1000);
    expect(priceAt(schedule, at(9.999))).toBe(1000);
  });

  it('falls by the decrement at each whole interval, and stops at the floor', () => {
    expect([10, 19.999, 20, 30, 39, 40, 50, 1000].map((s) => priceAt(schedule, at(s)))).toEqual([
      850, 850, 700, 550, 550, 500, 500, 500,
    ]);
  });

  it('reaches the floor in ⌈(start − floor) / decrement⌉ steps and ends one interval later', () => {
    expect(stepsToFloor(schedule)).toBe(4);
    expect(endOf(schedule)).toEqual(at(50));
    // Decrements that divide the distance exactly.
    const even = { ...schedule, decrementMinor: 100 };
    expect(stepsToFloor(even)).toBe(5);
    expect(priceAt(even, at(50))).toBe(500);
    expect(priceAt(even, at(49))).toBe(600);
    expect(endOf(even)).toEqual(at(60));
    // A floor equal to the start: at the floor from the start, ending after one interval.
    const flat = { ...schedule, floorPriceMinor: 1000 };
    expect(stepsToFloor(flat)).toBe(0);
    expect(endOf(flat)).toEqual(at(10));
  });

  it('names the next drop until the floor is reached', () => {
    expect(nextDropAt(schedule, at(-5))).toEqual(at(10));
    expect(nextDropAt(schedule, at(0))).toEqual(at(10));
    expect(nextDropAt(schedule, at(15))).toEqual(at(20));
    expect(nextDropAt(schedule, at(39.9))).toEqual(at(40));
    expect(nextDropAt(schedule, at(40))).toBeNull();
  });

  it('refuses a floor above the start, a decrement of zero and an interval under one second', () => {
    expect(scheduleProblems(schedule)).toEqual([]);
    expect(scheduleProblems({ ...schedule, floorPriceMinor: 1001 }).map((p) => p.field)).toEqual([
      'floorPrice',
    ]);
    expect(scheduleProblems({ ...schedule, decrementMinor: 0 }).map((p) => p.field)).toEqual(['decrement']);
    expect(scheduleProblems({ ...schedule, intervalSeconds: 0 }).map((p) => p.field)).toEqual([
      'intervalSeconds',
    ]);
    expect(scheduleProblems({ ...schedule, intervalSeconds: 0.5 }).map((p) => p.field)).toEqual([
      'intervalSeconds',
    ]);
  });
});
