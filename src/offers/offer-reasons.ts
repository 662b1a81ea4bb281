/** The reasons offers carry, in words a person reads; pure functions. */

/** Why a person received an offer: the permission (or permissions) it came through. */
export function recipientReason(
  shopName: string,
  category: string | null,
  via: { byShop: boolean; byCategory: boolean },
): string {
  if (via.byShop && via.byCategory && category) {
    return `You allow offers from ${shopName} and for ${category}.`;
  }
  if (via.byShop) return `You allow offers from ${shopName}.`;
  return `You allow offers for ${category ?? 'this category'}.`;
}

/** Whom an offer reached, for the shop: in words and a number, never names. */
export function senderReason(shopName: string, category: string | null, count: number): string {
  const who = category
    ? `people who allow offers from ${shopName} or for ${category}`
    : `people who allow offers from ${shopName}`;
  const people = count === 1 ? who.replace(/^people who allow/, 'person who allows') : who;
  return `Sent to ${count} ${people}, within each one’s weekly limit of offers.`;
}
