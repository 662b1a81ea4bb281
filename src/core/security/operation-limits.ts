import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../config';

/** How big one operation may be; HTTP and WebSocket apply the same numbers. */
export interface OperationLimits {
  /** Nesting of fields; fragments add no level of their own. */
  maxDepth: number;
  /** Estimated objects an operation may resolve (see query-cost.ts). */
  maxCost: number;
  /** Aliased fields per operation, `__typename` included. */
  maxAliases: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** Lexical tokens per document; the parser stops at the limit. */
  maxTokens: number;
}

export function operationLimits(config: Config): OperationLimits {
  return {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxCost: config.MAX_QUERY_COST,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
  };
}

/** The codes both transports give refused documents, as Apollo Server names them. */
export const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';
export const PARSE_FAILED = 'GRAPHQL_PARSE_FAILED';

export interface DocumentProtection {
  /** Depth, alias and directive rules, run with graphql's own rules on both transports. */
  rules: ValidationRule[];
}

/**
 * graphql-armor's depth, alias and directive limits as validation rules. A refusal is reported as a validation
 * error naming the limit (HTTP 400), never thrown (Apollo would answer 500). Armor's cost rule is off: it reads
 * only literal arguments (see query-cost.ts), and so is its token limit: Apollo's `parseOptions.maxTokens` and
 * graphql's own parser enforce that one. Its field-suggestion plugin is off too: it masks only what passes
 * through Apollo (and leaves a stray "?"); `formatError` (errors.ts) hides suggestions on both transports.
 */
export function documentProtection(limits: OperationLimits): DocumentProtection {
  const report = (limit: string) => [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
          extensions: { code: VALIDATION_FAILED, limit },
        }),
      ),
  ];
  const common = { propagateOnRejection: false, exposeLimits: true };
  const armor = new ApolloArmor({
    maxDepth: { ...common, n: limits.maxDepth, flattenFragments: true, onReject: report('depth') },
    maxAliases: { ...common, n: limits.maxAliases, allowList: [], onReject: report('aliases') },
    maxDirectives: { ...common, n: limits.maxDirectives, onReject: report('directives') },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { rules: armor.validationRules };
}
