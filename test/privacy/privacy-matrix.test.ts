import { type TestUser, createUser } from '../helpers/factories';
import {
  createPool,
  createProduct,
  joinPool,
  placeOrder,
  recommend,
  updatePrivacy,
} from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { trust } from '../helpers/trust-factories';

/**
 * The privacy matrix: for every protected field and list (a row), each audience its owner can choose, and each kind
 * of viewer, the value is the owner's data exactly when the audience includes the viewer, and the hidden value
 * otherwise. TRUST_NETWORK means the people the owner trusts directly, so someone trusted by a trusted person is
 * still outside. A slice that protects another area adds a row.
 *
 * The trust among them, made through trustUser: the owner trusts `trusted` (5) and then a neighbour (3), and is
 * trusted by `trusted` (4); `trusted` and `trustedOfTrusted` trust each other (5); `trusted`, `trustedOfTrusted` and
 * the stranger each trust the neighbour (2).
 */
type ViewerKind = 'owner' | 'trusted' | 'trustedOfTrusted' | 'stranger' | 'anonymous';
const VIEWERS: ViewerKind[] = ['owner', 'trusted', 'trustedOfTrusted', 'stranger', 'anonymous'];
const AUDIENCES = ['PUBLIC', 'TRUST_NETWORK', 'PRIVATE'] as const;
type Audience = (typeof AUDIENCES)[number];

const SEES: Record<Audience | 'OWNER_ONLY', ViewerKind[]> = {
  PUBLIC: VIEWERS,
  TRUST_NETWORK: ['owner', 'trusted'],
  PRIVATE: ['owner'],
  OWNER_ONLY: ['owner'],
};

interface World {
  server: TestServer;
  owner: TestUser;
  viewers: Record<ViewerKind, string | null>;
  /** A pool the owner joined with 2 units, and the owner's direct order of 2. */
  poolId: string;
  orderId: string;
}

interface MatrixRow {
  name: string;
  /** The UpdatePrivacySettingsInput field that chooses the audience; null for data only its owner ever sees. */
  setting: string | null;
  /** Reads the protected value about the owner, as the viewer (a token, or null for anonymous). */
  read: (world: World, token: string | null) => Promise<unknown>;
  /** The owner's data, as a viewer who may see it gets it. */
  visible: unknown;
  /** What a viewer who may not see it gets. */
  hidden: unknown;
  /** Where the owner's data differs by viewer (whom both trust), what each viewer who may see it gets. */
  visibleAs?: Partial<Record<ViewerKind, unknown>>;
  /** The viewers for whom the data exists at all, privacy aside (people the viewer trusts); all by default. */
  onlyFor?: ViewerKind[];
}

/** A trust-list connection: newest trust first, each with its level. */
const trustList = (field: string, people: Array<[handle: string, level: number]>) => ({
  [field]: {
    totalCount: people.length,
    edges: people.map(([handle, level]) => ({ level, node: { handle } })),
  },
});
const TRUST_LIST = 'totalCount edges { level node { handle } }';

