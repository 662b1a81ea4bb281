import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionArgs } from '../core/relay/connection-args';
import { Payload } from '../core/errors/payload';
import { Alliance } from './alliance.entity';
import { Merchant } from './merchant.entity';

@InputType({ description: 'A new shop; its creator becomes its owner.' })
export class CreateMerchantInput {
  @Field({ description: 'The shop’s name, 1–80 characters.' })
  name: string;

  @Field({ description: 'What the shop is about, up to 2,000 characters; may be empty.' })
  description: string;

  @Field({ description: 'Where the shop is, e.g. "Allgäu", 1–80 characters.' })
  region: string;
}

@ObjectType({ description: 'The result of createMerchant.' })
export class CreateMerchantPayload extends Payload {
  @Field(() => Merchant, { nullable: true, description: 'The new shop.' })
  merchant?: Merchant | null;
}

@InputType({ description: 'A person to add to, or remove from, a shop’s staff.' })
export class MerchantStaffInput {
  @Field(() => ID, { description: 'The shop; only its owner may change the staff.' })
  merchantId: string;

  @Field(() => ID, { description: 'The person.' })
  userId: string;
}

@ObjectType({ description: 'The result of addMerchantStaff or removeMerchantStaff.' })
export class MerchantStaffPayload extends Payload {
  @Field(() => Merchant, { nullable: true, description: 'The shop.' })
  merchant?: Merchant | null;
}

@InputType({ description: 'A new alliance, founded by one shop, which becomes its first member.' })
export class CreateAllianceInput {
  @Field(() => ID, { description: 'The founding shop; only its owner may found an alliance for it.' })
  merchantId: string;

  @Field({ description: 'The alliance’s name, 1–80 characters.' })
  name: string;

  @Field({ description: 'What the members do together, up to 2,000 characters; may be empty.' })
  description: string;
}

@ObjectType({ description: 'The result of createAlliance.' })
export class CreateAlliancePayload extends Payload {
  @Field(() => Alliance, { nullable: true, description: 'The new alliance.' })
  alliance?: Alliance | null;
}

@InputType({ description: 'A shop joining an alliance of its region (leaving any alliance before).' })
export class JoinAllianceInput {
  @Field(() => ID, { description: 'The alliance to join.' })
  allianceId: string;

  @Field(() => ID, { description: 'The shop; only its owner may decide.' })
  merchantId: string;
}

@InputType({ description: 'A shop leaving its alliance.' })
export class LeaveAllianceInput {
  @Field(() => ID, { description: 'The shop; only its owner may decide.' })
  merchantId: string;
}

@ObjectType({ description: 'The result of joinAlliance or leaveAlliance.' })
export class AllianceMembershipPayload extends Payload {
  @Field(() => Merchant, { nullable: true, description: 'The shop, with its alliance now.' })
  merchant?: Merchant | null;
}

@InputType({ description: 'What to change about a shop; only the fields given change.' })
export class UpdateMerchantInput {
  @Field(() => ID, { description: 'The shop; its staff may change it.' })
  merchantId: string;

  @Field(() => String, { nullable: true, description: 'The new name, 1–80 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new description, up to 2,000 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The new region, 1–80 characters.' })
  region?: string | null;
}

@ObjectType({ description: 'The result of updateMerchant.' })
export class UpdateMerchantPayload extends Payload {
  @Field(() => Merchant, { nullable: true, description: 'The shop as it is now; null when refused.' })
  merchant?: Merchant | null;
}

@ArgsType()
export class MerchantsArguments extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Words the shop’s name contains.' })
  query?: string | null;

  @Field(() => String, { nullable: true, description: 'Only shops of this region (case does not matter).' })
  region?: string | null;
}
