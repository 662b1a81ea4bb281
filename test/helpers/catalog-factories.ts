import { randomBytes } from 'node:crypto';
import type { GraphQLClient } from './server';

/** The fields every factory returns; ids are global IDs. */
export interface CreatedMerchant {
  id: string;
  name: string;
  region: string;
}

export interface CreatedProduct {
  id: string;
  title: string;
  merchantId: string;
}

export interface CreatedReview {
  id: string;
  rating: number;
}

const suffix = () => randomBytes(3).toString('hex');

/** Fails the test with the whole response when a mutation did not succeed. */
function payloadOf(res: { data: any; body: any }, field: string): any {
  const payload = res.data?.[field];
  if (!payload || payload.userErrors?.length) throw new Error(`${field} failed: ${JSON.stringify(res.body)}`);
  return payload;
}

/** Opens a shop owned by the token's user. */
export async function createMerchant(
  gql: GraphQLClient,
  token: string,
  input: Partial<{ name: string; description: string; region: string }> = {},
): Promise<CreatedMerchant> {
  const res = await gql(
    `mutation($input: CreateMerchantInput!) {
      createMerchant(input: $input) { merchant { id name region } userErrors { field message code } }
    }`,
    { input: { name: `Shop ${suffix()}`, description: 'A village shop.', region: 'Allgäu', ...input } },
    token,
  );
  return payloadOf(res, 'createMerchant').merchant;
}

/** Adds a product to a shop the token's user is staff of; EUR 4.50, 10 in stock unless given. */
export async function createProduct(
  gql: GraphQLClient,
  token: string,
  merchantId: string,
  input: Partial<{
    title: string;
    description: string;
    category: string;
    tags: string[];
    price: { amount: string; currencyCode: string };
    stock: number;
  }> = {},
): Promise<CreatedProduct> {
  const res = await gql(
    `mutation($input: CreateProductInput!) {
      createProduct(input: $input) { product { id title } userErrors { field message code } }
    }`,
    {
      input: {
        merchantId,
        title: `Product ${suffix()}`,
        description: 'Made in the village.',
        category: 'Groceries',
        tags: [],
        price: { amount: '4.50', currencyCode: 'EUR' },
        stock: 10,
        ...input,
      },
    },
    token,
  );
  return { ...payloadOf(res, 'createProduct').product, merchantId };
}

/** A shop with one product, both owned by the token's user. */
export async function createMerchantWithProduct(
  gql: GraphQLClient,
  token: string,
): Promise<{ merchant: CreatedMerchant; product: CreatedProduct }> {
  const merchant = await createMerchant(gql, token);
  const product = await createProduct(gql, token, merchant.id);
  return { merchant, product };
}

/** Writes (or edits) the token's user's review of a product. */
export async function writeReview(
  gql: GraphQLClient,
  token: string,
  productId: string,
  input: Partial<{ rating: number; title: string; body: string }> = {},
): Promise<CreatedReview> {
  const res = await gql(
    `mutation($input: WriteReviewInput!) {
      writeReview(input: $input) { review { id rating } userErrors { field message code } }
    }`,
    { input: { productId, rating: 4, title: 'Good', body: 'Would buy again.', ...input } },
    token,
  );
  return payloadOf(res, 'writeReview').review;
}

export async function askQuestion(
  gql: GraphQLClient,
  token: string,
  productId: string,
  body = 'Is it organic?',
): Promise<{ id: string }> {
  const res = await gql(
    `mutation($input: AskQuestionInput!) {
      askQuestion(input: $input) { question { id } userErrors { field message code } }
    }`,
    { input: { productId, body } },
    token,
  );
  return payloadOf(res, 'askQuestion').question;
}

export async function answerQuestion(
  gql: GraphQLClient,
  token: string,
  questionId: string,
  body = 'Yes, it is.',
): Promise<{ id: string; byMerchant: boolean }> {
  const res = await gql(
    `mutation($input: AnswerQuestionInput!) {
      answerQuestion(input: $input) { answer { id byMerchant } userErrors { field message code } }
    }`,
    { input: { questionId, body } },
    token,
  );
  return payloadOf(res, 'answerQuestion').answer;
}
