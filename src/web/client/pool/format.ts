/** What the pool page shows, as pure functions of the pool's state (no DOM), so they are easy to test. */

export interface Money {
  amount: string;
  currencyCode: string;
}

export interface PriceTier {
  minQuantity: number;
  unitPrice: Money;
}

export type PoolStatus = 'OPEN' | 'TIPPED' | 'SOLD_OUT' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface PoolState {
  id: string;
  product: { title: string };
  merchant: { name: string };
  status: PoolStatus;
  tiers: PriceTier[];
  capacity: number;
  deadline: string;
  committedQuantity: number;
  participantCount: number;
  currentUnitPrice: Money;
  nextTier: PriceTier | null;
  unitsToNextTier: number | null;
  viewerMembership: { quantity: number } | null;
  trustedParticipants?: Array<{ handle: string; displayName: string }>;
}

const STATUS_TEXT: Record<PoolStatus, string> = {
  OPEN: 'Open: the group price starts at the tipping point',
  TIPPED: 'Tipped: the group price applies',
  SOLD_OUT: 'Sold out: the pool is full',
  SUCCEEDED: 'Succeeded: orders are placed',
  FAILED: 'Failed: the tipping point was not reached',
  CANCELLED: 'Cancelled',
};

export function statusText(status: PoolStatus): string {
  return STATUS_TEXT[status] ?? status;
}

/** Joining (or changing one's quantity) is possible while the pool is open or tipped and before the deadline. */
export function isJoinable(pool: Pick<PoolState, 'status' | 'deadline'>, now: number): boolean {
  return (pool.status === 'OPEN' || pool.status === 'TIPPED') && Date.parse(pool.deadline) > now;
}

export function formatMoney(money: Money, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currencyCode }).format(
      Number(money.amount),
    );
  } catch {
    return `${money.amount} ${money.currencyCode}`;
  }
}

export function nextTierText(pool: Pick<PoolState, 'nextTier' | 'unitsToNextTier'>, locale?: string): string {
  if (!pool.nextTier) return 'The lowest price is reached';
  const units = pool.unitsToNextTier ?? 0;
  return `${formatMoney(pool.nextTier.unitPrice, locale)} from ${pool.nextTier.minQuantity} units (${units} more ${units === 1 ? 'unit' : 'units'})`;
}

export function tierText(tier: PriceTier, locale?: string): string {
  return `${formatMoney(tier.unitPrice, locale)} per unit from ${tier.minQuantity} units`;
}

/** "2 d 03:04:05", "03:04:05", or "Ended" once the deadline has passed. */
export function timeLeftText(deadline: string, now: number): string {
  const seconds = Math.floor((Date.parse(deadline) - now) / 1000);
  if (!(seconds > 0)) return 'Ended';
  const days = Math.floor(seconds / 86_400);
  const clock = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  return days > 0 ? `${days} d ${clock}` : clock;
}

export function participantsText(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'}`;
}