const userField = (selection: string) => async (world: World, token: string | null) => {
  const res = await world.server.gql(
    `query ($h: String!) { user(handle: $h) { ${selection} } }`,
    { h: world.owner.handle },
    token,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.user;
};

const poolField = (selection: string) => async (world: World, token: string | null) => {
  const res = await world.server.gql(
    `query ($id: ID!) { pool(id: $id) { ${selection} } }`,
    { id: world.poolId },
    token,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.pool;
};

const ROWS: MatrixRow[] = [
  {
    name: 'profile: bio',
    setting: 'profileAudience',
    read: userField('bio'),
    visible: { bio: 'Keeps bees above Kempten.' },
    hidden: { bio: null },
  },
  {
    name: 'profile: region',
    setting: 'profileAudience',
    read: userField('region'),
    visible: { region: 'Allgäu' },
    hidden: { region: null },
  },
  {
    name: 'profile: bio and region through node(id:)',
    setting: 'profileAudience',
    read: async (world, token) => {
      const res = await world.server.gql(
        `query ($id: ID!) { node(id: $id) { ... on User { handle bio region } } }`,
        { id: world.owner.id },
        token,
      );
      return res.data.node;
    },
    visible: { handle: 'matrix_owner', bio: 'Keeps bees above Kempten.', region: 'Allgäu' },
    hidden: { handle: 'matrix_owner', bio: null, region: null },
  },
  {
    name: 'privacy settings',
    setting: null,
    read: userField('privacySettings { personalization }'),
    visible: { privacySettings: { personalization: true } },
    hidden: { privacySettings: null },
  },
  {
    name: 'preferences',
    setting: null,
    read: userField('preferences { avoidTags }'),
    visible: { preferences: { avoidTags: ['nuts'] } },
    hidden: { preferences: null },
  },
  {
    name: 'consent log',
    setting: null,
    // The oldest entry: the rows above change the profile audience, each change a newer entry.
    read: userField('consentLog(last: 1) { nodes { setting newValue } }'),
    visible: { consentLog: { nodes: [{ setting: 'PERSONALIZATION', newValue: 'true' }] } },
    hidden: { consentLog: { nodes: [] } },
  },
  {
    name: 'notifications',
    setting: null,
    read: userField('notifications { totalCount nodes { kind note } }'),
    visible: { notifications: { totalCount: 1, nodes: [{ kind: 'PRODUCT_RECOMMENDED', note: 'Try it' }] } },
    hidden: { notifications: { totalCount: 0, nodes: [] } },
  },
  {
    name: 'pool participation: GroupBuyPool.participants',
    setting: 'poolParticipationAudience',
    // totalCount counts every member, seen or not: how full a pool is, is public.
    read: poolField('participants { totalCount edges { quantity node { handle } } }'),
    visible: { participants: { totalCount: 1, edges: [{ quantity: 2, node: { handle: 'matrix_owner' } }] } },
    hidden: { participants: { totalCount: 1, edges: [] } },
  },
  {
    name: 'pool participation: GroupBuyPool.trustedParticipants',
    setting: 'poolParticipationAudience',
    read: poolField('trustedParticipants { handle }'),
    visible: { trustedParticipants: [{ handle: 'matrix_owner' }] },
    hidden: { trustedParticipants: [] },
    // Only those who trust the owner (directly or through others) have the owner among trusted participants.
    onlyFor: ['trusted', 'trustedOfTrusted'],
  },
  {
    name: 'trust lists: User.trustees',
    setting: 'trustListAudience',
    read: userField(`trustees { ${TRUST_LIST} }`),
    visible: trustList('trustees', [
      ['matrix_neighbour', 3],
      ['matrix_trusted', 5],
    ]),
    hidden: trustList('trustees', []),
  },
  {
    name: 'trust lists: User.trusters',
    setting: 'trustListAudience',
    read: userField(`trusters { ${TRUST_LIST} }`),
    visible: trustList('trusters', [['matrix_trusted', 4]]),
    // The edge is also part of matrix_trusted's own list (TRUST_NETWORK: it and whom it trusts), which admits
    // neither the stranger nor anonymous viewers whatever the owner's audience.
    visibleAs: { stranger: trustList('trusters', []), anonymous: trustList('trusters', []) },
    hidden: trustList('trusters', []),
  },
  {
    name: 'trust lists: User.mutualTrustees',
    setting: 'trustListAudience',
    read: userField(`mutualTrustees { ${TRUST_LIST} }`),
    // Whom both the owner and the viewer trust, with the owner's level; nobody for an anonymous viewer.
    visible: trustList('mutualTrustees', [['matrix_neighbour', 3]]),
    visibleAs: {
      owner: trustList('mutualTrustees', [
        ['matrix_neighbour', 3],
        ['matrix_trusted', 5],
      ]),
      trustedOfTrusted: trustList('mutualTrustees', [
        ['matrix_neighbour', 3],
        ['matrix_trusted', 5],
      ]),
    },
    hidden: trustList('mutualTrustees', []),
    onlyFor: ['owner', 'trusted', 'trustedOfTrusted', 'stranger'],
  },
  {
    name: 'trust lists: trusteeCount and trusterCount stay public',
    setting: 'trustListAudience',
    read: userField('trusteeCount trusterCount'),
    visible: { trusteeCount: 2, trusterCount: 1 },
    hidden: { trusteeCount: 2, trusterCount: 1 },
  },
  {
    name: 'order history: User.orders',
    setting: 'orderHistoryAudience',
    read: userField('orders { totalCount nodes { title quantity } }'),
    visible: { orders: { totalCount: 1, nodes: [{ title: 'Bergkäse', quantity: 2 }] } },
    hidden: { orders: { totalCount: 0, nodes: [] } },
  },
  {
    name: 'order history: an order through node(id:)',
    setting: 'orderHistoryAudience',
    read: async (world, token) => {
      const res = await world.server.gql(
        `query ($id: ID!) { node(id: $id) { ... on Order { title quantity } } }`,
        { id: world.orderId },
        token,
      );
      return res.data.node;
    },
    visible: { title: 'Bergkäse', quantity: 2 },
    hidden: null,
  },
];

describe('privacy matrix', () => {
  const world = {} as World;
  beforeAll(async () => {
    world.server = await startTestServer();
    const { gql } = world.server;
    const [owner, trusted, trustedOfTrusted, stranger, neighbour] = [
      await createUser(world.server, { handle: 'matrix_owner' }),
      await createUser(world.server, { handle: 'matrix_trusted' }),
      await createUser(world.server, { handle: 'matrix_trusted_of_trusted' }),
      await createUser(world.server, { handle: 'matrix_stranger' }),
      await createUser(world.server, { handle: 'matrix_neighbour' }),
    ];
    await trust(gql, owner, trusted.id, 5);
    await trust(gql, trusted, trustedOfTrusted.id, 5);
    // And back, so that the owner is among the trusted participants of a pool for those two.
    await trust(gql, trusted, owner.id, 4);
    await trust(gql, trustedOfTrusted, trusted.id, 5);
    // Someone the owner and every signed-in viewer but the owner trust, for mutualTrustees.
    await trust(gql, owner, neighbour.id, 3);
    for (const viewer of [trusted, trustedOfTrusted, stranger]) await trust(gql, viewer, neighbour.id, 2);
    await gql(
      `mutation { updateProfile(input: { bio: "Keeps bees above Kempten.", region: "Allgäu" }) { userErrors { code } } }`,
      {},
      owner.token,
    );
    await updatePrivacy(gql, owner, { personalization: true });
    await gql(
      `mutation { updatePreferences(input: { avoidTags: ["nuts"] }) { userErrors { code } } }`,
      {},
      owner.token,
    );
    const product = await createProduct(world.server);
    await recommend(gql, trusted, product, [owner], 'Try it');
    const pool = await createPool(gql, product);
    await joinPool(gql, owner, pool, 2);
    world.poolId = pool.id;
    world.orderId = (await placeOrder(gql, owner, product, 2)).id;
    world.owner = owner;
    world.viewers = {
      owner: owner.token,
      trusted: trusted.token,
      trustedOfTrusted: trustedOfTrusted.token,
      stranger: stranger.token,
      anonymous: null,
    };
  });
  afterAll(() => world.server.close());

  type Case = [string, keyof typeof SEES, MatrixRow];
  const cases = ROWS.flatMap((row): Case[] =>
    row.setting
      ? AUDIENCES.map((audience): Case => [row.name, audience, row])
      : [[row.name, 'OWNER_ONLY', row]],
  );

  it.each(cases)('%s, audience %s', async (_name, audience, row) => {
    if (row.setting) await updatePrivacy(world.server.gql, world.owner, { [row.setting]: audience });
    const seen: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const viewer of VIEWERS) {
      seen[viewer] = await row.read(world, world.viewers[viewer]);
      const exists = !row.onlyFor || row.onlyFor.includes(viewer);
      const visible = row.visibleAs?.[viewer] ?? row.visible;
      expected[viewer] = exists && SEES[audience].includes(viewer) ? visible : row.hidden;
    }
    expect(seen).toEqual(expected);
  });
});
