import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { ConnectionArgs } from '../core/relay/connection-args';

@InputType({ description: 'Which notifications to mark read.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], {
    nullable: true,
    description: 'The notifications to mark read; null or left out marks all of yours read.',
  })
  ids?: string[] | null;
}

@ObjectType({ description: 'The result of markNotificationsRead.' })
export class MarkNotificationsReadPayload extends Payload {
  @Field(() => Int, { nullable: true, description: 'How many of your notifications are still unread.' })
  unreadCount?: number | null;
}

@ArgsType()
export class NotificationArgs extends ConnectionArgs {
  @Field({ nullable: true, defaultValue: false, description: 'Only the unread ones.' })
  unreadOnly: boolean;
}
