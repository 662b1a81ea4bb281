import type { NotificationKindDeclaration } from '../core/module';

/**
 * How a notification of a kind nobody declared reads (one stored before its kind was retired). Each slice that
 * sends a kind declares how it reads in its module's `notificationKinds` (`src/<slice>/<slice>.notification-kinds.ts`).
 */
export const FALLBACK_KIND: NotificationKindDeclaration = {
  kind: 'FALLBACK',
  message: (actor) => (actor ? `${actor} has news for you.` : 'There is news for you.'),
};

/** A string fact from a notification's data, or null. */
export function textOf(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}
