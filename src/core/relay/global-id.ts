import { InvalidInputError } from '../errors/domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque, URL-safe global ID: base64url (no padding) of `Type:uuid`. */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export interface DecodedId {
  type: string;
  id: string;
}

/** Decodes a global ID; a string that is not one is a BAD_USER_INPUT error, since the schema cannot read it. */
export function decodeGlobalId(globalId: string): DecodedId {
  const text = /^[A-Za-z0-9_-]+$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const sep = text.indexOf(':');
  const type = text.slice(0, sep);
  const id = text.slice(sep + 1);
  if (sep < 1 || !/^[A-Z][A-Za-z]+$/.test(type) || !UUID.test(id)) {
    throw new InvalidInputError(`"${globalId.slice(0, 64)}" is not a valid ID.`, {
      id: globalId.slice(0, 64),
    });
  }
  return { type, id: id.toLowerCase() };
}

/**
 * The one way to read an ID from the schema, used by resolvers only: the local id inside a global ID of the expected
 * type; null for a well-formed ID of another type, which the service reports as not found, the same as an ID of the
 * right type that names nothing. Services take local ids (null included) and never see global ones.
 */
export function localId(globalId: string, expectedType: string): string | null {
  const decoded = decodeGlobalId(globalId);
  return decoded.type === expectedType ? decoded.id : null;
}
