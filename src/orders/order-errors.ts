/** The userError codes the orders slice adds (listed in the README). */
export const OrderErrorCode = {
  /** A move the order's status does not allow (confirming a cancelled order, a buyer cancelling a ready one). */
  InvalidTransition: 'INVALID_TRANSITION',
  /** A rating before the order completed, or after its window closed. */
  NotRateable: 'NOT_RATEABLE',
  /** This side has rated the order already. */
  AlreadyRated: 'ALREADY_RATED',
} as const;
