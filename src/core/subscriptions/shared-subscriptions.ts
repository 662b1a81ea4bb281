import { createHash } from 'node:crypto';
import {
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  print,
  subscribe as graphqlSubscribe,
} from 'graphql';
import type { Context } from '../context';
import { selectsViewerDependentField } from './viewer-dependence';

type Result = ExecutionResult;

interface Listener {
  /** The newest result not yet taken; older ones are dropped (coalesced) when a listener falls behind. */
  pending: Result | undefined;
  wake: (() => void) | undefined;
  done: boolean;
}

interface Group {
  /** Set when any resolver of this group read the viewer: its results are that viewer's alone. */
  touchedViewer: boolean;
  /** The document's text, while the group is the probe that decides whether the document depends on the viewer. */
  probing: string | undefined;
  listeners: Set<Listener>;
  /** The newest result, replayed to whoever joins later: it is the current state. */
  last: Result | undefined;
  source: AsyncIterator<Result> | undefined;
}

/**
 * Executes each distinct subscription once per event and hands the result to all its subscribers. Operations
 * are the same when their document, operation name and variables are, and, unless the document is known not to
 * depend on the viewer, their viewer too. A document is known not to when it selects no field marked
 * viewer-dependent and its first execution (the probe, run per viewer) never read `viewer` from the context.
 * A subscriber that falls behind gets only the newest result: updates are coalesced under a burst, and the last
 * one delivered is always the latest state.
 */
export class SharedSubscriptions {
  private readonly groups = new Map<string, Group>();
  /** Whether a document (by its text) selects a viewer-dependent field; documents are few, subscribers many. */
  private readonly dependence = new Map<string, boolean>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** The graphql-ws `subscribe` hook. */
  subscribe = async (args: ExecutionArgs): Promise<AsyncGenerator<Result> | Result> => {
    const text = print(args.document);
    const key = this.keyOf(args, text);
    let group = this.groups.get(key);
    if (!group) {
      const fresh: Group = {
        touchedViewer: false,
        probing: this.dependence.has(text) ? undefined : text,
        listeners: new Set(),
        last: undefined,
        source: undefined,
      };
      const contextValue = fresh.probing ? tracking(args.contextValue as Context, fresh) : args.contextValue;
      const result = await graphqlSubscribe({ ...args, contextValue });
      if (!isAsyncIterable(result)) return result;
      group = this.groups.get(key);
      if (group) void (result as AsyncGenerator<Result>).return?.(undefined);
      else {
        group = Object.assign(fresh, { source: result[Symbol.asyncIterator]() });
        this.groups.set(key, group);
        void this.pump(key, group);
      }
    }
    return this.listen(key, group);
  };

  /** How many distinct executions are live; for metrics and tests. */
  get size(): number {
    return this.groups.size;
  }

  private remember(text: string, dependent: boolean): void {
    if (this.dependence.size > 10_000) this.dependence.clear();
    if (!this.dependence.has(text) || dependent) this.dependence.set(text, dependent);
  }

  private async pump(key: string, group: Group): Promise<void> {
    try {
      for (;;) {
        const next = await group.source!.next();
        if (next.done) break;
        group.last = next.value;
        if (group.probing) {
          this.remember(group.probing, group.touchedViewer);
          group.probing = undefined;
        }
        for (const listener of group.listeners) {
          listener.pending = next.value;
          listener.wake?.();
        }
      }
    } catch {
      // A source that fails (its database gone) ends the stream for every listener; nobody awaits this pump.
    } finally {
      this.groups.delete(key);
      for (const listener of group.listeners) {
        listener.done = true;
        listener.wake?.();
      }
    }
  }

  private async *listen(key: string, group: Group): AsyncGenerator<Result> {
    const listener: Listener = { pending: group.last, wake: undefined, done: false };
    group.listeners.add(listener);
    try {
      for (;;) {
        if (listener.pending) {
          const value = listener.pending;
          listener.pending = undefined;
          yield value;
          continue;
        }
        if (listener.done) return;
        await new Promise<void>((resolve) => (listener.wake = resolve));
        listener.wake = undefined;
      }
    } finally {
      group.listeners.delete(listener);
      if (group.listeners.size === 0 && this.groups.get(key) === group) {
        this.groups.delete(key);
        // Not awaited: a source generator suspended inside its own await only finishes returning at its next event.
        void group.source?.return?.();
      }
    }
  }

  private keyOf(args: ExecutionArgs, text: string): string {
    if (!this.dependence.has(text) && selectsViewerDependentField(this.schema, args.document)) {
      this.remember(text, true);
    }
    const shared = this.dependence.get(text) === false;
    const viewer = shared ? '*' : ((args.contextValue as Context | undefined)?.viewer?.id ?? 'anonymous');
    return createHash('sha1')
      .update(text)
      .update('\0' + (args.operationName ?? ''))
      .update('\0' + JSON.stringify(args.variableValues ?? {}))
      .update('\0' + viewer)
      .digest('base64');
  }
}

/** A copy of the context that notes, on the group, every read of the viewer. */
function tracking(ctx: Context, group: Group): Context {
  const copy = { ...ctx };
  Object.defineProperty(copy, 'viewer', {
    enumerable: true,
    get() {
      group.touchedViewer = true;
      return ctx.viewer;
    },
  });
  return copy;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Result> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
