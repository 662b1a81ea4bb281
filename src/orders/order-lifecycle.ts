import { OrderStatus } from './order.entity';

/** The moves an order can make. */
export enum OrderMove {
  CONFIRM = 'CONFIRM',
  READY = 'READY',
  COMPLETE = 'COMPLETE',
  CANCEL = 'CANCEL',
}

/** Who makes a move: the buyer, the selling shop's staff, or the system (the automatic completion). */
export type OrderRole = 'buyer' | 'staff' | 'system';

interface MoveRule {
  to: OrderStatus;
  /** The statuses each role may make the move from; a role not listed may never make it. */
  from: Partial<Record<OrderRole, readonly OrderStatus[]>>;
}

const { PLACED, CONFIRMED, READY, COMPLETED, CANCELLED } = OrderStatus;

/**
 * The order lifecycle, the one state machine (DESIGN.md section 5): PLACED → CONFIRMED → READY → COMPLETED, and
 * CANCELLED by the buyer while PLACED or by staff before COMPLETED. Nothing else moves an order.
 */
export const ORDER_MOVES: Readonly<Record<OrderMove, MoveRule>> = {
  CONFIRM: { to: CONFIRMED, from: { staff: [PLACED] } },
  READY: { to: READY, from: { staff: [CONFIRMED] } },
  COMPLETE: { to: COMPLETED, from: { buyer: [READY], staff: [READY], system: [READY] } },
  CANCEL: { to: CANCELLED, from: { buyer: [PLACED], staff: [PLACED, CONFIRMED, READY] } },
};

/** Days after READY at which an order completes by itself. */
export const AUTO_COMPLETE_DAYS = 14;

export type MoveVerdict =
  { ok: true; to: OrderStatus; as: OrderRole } | { ok: false; reason: 'FORBIDDEN' | 'INVALID_TRANSITION' };

/**
 * Whether someone with `roles` may make `move` from `status`, and in which role (the buyer's first, so that a
 * buyer who is also staff cancels their own order as its buyer while they may). FORBIDDEN when none of the roles
 * may ever make the move, INVALID_TRANSITION when they may but not from this status.
 */
export function judgeMove(move: OrderMove, status: OrderStatus, roles: readonly OrderRole[]): MoveVerdict {
  const rule = ORDER_MOVES[move];
  const able = roles.filter((role) => rule.from[role]);
  if (able.length === 0) return { ok: false, reason: 'FORBIDDEN' };
  const as = able.find((role) => rule.from[role]!.includes(status));
  return as ? { ok: true, to: rule.to, as } : { ok: false, reason: 'INVALID_TRANSITION' };
}
