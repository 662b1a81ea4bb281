import {
  BREAK,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isLeafType,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../relay/connection';
import { VALIDATION_FAILED } from './operation-limits';
import { perDocument } from './per-document';

/**
 * The cost model: every object costs 1, scalars and enums cost nothing, and a list's page size multiplies what
 * it contains: `first` or `last` (clamped to the maximum page size, as a larger one is refused), the default
 * page size for a connection asked without either, the number of `ids` for `nodes(ids:)`. Variables count as
 * their values, so `first: $n` costs what `first: 100` costs. A plain list without page arguments is small by
 * design (every growing list is a connection) and counts once.
 */
export function fieldCost({ field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  return own + childComplexity * pageSize(field, args);
}

function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const sizes = [args.first, args.last].filter((n): n is number => typeof n === 'number');
  if (sizes.length) return Math.min(Math.max(0, ...sizes), MAX_PAGE_SIZE);
  if (Array.isArray(args.ids)) return args.ids.length;
  const paged = field.args.some((a) => a.name === 'first' || a.name === 'last');
  return paged || getNamedType(field.type).name.endsWith('Connection') ? DEFAULT_PAGE_SIZE : 1;
}

/**
 * The estimated cost of the operation that will run, with its variables; null when the variables do not fit
 * the operation (execution then refuses them with BAD_USER_INPUT, and nothing runs).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number | null {
  if (costReadsVariables(document)) return estimate(schema, document, operation, variables);
  // Apollo Server reuses the parsed document of a query it has seen: such a cost is estimated once.
  const known = fixedCosts.get(operation);
  if (known !== undefined) return known;
  const cost = estimate(schema, document, operation, variables);
  // Kept only when the variables fit; otherwise execution refuses them and the next request estimates again.
  if (cost !== null) fixedCosts.set(operation, cost);
  return cost;
}

const fixedCosts = new WeakMap<OperationDefinitionNode, number>();
/** The arguments the cost model reads (see pageSize); any directive may skip or include a part. */
const COUNTED_ARGUMENTS = new Set(['first', 'last', 'ids']);

/** Whether a variable can change the cost: one given to a counted argument or to a directive. */
const costReadsVariables = perDocument((document) => {
  let reads = false;
  visit(document, {
    Argument(node, _key, _parent, _path, ancestors) {
      const inDirective = ancestors.some((a) => 'kind' in a && a.kind === Kind.DIRECTIVE);
      if (!COUNTED_ARGUMENTS.has(node.name.value) && !inDirective) return undefined;
      let variable = false;
      visit(node.value, {
        Variable() {
          variable = true;
          return BREAK;
        },
      });
      if (!variable) return undefined;
      reads = true;
      return BREAK;
    },
  });
  return reads;
});

function estimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return null;
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables: variables ?? {},
      estimators: [fieldCost],
    });
  } catch {
    // Thrown when the document spreads into more nodes than the estimator walks: too costly by any measure.
    return Infinity;
  }
}

/** A refusal for an operation over the cost limit, or null when it fits. */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  maxCost: number,
): GraphQLError | null {
  const cost = operationCost(schema, document, operation, variables);
  if (cost === null || cost <= maxCost) return null;
  const found = Number.isFinite(cost) ? `, found ${cost}` : '';
  return new GraphQLError(`Query cost limit of ${maxCost} exceeded${found}.`, {
    extensions: { code: VALIDATION_FAILED, limit: 'cost', ...(Number.isFinite(cost) ? { cost } : {}) },
  });
}
