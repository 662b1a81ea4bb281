/**
 * How each kind of notification reads. A slice that sends a kind registers it here (beside registerNodeType in
 * its module), so that the notification's `message` and `subject` need nothing but the stored row.
 */
export interface NotificationKind {
  /** The sentence a person reads; `actor` is the actor's display name, null for the system. */
  message(actor: string | null, data: Record<string, unknown>): string;
  /** The global ID of what the notification is about (a product, a pool), or null. */
  subject?(data: Record<string, unknown>): string | null;
}

const kinds = new Map<string, NotificationKind>();

export function registerNotificationKind(kind: string, definition: NotificationKind): void {
  kinds.set(kind, definition);
}

/** Every kind some slice registered, in the order they were registered. */
export function notificationKinds(): string[] {
  return [...kinds.keys()];
}

export function notificationKind(kind: string): NotificationKind {
  return kinds.get(kind) ?? FALLBACK;
}

const FALLBACK: NotificationKind = {
  message: (actor) => (actor ? `${actor} has news for you.` : 'There is news for you.'),
};

/** A string fact from a notification's data, or null. */
export function textOf(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}
