/** Days after completion in which each side may rate the other. */
export const RATING_WINDOW_DAYS = 30;

/** Days after completion at which a rating shows even when the other side never rated. */
export const RATING_BLIND_DAYS = 14;

/**
 * Whether the rating `r` (order_ratings) of the order `o` (orders) shows: double-blind, once both sides have rated
 * or RATING_BLIND_DAYS after completion. The one definition, used by the order's fields and the aggregates alike.
 */
export const RATING_SHOWN_SQL = `(o.completed_at <= now() - interval '${RATING_BLIND_DAYS} days'
  OR EXISTS (SELECT 1 FROM order_ratings other WHERE other.order_id = r.order_id AND other.side <> r.side))`;
