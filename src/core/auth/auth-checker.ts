import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { unauthenticated } from '../errors/graphql-errors';

/** `@Authorized()` means signed in; finer rules (staff of this merchant) live in services. */
export const authChecker: AuthChecker<Context> = ({ context }) => {
  if (!context.viewer) throw unauthenticated();
  return true;
};

/** The viewer's id, or an UNAUTHENTICATED error. */
export function requireViewer(ctx: Context): string {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer.id;
}
