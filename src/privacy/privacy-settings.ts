import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Audience, type User } from '../users/user.entity';

/** The settings a person controls, as the consent log names them. */
export enum PrivacySettingName {
  PROFILE_AUDIENCE = 'PROFILE_AUDIENCE',
  TRUST_LIST_AUDIENCE = 'TRUST_LIST_AUDIENCE',
  POOL_PARTICIPATION_AUDIENCE = 'POOL_PARTICIPATION_AUDIENCE',
  ORDER_HISTORY_AUDIENCE = 'ORDER_HISTORY_AUDIENCE',
  DISCOVERABLE = 'DISCOVERABLE',
  PERSONALIZATION = 'PERSONALIZATION',
  ACCEPT_RECOMMENDATIONS_FROM = 'ACCEPT_RECOMMENDATIONS_FROM',
  OFFERS_FROM_MERCHANT = 'OFFERS_FROM_MERCHANT',
  OFFERS_FOR_CATEGORY = 'OFFERS_FOR_CATEGORY',
}

registerEnumType(PrivacySettingName, {
  name: 'PrivacySettingName',
  description: 'A privacy setting, as the consent log names it.',
  valuesConfig: {
    PROFILE_AUDIENCE: { description: 'Who sees bio and region.' },
    TRUST_LIST_AUDIENCE: { description: 'Who sees whom one trusts and who trusts one.' },
    POOL_PARTICIPATION_AUDIENCE: { description: 'Who sees which group buys one joined.' },
    ORDER_HISTORY_AUDIENCE: { description: 'Who sees what one ordered.' },
    DISCOVERABLE: { description: 'Whether one appears in others’ friend recommendations.' },
    PERSONALIZATION: { description: 'Whether one’s activity is used for one’s product recommendations.' },
    ACCEPT_RECOMMENDATIONS_FROM: { description: 'Whose product recommendations reach one.' },
    OFFERS_FROM_MERCHANT: {
      description: 'Offers allowed from one shop (the event’s subject, its global ID).',
    },
    OFFERS_FOR_CATEGORY: { description: 'Offers allowed for one category (the event’s subject).' },
  },
});

/** The users columns behind each setting, in the order the settings are shown. */
export const PRIVACY_SETTINGS = [
  { name: PrivacySettingName.PROFILE_AUDIENCE, column: 'profileAudience' },
  { name: PrivacySettingName.TRUST_LIST_AUDIENCE, column: 'trustListAudience' },
  { name: PrivacySettingName.POOL_PARTICIPATION_AUDIENCE, column: 'poolParticipationAudience' },
  { name: PrivacySettingName.ORDER_HISTORY_AUDIENCE, column: 'orderHistoryAudience' },
  { name: PrivacySettingName.DISCOVERABLE, column: 'discoverable' },
  { name: PrivacySettingName.PERSONALIZATION, column: 'personalization' },
  { name: PrivacySettingName.ACCEPT_RECOMMENDATIONS_FROM, column: 'acceptRecommendationsFrom' },
] as const satisfies ReadonlyArray<{ name: PrivacySettingName; column: keyof User }>;

export type PrivacySettingColumn = (typeof PRIVACY_SETTINGS)[number]['column'];

@ObjectType({
  description:
    'Who may see what of one’s data, and what one wants back. Only the owner reads these; every change is in the consent log.',
})
export class PrivacySettings {
  @Field(() => Audience, { description: 'Who sees bio and region. Default PUBLIC.' })
  profileAudience: Audience;

  @Field(() => Audience, {
    description: 'Who sees whom one trusts and who trusts one. Default TRUST_NETWORK.',
  })
  trustListAudience: Audience;

  @Field(() => Audience, { description: 'Who sees which group buys one joined. Default TRUST_NETWORK.' })
  poolParticipationAudience: Audience;

  @Field(() => Audience, { description: 'Who sees what one ordered. Default PRIVATE.' })
  orderHistoryAudience: Audience;

  @Field({ description: 'Whether one appears in others’ friend recommendations. Default true.' })
  discoverable: boolean;

  @Field({
    description:
      'Whether one’s activity (reviews, purchases, group buys of people one trusts) is used to recommend products to one. Default false: an opt-in.',
  })
  personalization: boolean;

  @Field(() => Audience, {
    description:
      'Whose product recommendations reach one: PUBLIC anyone, TRUST_NETWORK only people one trusts, PRIVATE nobody. Default TRUST_NETWORK.',
  })
  acceptRecommendationsFrom: Audience;

  static of(user: Pick<User, PrivacySettingColumn>): PrivacySettings {
    const settings = new PrivacySettings();
    for (const { column } of PRIVACY_SETTINGS) Object.assign(settings, { [column]: user[column] });
    return settings;
  }
}
