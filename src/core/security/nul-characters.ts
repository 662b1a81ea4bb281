import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from '../errors/graphql-errors';
import { perDocument } from './per-document';

/**
 * PostgreSQL cannot store U+0000 in text, so a string holding it would fail deep in a query as an internal
 * error. Refused up front instead, for the whole operation: in a literal or anywhere in the variables.
 */
export function nulCharacterError(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | null {
  const found =
    (variables !== undefined && JSON.stringify(variables).includes('\\u0000')) || literalHoldsNul(document);
  if (!found) return null;
  return new GraphQLError('Text may not contain the NUL character (U+0000).', {
    extensions: { code: ErrorCode.BadUserInput },
  });
}

/** Whether a string literal of the document holds U+0000. */
const literalHoldsNul = perDocument((document) => {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!node.value.includes('\u0000')) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
});
