import { Field, ObjectType } from 'type-graphql';
import { UserError, UserFacingError } from './user-error';

@ObjectType({ description: 'The shape every mutation payload shares.' })
export abstract class Payload {
  @Field(() => [UserError], { description: 'What the user can fix; empty when the mutation succeeded.' })
  userErrors: UserError[] = [];
}

/**
 * Runs a mutation's work and shapes the payload: the result's fields on success, `userErrors` when the service
 * refused with a UserFacingError. Anything else is a bug or an outage and stays a GraphQL error.
 */
export async function toPayload<R, P extends Payload>(
  PayloadClass: new () => P,
  work: () => Promise<R>,
  shape: (result: R) => Partial<P> = () => ({}),
): Promise<P> {
  const payload = new PayloadClass();
  try {
    Object.assign(payload, shape(await work()));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    payload.userErrors = error.errors;
  }
  return payload;
}
