import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { MoneyInput } from '../core/money';
import { Product } from './product.entity';

@InputType({ description: 'A new product of a shop; only the shop’s staff may add it.' })
export class CreateProductInput {
  @Field(() => ID, { description: 'The shop offering it.' })
  merchantId: string;

  @Field({ description: 'The product’s name, 1–120 characters.' })
  title: string;

  @Field({ description: 'What it is, up to 5,000 characters; may be empty.' })
  description: string;

  @Field({ description: 'A free-form category such as "Cheese", 1–60 characters.' })
  category: string;

  @Field(() => [String], {
    description: 'Free-form tags such as "vegetarian" or "contains-nuts": at most 20, each 1–40 characters.',
  })
  tags: string[];

  @Field(() => MoneyInput, { description: 'The list price of one unit; more than zero.' })
  price: MoneyInput;

  @Field(() => Int, { description: 'Units in stock, 0–1,000,000.' })
  stock: number;
}

@ObjectType({ description: 'The result of createProduct.' })
export class CreateProductPayload extends Payload {
  @Field(() => Product, { nullable: true, description: 'The new product.' })
  product?: Product | null;
}

@InputType({ description: 'Changes to a product; only the fields given change. Only the shop’s staff may.' })
export class UpdateProductInput {
  @Field(() => ID, { description: 'The product to change.' })
  productId: string;

  @Field(() => String, { nullable: true, description: 'The new name, 1–120 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The new description, up to 5,000 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The new category, 1–60 characters.' })
  category?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new tags, replacing all of the old ones.' })
  tags?: string[] | null;

  @Field(() => MoneyInput, { nullable: true, description: 'The new list price.' })
  price?: MoneyInput | null;

  @Field(() => Int, { nullable: true, description: 'The new stock, 0–1,000,000.' })
  stock?: number | null;
}

@ObjectType({ description: 'The result of updateProduct.' })
export class UpdateProductPayload extends Payload {
  @Field(() => Product, { nullable: true, description: 'The product as changed.' })
  product?: Product | null;
}

@InputType({ description: 'The product to archive.' })
export class ArchiveProductInput {
  @Field(() => ID, { description: 'The product; its shop’s staff may archive it.' })
  productId: string;
}

@ObjectType({ description: 'The result of archiveProduct.' })
export class ArchiveProductPayload extends Payload {
  @Field(() => Product, { nullable: true, description: 'The product, archived; null when refused.' })
  product?: Product | null;
}
