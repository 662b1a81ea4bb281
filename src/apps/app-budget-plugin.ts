import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Context, Viewer } from '../core/context';
import { DomainError } from '../core/errors/domain-errors';
import { operationCost } from '../core/security/query-cost';
import type { BucketState, CostBudgetService } from './cost-budget.service';

export const THROTTLED = 'THROTTLED';
export const MAX_COST_EXCEEDED = 'MAX_COST_EXCEEDED';

/** `extensions.cost` as Shopify reports it. */
export interface CostReport {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

function report(requested: number, actual: number | null, state: BucketState): CostReport {
  return {
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: {
      maximumAvailable: state.maximum,
      currentlyAvailable: Math.floor(state.available),
      restoreRate: state.restoreRate,
    },
  };
}

/** A request that does not fit the app's bucket now: 429 with Retry-After. */
class ThrottledError extends DomainError {
  constructor(
    retryAfter: number,
    readonly cost: CostReport,
  ) {
    super(
      THROTTLED,
      `Throttled: this query costs ${cost.requestedQueryCost} points and ${cost.throttleStatus.currentlyAvailable} are available; try again in ${retryAfter} seconds.`,
      {
        retryAfter,
        cost,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
      },
    );
  }
}

/** A query costing more than the whole bucket can never run. */
class MaxCostExceededError extends DomainError {
  constructor(cost: number, maximum: number) {
    super(
      MAX_COST_EXCEEDED,
      `This query costs ${cost} points, more than an app's whole budget of ${maximum}.`,
      {
        http: { status: 400 },
      },
    );
  }
}

/**
 * Takes an operation's estimated cost (the same model as the cost limit, variables included) from the app token's
 * bucket, or throws THROTTLED (MAX_COST_EXCEEDED when it could never fit); answers what `extensions.cost` reports.
 */
async function charge(
  budgets: CostBudgetService,
  budgetKey: string,
  operation: { schema: GraphQLSchema; document: DocumentNode; operation: OperationDefinitionNode },
  variables: Record<string, unknown> | undefined,
): Promise<CostReport> {
  const requested = operationCost(operation.schema, operation.document, operation.operation, variables) ?? 0;
  if (!Number.isFinite(requested) || requested > budgets.maximum) {
    throw new MaxCostExceededError(requested, budgets.maximum);
  }
  const state = await budgets.take(budgetKey, requested);
  if (!state.taken) {
    throw new ThrottledError(budgets.waitSeconds(state, requested), report(requested, null, state));
  }
  return report(requested, requested, state);
}

/**
 * Budgets of query cost for app tokens, in Apollo's plugin hooks, which run whatever executes the resolvers: once
 * the operation is known its cost is taken from the token's bucket or the request is refused with THROTTLED; every
 * answer to an app carries `extensions.cost`. People's requests are untouched.
 */
export function appBudgetPlugin(budgets: CostBudgetService): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const app = contextValue.viewer?.app;
      if (!app) return;
      let cost: CostReport | null = null;
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          try {
            cost = await charge(budgets, app.budgetKey, { schema, document, operation }, request.variables);
          } catch (error) {
            if (error instanceof ThrottledError) cost = error.cost;
            throw error;
          }
        },
        async willSendResponse({ response }) {
          if (!cost || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}

/**
 * The same budget for an app's operations over WebSocket, each charged once when it starts (a subscription when it
 * subscribes): null when it fits, else the refusal, which the socket sends as the operation's `error` message.
 */
export function appSocketBudget(budgets: CostBudgetService) {
  return async (
    viewer: Viewer | null,
    operation: { schema: GraphQLSchema; document: DocumentNode; operation: OperationDefinitionNode },
    variables: Record<string, unknown> | undefined,
  ): Promise<DomainError | null> => {
    if (!viewer?.app) return null;
    try {
      await charge(budgets, viewer.app.budgetKey, operation, variables);
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  };
}
