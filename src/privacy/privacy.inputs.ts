import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { Payload } from '../core/errors/payload';
import { Audience } from '../users/user.entity';
import { Preferences } from './preferences.entity';
import { PrivacySettings } from './privacy-settings';

@InputType({
  description: 'Changes to one’s privacy settings; only the fields given change, each is logged.',
})
export class UpdatePrivacySettingsInput {
  @Field(() => Audience, { nullable: true, description: 'Who sees bio and region.' })
  profileAudience?: Audience | null;

  @Field(() => Audience, { nullable: true, description: 'Who sees one’s trust lists.' })
  trustListAudience?: Audience | null;

  @Field(() => Audience, { nullable: true, description: 'Who sees which group buys one joined.' })
  poolParticipationAudience?: Audience | null;

  @Field(() => Audience, { nullable: true, description: 'Who sees what one ordered.' })
  orderHistoryAudience?: Audience | null;

  @Field(() => Boolean, { nullable: true, description: 'Appear in others’ friend recommendations.' })
  discoverable?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Use one’s activity for one’s recommendations.' })
  personalization?: boolean | null;

  @Field(() => Audience, { nullable: true, description: 'Whose product recommendations reach one.' })
  acceptRecommendationsFrom?: Audience | null;
}

@ObjectType({ description: 'The result of updatePrivacySettings.' })
export class UpdatePrivacySettingsPayload extends Payload {
  @Field(() => PrivacySettings, { nullable: true, description: 'The settings now in force.' })
  privacySettings?: PrivacySettings | null;
}

@InputType({ description: 'Changes to what one wants offered; only the fields given change.' })
export class UpdatePreferencesInput {
  @Field(() => [String], {
    nullable: true,
    description:
      'Tags never to be shown, e.g. ["nuts", "meat"]; replaces the list. At most 50, each 1–40 characters.',
  })
  avoidTags?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Tags and categories of interest; replaces the list. At most 50, each 1–40 characters.',
  })
  interests?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The most offers a week, 0–100; an explicit null removes the limit, leaving it out keeps it.',
  })
  maxOffersPerWeek?: number | null;
}

@ObjectType({ description: 'The result of updatePreferences.' })
export class UpdatePreferencesPayload extends Payload {
  @Field(() => Preferences, { nullable: true, description: 'The preferences now in force.' })
  preferences?: Preferences | null;
}

@InputType({ description: 'The password, to confirm that it is really the account holder asking.' })
export class ExportMyDataInput {
  @Field({ description: 'The account’s password.' })
  password: string;
}

@ObjectType({ description: 'The result of exportMyData.' })
export class ExportMyDataPayload extends Payload {
  @Field(() => JSONResolver, {
    nullable: true,
    description:
      'Everything stored about the account, as one JSON document; people are named by handle and global ID.',
  })
  export?: Record<string, unknown> | null;
}

export enum ReviewErasure {
  DELETE = 'DELETE',
  ANONYMIZE = 'ANONYMIZE',
}

registerEnumType(ReviewErasure, {
  name: 'ReviewErasure',
  description:
    'What becomes of one’s reviews, questions and answers when the account is deleted. Replies and answers written for a shop as its staff always stay, without the author.',
  valuesConfig: {
    DELETE: {
      description:
        'They are deleted with the account (a question with its answers); ratings and counts are corrected.',
    },
    ANONYMIZE: { description: 'They stay, without an author; ratings keep counting.' },
  },
});

@InputType({ description: 'Deletes the account for good.' })
export class DeleteMyAccountInput {
  @Field({ description: 'The account’s password.' })
  password: string;

  @Field(() => ReviewErasure, {
    description: 'Whether one’s reviews, questions and answers are deleted or kept without an author.',
  })
  reviews: ReviewErasure;
}

@ObjectType({ description: 'The result of deleteMyAccount.' })
export class DeleteMyAccountPayload extends Payload {}
