import { randomBytes } from 'node:crypto';
import type { GraphQLClient } from './server';

export interface TestUser {
  id: string;
  handle: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
        handle
      }
      accessToken
      refreshToken
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** Signs up a new user through the API; the handle gets a random suffix unless given. */
export async function signUp(gql: GraphQLClient, handle?: string): Promise<TestUser> {
  const name = handle ?? `u_${randomBytes(4).toString('hex')}`;
  const input = {
    email: `${name}@example.com`,
    password: 'correct horse battery',
    handle: name,
    displayName: name,
  };
  const res = await gql(SIGN_UP, { input });
  const payload = res.data?.signUp;
  if (!payload?.user) throw new Error(`signUp failed: ${JSON.stringify(res.body)}`);
  return {
    id: payload.user.id,
    handle: payload.user.handle,
    email: input.email,
    password: input.password,
    token: payload.accessToken,
    refreshToken: payload.refreshToken,
  };
}

export async function signUpMany(gql: GraphQLClient, count: number, prefix = 'u'): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < count; i++)
    users.push(await signUp(gql, `${prefix}${i}_${randomBytes(3).toString('hex')}`));
  return users;
}
