import {
  Arg,
  Ctx,
  Field,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from './context';
import { Database } from './db/database';
import { EventBus } from './pubsub/event-bus';
import { connectionOf, encodeCursor, pageWindow, toConnection } from './relay/connection';

/** A test-only object with a nested connection and an endless chain of children: depth and cost to test limits. */
@ObjectType({ description: 'A test-only item.' })
class TestItem {
  @Field(() => Int, { description: 'Its number.' })
  n: number;

  @Field(() => TestItem, { description: 'The next item, endlessly: as deep as a query likes.' })
  child(): TestItem {
    return Object.assign(new TestItem(), { n: this.n + 1 });
  }

  @Field(() => TestItemConnection, { description: 'A page of sub-items, made up without the database.' })
  children(
    @Arg('first', () => Int, { nullable: true, description: 'Page size.' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor.' }) _after?: string,
  ): object {
    const { limit } = pageWindow({ first });
    return testItemPage(Array.from({ length: limit }, (_, i) => this.n * 1000 + i));
  }
}

const { Connection: TestItemConnection } = connectionOf('TestItem', () => TestItem, 'test item');

function testItemPage(numbers: number[]): object {
  return toConnection(TestItemConnection, {
    edges: numbers.map((n) => ({ cursor: encodeCursor([n]), node: Object.assign(new TestItem(), { n }) })),
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: async () => numbers.length,
  });
}

/** Test-only operations, mounted when TEST_HOOKS=true outside production and absent from the published schema. */
@Resolver()
export class TestHooksResolver {
  @Query(() => Int, { description: 'Waits `ms` milliseconds, then answers them; for shutdown tests.' })
  async testSleep(@Arg('ms', () => Int) ms: number): Promise<number> {
    await new Promise((done) => setTimeout(done, Math.min(ms, 30_000)));
    return ms;
  }

  @Query(() => TestItemConnection, {
    description: 'A page of test items, read from the database (one statement), so that tests see work done.',
  })
  async testItems(
    @Arg('first', () => Int, { nullable: true, description: 'Page size.' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor.' }) _after: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<object> {
    const { limit } = pageWindow({ first });
    const rows = await ctx.container
      .get(Database)
      .query<{ n: number }>('SELECT generate_series(1, $1::int) AS n', [limit]);
    return testItemPage(rows.map((r) => r.n));
  }

  @Query(() => TestItem, { description: 'The first test item; follow `child` as deep as you like.' })
  testItem(): TestItem {
    return Object.assign(new TestItem(), { n: 1 });
  }

  @Subscription(() => Int, {
    description: 'Counts 1, 2, 3, … every `everyMs` milliseconds; an open subscription for shutdown tests.',
    subscribe: ({ args }) => ticks(Math.max(10, args.everyMs as number)),
  })
  testTicks(@Root() tick: number, @Arg('everyMs', () => Int) _everyMs: number): number {
    return tick;
  }

  @Subscription(() => String, {
    description: 'Messages published with testPublish on `topic`, from any instance (through the event bus).',
    topics: ({ args }) => `test:${args.topic as string}`,
  })
  testEvents(@Root() message: string, @Arg('topic') _topic: string): string {
    return message;
  }

  @Mutation(() => Boolean, { description: 'Publishes `message` on `topic` to every instance.' })
  testPublish(@Arg('topic') topic: string, @Arg('message') message: string, @Ctx() ctx: Context): boolean {
    ctx.container.get(EventBus).publish(`test:${topic}`, message);
    return true;
  }
}

async function* ticks(everyMs: number): AsyncGenerator<number> {
  for (let tick = 1; ; tick++) {
    await sleep(everyMs);
    yield tick;
  }
}
