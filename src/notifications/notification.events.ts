/** The topic of one recipient's new notifications; the payload is `{ id }`, published after commit. */
export function notificationTopic(recipientId: string): string {
  return `notifications:${recipientId}`;
}

export interface NotificationPublished {
  id: string;
}
