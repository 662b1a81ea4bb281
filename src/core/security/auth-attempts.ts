import {
  getArgumentValues,
  getVariableValues,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The mutations that check a password or create an account: the ones password guessing goes through. */
const GUARDED = new Set(['login', 'signUp']);

export interface AuthAttempts {
  /** How many guarded fields the operation runs (aliases let one request hold many). */
  count: number;
  /** The emails they name, lower-cased; fewer than `count` when a variable does not fit. */
  emails: string[];
}

/**
 * The login and sign-up attempts in a validated operation, with the emails they use, whether given inline or
 * as variables, and through fragments too. Reads the AST only: cheap enough for every mutation.
 */
export function authAttempts(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): AuthAttempts {
  const mutationType = schema.getMutationType();
  if (operation.operation !== 'mutation' || !mutationType) return { count: 0, emails: [] };
  const fields = rootFields(document, operation.selectionSet).filter((f) => GUARDED.has(f.name.value));
  if (!fields.length) return { count: 0, emails: [] };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  const emails: string[] = [];
  for (const node of fields) {
    const definition = mutationType.getFields()[node.name.value];
    if (!definition || coerced.errors) continue;
    try {
      const { input } = getArgumentValues(definition, node, coerced.coerced) as {
        input?: { email?: unknown };
      };
      if (typeof input?.email === 'string') emails.push(input.email.trim().toLowerCase());
    } catch {
      // An argument that does not fit fails execution too: no password is checked.
    }
  }
  return { count: fields.length, emails };
}

function rootFields(
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  seen = new Set<string>(),
): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(document, selection.selectionSet, seen);
    const name = selection.name.value;
    if (seen.has(name)) return [];
    seen.add(name);
    const fragment = document.definitions.find(
      (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
    );
    return fragment?.kind === Kind.FRAGMENT_DEFINITION
      ? rootFields(document, fragment.selectionSet, seen)
      : [];
  });
}
