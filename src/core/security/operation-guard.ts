import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Viewer } from '../context';
import { ErrorCode } from '../errors/graphql-errors';
import { authAttempts } from './auth-attempts';
import {
  documentProtection,
  PARSE_FAILED,
  VALIDATION_FAILED,
  type DocumentProtection,
  type OperationLimits,
} from './operation-limits';
import { nulCharacterError } from './nul-characters';
import { costError } from './query-cost';
import type { RateLimited, RateLimits } from './rate-limits';

export interface OperationGuardOptions {
  schema: GraphQLSchema;
  limits: OperationLimits;
  rateLimits: RateLimits;
}

/**
 * Everything an operation must pass before it runs, in one place for both transports. Apollo Server parses
 * (with the token limit) and validates (with `protection.rules`) HTTP requests itself and then calls `check`;
 * the WebSocket handler calls `prepare`, which does the same parsing and validation, and then `check`.
 */
export class OperationGuard {
  readonly protection: DocumentProtection;

  constructor(private readonly options: OperationGuardOptions) {
    this.protection = documentProtection(options.limits);
  }

  get limits(): OperationLimits {
    return this.options.limits;
  }

  /** Parses and validates as Apollo does, with the same limits and the same error codes. */
  prepare(query: string): { document: DocumentNode } | { errors: GraphQLError[] } {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.options.limits.maxTokens });
    } catch (error) {
      const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      return { errors: [coded(syntax, PARSE_FAILED)] };
    }
    const errors = validate(this.options.schema, document, [...specifiedRules, ...this.protection.rules]);
    if (!errors.length) return { document };
    return { errors: errors.map((e) => coded(e, VALIDATION_FAILED)) };
  }

  /** Per request (HTTP) or per operation (WebSocket): the viewer's budget, or the IP's when anonymous. */
  async admit(viewer: Viewer | null, ip: string): Promise<GraphQLError | null> {
    return rateLimitedError(await this.options.rateLimits.request(viewer, ip));
  }

  /**
   * After validation, with the variables: the cost limit, text PostgreSQL cannot store, then the login and
   * sign-up budgets. Returns the refusal, or null when the operation may run.
   */
  async check(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
    ip: string,
  ): Promise<GraphQLError | null> {
    const { schema, limits, rateLimits } = this.options;
    const refusal =
      costError(schema, document, operation, variables, limits.maxCost) ??
      nulCharacterError(document, variables);
    if (refusal) return refusal;
    const attempts = authAttempts(schema, document, operation, variables);
    return rateLimitedError(await rateLimits.authAttempts(ip, attempts.count, attempts.emails));
  }
}

export function rateLimitedError(limited: RateLimited | null): GraphQLError | null {
  if (!limited) return null;
  return new GraphQLError(`Too many requests; try again in ${limited.retryAfter} seconds.`, {
    extensions: { code: ErrorCode.RateLimited, retryAfter: limited.retryAfter, limit: limited.limit },
  });
}

/** Why an operation was refused before running, for metrics; undefined for any other error. */
export function refusalReason(error: GraphQLError): string | undefined {
  const { code, limit } = error.extensions ?? {};
  if (code === ErrorCode.RateLimited) return `rate_${String(limit)}`;
  if (typeof limit === 'string') return limit;
  if (/contains more th[ae]n \d+ tokens/.test(error.message)) return 'tokens';
  return undefined;
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}
