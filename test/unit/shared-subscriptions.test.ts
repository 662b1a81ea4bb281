import { EventEmitter, on } from 'node:events';
import { GraphQLFloat, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { SharedSubscriptions } from '../../src/core/subscriptions/shared-subscriptions';

function tickSchema(events: EventEmitter, calls: { value: number; viewerValue: number }) {
  const Tick = new GraphQLObjectType({
    name: 'Tick',
    fields: {
      value: { type: GraphQLFloat, resolve: (n: number) => (calls.value++, n) },
      viewerValue: {
        type: GraphQLString,
        extensions: { viewerDependent: true },
        resolve: (n: number, _args, ctx: { viewer: { id: string } | null }) => (
          calls.viewerValue++,
          `${ctx.viewer?.id}:${n}`
        ),
      },
      greeting: {
        type: GraphQLString,
        resolve: (n: number, _args, ctx: { viewer: { id: string } | null }) => `hello ${ctx.viewer?.id}:${n}`,
      },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        tick: {
          type: Tick,
          subscribe: async function* () {
            for await (const [n] of on(events, 'tick')) yield n;
          },
          resolve: (n: number) => n,
        },
      },
    }),
  });
}

const ctx = (id: string) => ({ viewer: { id } });

async function take(iter: AsyncGenerator<any>, count: number) {
  const out = [];
  for (let i = 0; i < count; i++) out.push((await iter.next()).value);
  return out;
}

describe('shared subscription execution', () => {
  it('executes a viewer-independent subscription once per event for all its subscribers, once probed', async () => {
    const events = new EventEmitter();
    const calls = { value: 0, viewerValue: 0 };
    const schema = tickSchema(events, calls);
    const shared = new SharedSubscriptions(schema);
    const document = () => parse('subscription { tick { value } }');
    const probe = (await shared.subscribe({
      schema,
      document: document(),
      contextValue: ctx('first'),
    })) as AsyncGenerator<any>;
    const probed = probe.next();
    await new Promise((r) => setImmediate(r));
    events.emit('tick', 1);
    expect((await probed).value.data).toEqual({ tick: { value: 1 } });

    const subs = (await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        shared.subscribe({ schema, document: document(), contextValue: ctx(`u${i}`) }),
      ),
    )) as AsyncGenerator<any>[];
    expect(shared.size).toBe(2);
    calls.value = 0;
    const nexts = subs.map((s) => s.next());
    await new Promise((r) => setImmediate(r));
    events.emit('tick', 7);
    expect((await Promise.all(nexts)).map((r) => r.value.data)).toEqual(
      Array(100).fill({ tick: { value: 7 } }),
    );
    expect(calls.value).toBe(2);
    await Promise.all([...subs, probe].map((s) => s.return(undefined)));
    expect(shared.size).toBe(0);
  });

  it('never shares a document whose resolvers read the viewer, even unmarked', async () => {
    const events = new EventEmitter();
    const schema = tickSchema(events, { value: 0, viewerValue: 0 });
    const shared = new SharedSubscriptions(schema);
    const query = 'subscription { tick { greeting } }';
    const first = (await shared.subscribe({
      schema,
      document: parse(query),
      contextValue: ctx('a'),
    })) as AsyncGenerator<any>;
    const firstNext = first.next();
    await new Promise((r) => setImmediate(r));
    events.emit('tick', 1);
    expect((await firstNext).value.data.tick.greeting).toBe('hello a:1');
    const second = (await shared.subscribe({
      schema,
      document: parse(query),
      contextValue: ctx('b'),
    })) as AsyncGenerator<any>;
    expect(shared.size).toBe(2);
    const [a, b] = [first.next(), second.next()];
    await new Promise((r) => setImmediate(r));
    events.emit('tick', 2);
    expect([(await a).value.data.tick.greeting, (await b).value.data.tick.greeting]).toEqual([
      'hello a:2',
      'hello b:2',
    ]);
    await Promise.all([first.return(undefined), second.return(undefined)]);
  });

  it('executes a viewer-dependent selection once per viewer', async () => {
    const events = new EventEmitter();
    const calls = { value: 0, viewerValue: 0 };
    const schema = tickSchema(events, calls);
    const shared = new SharedSubscriptions(schema);
    const query = 'subscription { tick { viewerValue } }';
    const subs = (await Promise.all(
      ['a', 'a', 'b'].map((id) =>
        shared.subscribe({ schema, document: parse(query), contextValue: ctx(id) }),
      ),
    )) as AsyncGenerator<any>[];
    expect(shared.size).toBe(2);
    const firsts = subs.map((s) => s.next());
    await new Promise((r) => setImmediate(r));
    events.emit('tick', 1);
    expect((await Promise.all(firsts)).map((r) => r.value.data.tick.viewerValue)).toEqual([
      'a:1',
      'a:1',
      'b:1',
    ]);
    expect(calls.viewerValue).toBe(2);
    await Promise.all(subs.map((s) => s.return(undefined)));
  });

  it('gives a late subscriber the latest result at once, and a slow one only the newest', async () => {
    const events = new EventEmitter();
    const schema = tickSchema(events, { value: 0, viewerValue: 0 });
    const shared = new SharedSubscriptions(schema);
    const query = 'subscription { tick { value } }';
    const subscribe = async (id: string) =>
      (await shared.subscribe({
        schema,
        document: parse(query),
        contextValue: ctx(id),
      })) as AsyncGenerator<any>;
    const probe = await subscribe('probe');
    const probed = probe.next();
    await new Promise((r) => setImmediate(r));
    events.emit('tick', 0);
    await probed;
    const early = await subscribe('x');
    const first = early.next();
    await new Promise((r) => setImmediate(r));
    events.emit('tick', 1);
    await first;
    const late = await subscribe('y');
    expect((await late.next()).value.data).toEqual({ tick: { value: 1 } });
    for (const n of [2, 3, 4]) {
      events.emit('tick', n);
      await new Promise((r) => setImmediate(r));
    }
    expect((await take(early, 1))[0].data).toEqual({ tick: { value: 4 } });
    await Promise.all([probe, early, late].map((s) => s.return(undefined)));
  });
});
