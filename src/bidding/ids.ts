import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { localId } from '../core/relay/global-id';

/**
 * The local id inside a global ID of `type`. A malformed ID stays a BAD_USER_INPUT error; a well-formed one of
 * another type is refused as NOT_FOUND on `field`, the same as an ID that names nothing.
 */
export function idOf(globalId: string, type: string, field: string): string {
  const id = localId(globalId, type);
  if (!id)
    throw UserFacingError.of(field, UserErrorCode.NotFound, `There is no ${label(type)} with this ID.`);
  return id;
}

function label(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
