import { Field, ObjectType } from 'type-graphql';

/**
 * Stable userError codes. Clients switch on these; the README lists them. A slice may add its own, always
 * SCREAMING_SNAKE_CASE and never renamed once released.
 */
export const UserErrorCode = {
  Invalid: 'INVALID',
  NotFound: 'NOT_FOUND',
  Taken: 'TAKEN',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  InvalidToken: 'INVALID_TOKEN',
  TooShort: 'TOO_SHORT',
  TooLong: 'TOO_LONG',
  OutOfRange: 'OUT_OF_RANGE',
  Forbidden: 'FORBIDDEN',
  Blocked: 'BLOCKED',
  SelfReference: 'SELF_REFERENCE',
  SoldOut: 'SOLD_OUT',
  CapacityExceeded: 'CAPACITY_EXCEEDED',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  DeadlinePassed: 'DEADLINE_PASSED',
  NotOpen: 'NOT_OPEN',
  BidTooHigh: 'BID_TOO_HIGH',
  OutOfStock: 'OUT_OF_STOCK',
} as const;

@ObjectType({ description: 'Something in the input that the user can fix, and what is wrong with it.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'Path to the input field at fault, e.g. ["input", "email"]; null when no single field is at fault.',
  })
  field: string[] | null;

  @Field({ description: 'A sentence a person can read.' })
  message: string;

  @Field({ description: 'A stable SCREAMING_SNAKE_CASE code for programs, e.g. TAKEN or SOLD_OUT.' })
  code: string;
}

/** A userError for an input field; `field` is the name inside `input`. */
export function userError(field: string | string[] | null, code: string, message: string): UserError {
  const path = field === null ? null : ['input', ...(Array.isArray(field) ? field : [field])];
  return Object.assign(new UserError(), { field: path, code, message });
}

/**
 * Thrown by services for anything the user can fix. Throwing (rather than returning) also rolls back the
 * transaction around it, so a refused change leaves nothing half-written. Resolvers turn it into `userErrors`.
 */
export class UserFacingError extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join(' '));
  }

  static of(field: string | string[] | null, code: string, message: string): UserFacingError {
    return new UserFacingError([userError(field, code, message)]);
  }
}

/** The userError NOT_FOUND on `field`: no `noun` with the ID given (or none the viewer may see). */
export function notFound(field: string, noun: string): UserFacingError {
  return UserFacingError.of(field, UserErrorCode.NotFound, `No ${noun} with this ID.`);
}
