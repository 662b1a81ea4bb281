import { UserErrorCode, UserFacingError } from '../core/errors/user-error';

type Refusal = [field: string, code: string, message: string];

/** What the client is told for each outcome of pool_join or pool_leave that refuses the change. */
const REFUSALS = new Map<string, (quantity: number, left: number) => Refusal>([
  ['NOT_FOUND', () => ['poolId', UserErrorCode.NotFound, 'No pool with this ID.']],
  ['NOT_A_MEMBER', () => ['poolId', UserErrorCode.NotFound, 'You are not a member of this pool.']],
  [
    'KEY_REUSED',
    () => [
      'idempotencyKey',
      UserErrorCode.IdempotencyKeyReused,
      'This idempotency key was used for another join; use a new key for a new join.',
    ],
  ],
  ['DEADLINE_PASSED', () => ['poolId', UserErrorCode.DeadlinePassed, 'This pool’s deadline has passed.']],
  ['NOT_OPEN', () => ['poolId', UserErrorCode.NotOpen, 'This pool is closed.']],
  ['ABOVE_CAPACITY', () => ['quantity', UserErrorCode.OutOfRange, 'That is more than the whole pool holds.']],
  ['SOLD_OUT', () => ['quantity', UserErrorCode.SoldOut, 'This pool is sold out.']],
  [
    'CAPACITY_EXCEEDED',
    (quantity, left) => [
      'quantity',
      UserErrorCode.CapacityExceeded,
      `Only ${left} more units fit in this pool; you asked for ${quantity} in all.`,
    ],
  ],
]);

/** The userError for a refused join or leave: `quantity` is what was asked for in all, `left` what still fits. */
export function poolRefusal(outcome: string, quantity: number, left: number): UserFacingError {
  const refusal = REFUSALS.get(outcome);
  // An outcome missing here means the SQL functions and this table drifted apart: a bug, not the user's to fix.
  if (!refusal) throw new Error(`pool: unexpected outcome ${outcome}`);
  return UserFacingError.of(...refusal(quantity, left));
}
