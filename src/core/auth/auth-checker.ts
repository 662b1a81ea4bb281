import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { UnauthenticatedError } from '../errors/domain-errors';

/** `@Authorized()` means signed in; finer rules (staff of this merchant) live in services. */
export const authChecker: AuthChecker<Context> = ({ context }) => {
  if (!context.viewer) throw new UnauthenticatedError();
  return true;
};

/** The viewer's id, or an UNAUTHENTICATED error. */
export function requireViewer(ctx: Context): string {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer.id;
}
