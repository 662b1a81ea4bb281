/**
 * The explorer's first tabs: the main stories of Dorfmarkt as named operations, ready to run. Each tab is one
 * story; pick an operation with the run button's menu. They are written against the public contract.
 */
export interface ExampleTab {
  query: string;
  variables: string;
  headers: string;
}

const HEADERS = JSON.stringify({ Authorization: '' }, null, 2);

const json = (value: object) => JSON.stringify(value, null, 2);

const signUp: ExampleTab = {
  query: `# Welcome to Dorfmarkt's GraphQL explorer. The Docs button on the left lists every type and field.
#
# 1. Run SignUp (or Login with an existing account).
# 2. Copy the accessToken into the Headers tab below: { "Authorization": "Bearer <accessToken>" }.
#    The same header signs in subscriptions, which run over graphql-ws.
# 3. Run Me to see who you are.

mutation SignUp($signUp: SignUpInput!) {
  signUp(input: $signUp) {
    user { id handle displayName }
    accessToken
    refreshToken
    userErrors { field message code }
  }
}

mutation Login($login: LoginInput!) {
  login(input: $login) {
    user { id handle }
    accessToken
    refreshToken
    userErrors { field message code }
  }
}

query Me {
  me { id handle displayName }
}
`,
  variables: json({
    signUp: {
      email: 'greta@example.com',
      password: 'a long passphrase',
      handle: 'greta',
      displayName: 'Greta',
    },
    login: { email: 'anna@dorfmarkt.example', password: 'dorfmarkt-demo' },
  }),
  headers: HEADERS,
};

const trust: ExampleTab = {
  query: `# Trust someone: find them by handle, then trust them with a level from 1 (a little) to 5 (completely).
# Needs a signed-in viewer (the Authorization header).

query FindUser($handle: String!) {
  user(handle: $handle) { id handle displayName viewerTrust }
}

mutation TrustUser($userId: ID!, $level: Int!) {
  trustUser(input: { userId: $userId, level: $level }) {
    user { id handle viewerTrust }
    userErrors { field message code }
  }
}

query MyTrustees {
  me {
    trusteeCount
    trustees(first: 20) {
      edges { level node { handle displayName } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`,
  variables: json({ handle: 'anna', userId: '<the id from FindUser>', level: 4 }),
  headers: HEADERS,
};

const productPage: ExampleTab = {
  query: `# A product page: the product, its merchant, its ratings (the trusted rating is weighted by the people you
# trust) and the reviews of the people you trust first. FindProducts gives product IDs.

query FindProducts($search: String) {
  products(first: 10, query: $search) {
    nodes { id title price { amount currencyCode } }
  }
}

query ProductPage($productId: ID!) {
  product(id: $productId) {
    id
    title
    price { amount currencyCode }
    merchant { id name region }
    ratingSummary { average count }
    trustedRating { value basedOn }
    reviews(first: 10, orderBy: MOST_TRUSTED) {
      totalCount
      nodes {
        id rating title body createdAt helpfulCount viewerTrust
        author { handle displayName }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`,
  variables: json({ search: 'honey', productId: '<an id from FindProducts>' }),
  headers: HEADERS,
};

const joinPool: ExampleTab = {
  query: `# Buy together: find an open pool, watch it fill up live (WatchPool runs over graphql-ws; run JoinPool
# in another tab or browser to see it move), and join it. Joining needs a signed-in viewer. A pool's live page
# is at /pools/<pool id>.

query OpenPools {
  pools(status: [OPEN, TIPPED], first: 10) {
    nodes {
      id status committedQuantity capacity deadline
      currentUnitPrice { amount currencyCode }
    }
  }
}

subscription WatchPool($poolId: ID!) {
  poolUpdated(poolId: $poolId) {
    id status committedQuantity participantCount capacity deadline
    currentUnitPrice { amount currencyCode }
    nextTier { minQuantity unitPrice { amount currencyCode } }
    unitsToNextTier
  }
}

mutation JoinPool($poolId: ID!, $quantity: Int!, $idempotencyKey: String!) {
  joinPool(input: { poolId: $poolId, quantity: $quantity, idempotencyKey: $idempotencyKey }) {
    pool { id committedQuantity currentUnitPrice { amount currencyCode } }
    membership { quantity }
    userErrors { field message code }
  }
}
`,
  variables: json({ poolId: '<an id from OpenPools>', quantity: 2, idempotencyKey: 'my-first-join' }),
  headers: HEADERS,
};

export const exampleTabs: ExampleTab[] = [signUp, trust, productPage, joinPool];
