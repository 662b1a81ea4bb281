import {
  execute,
  getOperationAST,
  GraphQLError,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { Viewer } from '../context';
import { ErrorCode } from '../errors/graphql-errors';
import type { Metrics } from '../observability/metrics';
import { refusalReason, type OperationGuard } from '../security/operation-guard';
import { SharedSubscriptions } from '../subscriptions/shared-subscriptions';
import type { InFlight } from './in-flight';

export interface OperationPipelineOptions {
  schema: GraphQLSchema;
  guard: OperationGuard;
  metrics: Metrics;
  inFlight: InFlight;
}

/**
 * What graphql-ws runs for each `subscribe` message: the same guard as over HTTP (budget, tokens, validation with
 * the limits, cost, login attempts), then execution counted in the metrics and, for queries and mutations, in the
 * work a graceful stop waits for. Subscriptions share one execution per distinct operation (see SharedSubscriptions).
 */
export function operationPipeline({ schema, guard, metrics, inFlight }: OperationPipelineOptions) {
  const shared = new SharedSubscriptions(schema);
  const refuse = (error: GraphQLError) => {
    const reason = refusalReason(error);
    if (reason) metrics.refused(reason);
    return [error];
  };

  /** The execution arguments, or the errors that refuse the operation (sent as an `error` message). */
  async function admit(
    viewer: Viewer | null,
    ip: string,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | GraphQLError[]> {
    if (inFlight.draining)
      return [coded('The server is shutting down; reconnect and try again.', ErrorCode.ServiceUnavailable)];
    const limited = await guard.admit(viewer, ip);
    if (limited) return refuse(limited);
    const prepared = guard.prepare(payload.query);
    if ('errors' in prepared) return prepared.errors.flatMap(refuse);
    const operation = getOperationAST(prepared.document, payload.operationName);
    if (!operation)
      return [
        coded(
          'Name the operation to run: the document holds several, or none.',
          'OPERATION_RESOLUTION_FAILURE',
        ),
      ];
    const variableValues = payload.variables ?? undefined;
    const refusal = await guard.check(prepared.document, operation, variableValues, ip);
    if (refusal) return refuse(refusal);
    return {
      schema,
      document: prepared.document,
      operationName: payload.operationName ?? undefined,
      variableValues,
    };
  }

  async function executeCounted(args: ExecutionArgs): Promise<ExecutionResult> {
    const done = inFlight.begin();
    const started = process.hrtime.bigint();
    try {
      const result = requestErrorsCoded((await execute(args)) as ExecutionResult);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeOperation('ws', operationName(args), seconds, !result.errors?.length);
      return result;
    } finally {
      done();
    }
  }

  async function subscribeCounted(args: ExecutionArgs) {
    const subscribed = await shared.subscribe(args);
    const stream = Symbol.asyncIterator in subscribed;
    metrics.observeOperation('ws', operationName(args), 0, stream);
    return stream ? metrics.trackSubscription(subscribed) : requestErrorsCoded(subscribed);
  }

  return { admit, execute: executeCounted, subscribe: subscribeCounted };
}

/**
 * A result with errors and no `data` never started: its variables did not fit the operation. Apollo calls these
 * BAD_USER_INPUT over HTTP; graphql-js leaves them without a code, which would read as an internal error.
 */
function requestErrorsCoded(result: ExecutionResult): ExecutionResult {
  if ('data' in result || !result.errors) return result;
  const errors = result.errors.map(
    (e) =>
      new GraphQLError(e.message, {
        nodes: e.nodes,
        extensions: { ...e.extensions, code: e.extensions.code ?? ErrorCode.BadUserInput },
      }),
  );
  return { ...result, errors };
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function operationName(args: ExecutionArgs): string | null {
  return getOperationAST(args.document, args.operationName)?.name?.value ?? null;
}
