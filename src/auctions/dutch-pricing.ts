/**
 * The falling price of a Dutch auction as pure functions of time (DESIGN.md section 6): at t the price is
 * max(floor, start − decrement × ⌊(t − startsAt) / interval⌋), the start price before startsAt. The auction ends
 * one interval after the price reaches the floor, unless sold out first.
 */
export interface DutchSchedule {
  startsAt: Date;
  startPriceMinor: number;
  floorPriceMinor: number;
  decrementMinor: number;
  intervalSeconds: number;
}

/** How many steps the price takes from the start to the floor. */
export function stepsToFloor(s: DutchSchedule): number {
  return Math.ceil((s.startPriceMinor - s.floorPriceMinor) / s.decrementMinor);
}

/** Whole intervals elapsed since the start at `t`; 0 before it. */
export function stepAt(s: DutchSchedule, t: Date): number {
  return Math.max(0, Math.floor((t.getTime() - s.startsAt.getTime()) / (s.intervalSeconds * 1000)));
}

/** The unit price at `t`. */
export function priceAt(s: DutchSchedule, t: Date): number {
  return Math.max(s.floorPriceMinor, s.startPriceMinor - s.decrementMinor * stepAt(s, t));
}

/** When the `k`th step takes effect. */
export function stepTime(s: DutchSchedule, k: number): Date {
  return new Date(s.startsAt.getTime() + k * s.intervalSeconds * 1000);
}

/** The end of an auction that does not sell out: one interval after the price reaches the floor. */
export function endOf(s: DutchSchedule): Date {
  return stepTime(s, stepsToFloor(s) + 1);
}

/** When the price drops next after `t`; null once it is at the floor. */
export function nextDropAt(s: DutchSchedule, t: Date): Date | null {
  const k = stepAt(s, t);
  return k >= stepsToFloor(s) ? null : stepTime(s, k + 1);
}

export interface ScheduleProblem {
  field: string;
  code: 'INVALID' | 'OUT_OF_RANGE';
  message: string;
}

/** The longest interval between two steps: a week. */
export const MAX_INTERVAL_SECONDS = 7 * 24 * 3600;

/** What is wrong with a schedule, if anything: a floor above the start, a decrement of zero, a short interval. */
export function scheduleProblems(s: Omit<DutchSchedule, 'startsAt'>): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (s.floorPriceMinor > s.startPriceMinor) {
    problems.push({
      field: 'floorPrice',
      code: 'INVALID',
      message: 'The floor price must not exceed the start price.',
    });
  }
  if (s.decrementMinor <= 0) {
    problems.push({
      field: 'decrement',
      code: 'OUT_OF_RANGE',
      message: 'The decrement must be more than zero.',
    });
  }
  if (
    !Number.isInteger(s.intervalSeconds) ||
    s.intervalSeconds < 1 ||
    s.intervalSeconds > MAX_INTERVAL_SECONDS
  ) {
    problems.push({
      field: 'intervalSeconds',
      code: 'OUT_OF_RANGE',
      message: `The interval must be a whole number of seconds from 1 to ${MAX_INTERVAL_SECONDS}.`,
    });
  }
  return problems;
}
