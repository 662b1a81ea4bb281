import { ArgsType, Field, Int } from 'type-graphql';
import { MAX_PAGE_SIZE, type PageArgs } from './connection';

/**
 * The Relay pagination arguments every connection field takes. A field with filters of its own extends it
 * (`class PoolsArgs extends ConnectionArgs { status … }`).
 */
@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items from the start (after \`after\`), 0–${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Start after the edge with this cursor.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items from the end (before \`before\`), 0–${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'End before the edge with this cursor.' })
  before?: string | null;
}
