import {
  type FieldNode,
  getNamedType,
  type GraphQLResolveInfo,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

/** A field selected under the field being resolved, with its arguments as the executor will see them. */
export interface SelectedField {
  node: FieldNode;
  args: Record<string, unknown>;
}

/**
 * Looks ahead from a resolver at what the client selected below its field: the one field `name` of the returned
 * object type, through inline fragments and fragment spreads. Null when it is not selected, or selected more
 * than once (under aliases, which may differ in arguments): a caller then reads as if it had not looked.
 * Arguments that cannot be coerced are left to the executor to report, and read as not selected here.
 */
export function selectedField(info: GraphQLResolveInfo, name: string): SelectedField | null {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return null;
  const definition = type.getFields()[name];
  if (!definition) return null;
  const found: FieldNode[] = [];
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === 'InlineFragment') {
        const on = selection.typeCondition?.name.value;
        if (!on || on === type.name) walk(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment && fragment.typeCondition.name.value === type.name) walk(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  if (found.length !== 1) return null;
  try {
    return { node: found[0], args: getArgumentValues(definition, found[0], info.variableValues) };
  } catch {
    return null;
  }
}
