import { z } from 'zod';
import { userError, UserErrorCode, UserFacingError } from './errors/user-error';

/**
 * Checks an input against a zod schema and returns the parsed value, or refuses it with one userError per
 * problem, each naming its field. Messages come from the schema (`z.string().min(10, 'At least 10 characters.')`).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new UserFacingError(
    parsed.error.issues.map((issue) => userError(issue.path.map(String), codeOf(issue), issue.message)),
  );
}

function codeOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? UserErrorCode.TooShort
        : UserErrorCode.OutOfRange;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? UserErrorCode.TooLong
        : UserErrorCode.OutOfRange;
    default:
      return UserErrorCode.Invalid;
  }
}

/** Common field rules, with the messages people see. */
export const rules = {
  text: (field: string, min: number, max: number) =>
    z
      .string()
      .trim()
      .min(min, min === 1 ? `${field} cannot be empty.` : `${field} needs at least ${min} characters.`)
      .max(max, `${field} can have at most ${max} characters.`),
  intRange: (field: string, min: number, max: number) =>
    z
      .number()
      .int()
      .min(min, `${field} must be between ${min} and ${max}.`)
      .max(max, `${field} must be between ${min} and ${max}.`),
  /** An idempotency key as clients send it: any 1–200 characters of their choice, scoped to the client's user. */
  idempotencyKey: z
    .string()
    .min(1, 'The idempotency key cannot be empty.')
    .max(200, 'The idempotency key can have at most 200 characters.'),
};
