import { startTestServer, type TestServer } from '../helpers/server';
import { createUser } from '../helpers/factories';

describe('privacy settings, consent log and preferences', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('starts from the defaults: profile public, lists and pools to the trust network, orders private, personalization off', async () => {
    const user = await createUser(server);
    const res = await server.gql(ME_SETTINGS, {}, user.token);
    expect(res.data.me.privacySettings).toEqual({
      profileAudience: 'PUBLIC',
      trustListAudience: 'TRUST_NETWORK',
      poolParticipationAudience: 'TRUST_NETWORK',
      orderHistoryAudience: 'PRIVATE',
      discoverable: true,
      personalization: false,
      acceptRecommendationsFrom: 'TRUST_NETWORK',
    });
    expect(res.data.me.consentLog).toEqual({ totalCount: 0, nodes: [] });
    expect(res.data.me.preferences).toEqual({ avoidTags: [], interests: [], maxOffersPerWeek: 3 });
  });

  it('changes only the settings given and logs each real change with its time, newest first', async () => {
    const user = await createUser(server);
    const before = Date.now();
    const first = await server.gql(
      UPDATE,
      { input: { personalization: true, profileAudience: 'PUBLIC', discoverable: null } },
      user.token,
    );
    expect(first.data.updatePrivacySettings).toEqual({
      userErrors: [],
      privacySettings: expect.objectContaining({
        personalization: true,
        profileAudience: 'PUBLIC',
        discoverable: true,
      }),
    });
    await server.gql(
      UPDATE,
      { input: { orderHistoryAudience: 'TRUST_NETWORK', personalization: false } },
      user.token,
    );

    const res = await server.gql(ME_SETTINGS, {}, user.token);
    expect(res.data.me.privacySettings).toEqual(
      expect.objectContaining({ personalization: false, orderHistoryAudience: 'TRUST_NETWORK' }),
    );
    const log = res.data.me.consentLog;
    expect(log.totalCount).toBe(3);
    const entries = log.nodes.map(({ createdAt: _, ...e }: { createdAt: string }) => e);
    // The second call changed two settings in one transaction: both carry its time, in no fixed order.
    expect(entries.slice(0, 2)).toEqual(
      expect.arrayContaining([
        { setting: 'ORDER_HISTORY_AUDIENCE', previousValue: 'PRIVATE', newValue: 'TRUST_NETWORK' },
        { setting: 'PERSONALIZATION', previousValue: 'true', newValue: 'false' },
      ]),
    );
    expect(entries[2]).toEqual({ setting: 'PERSONALIZATION', previousValue: 'false', newValue: 'true' });
    expect(log.nodes[0].createdAt).toBe(log.nodes[1].createdAt);
    for (const e of log.nodes) {
      expect(Date.parse(e.createdAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(e.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it('pages through the consent log with cursors', async () => {
    const user = await createUser(server);
    for (const personalization of [true, false, true, false, true]) {
      await server.gql(UPDATE, { input: { personalization } }, user.token);
    }
    const page1 = await server.gql(CONSENT_PAGE, { first: 2 }, user.token);
    const { edges, pageInfo } = page1.data.me.consentLog;
    expect(edges.map((e: any) => e.node.newValue)).toEqual(['true', 'false']);
    expect(pageInfo.hasNextPage).toBe(true);
    const page2 = await server.gql(CONSENT_PAGE, { first: 10, after: pageInfo.endCursor }, user.token);
    expect(page2.data.me.consentLog.edges.map((e: any) => e.node.newValue)).toEqual([
      'true',
      'false',
      'true',
    ]);
    expect(page2.data.me.consentLog.pageInfo.hasNextPage).toBe(false);
  });

  it('logs nothing when a setting is set to the value it has', async () => {
    const user = await createUser(server);
    await server.gql(
      UPDATE,
      { input: { discoverable: true, acceptRecommendationsFrom: 'TRUST_NETWORK' } },
      user.token,
    );
    const res = await server.gql(ME_SETTINGS, {}, user.token);
    expect(res.data.me.consentLog.totalCount).toBe(0);
  });

  it('requires a signed-in user to change settings or preferences', async () => {
    const settings = await server.gql(UPDATE, { input: { personalization: true } });
    expect(settings.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const preferences = await server.gql(PREFERENCES, { input: { avoidTags: ['nuts'] } });
    expect(preferences.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sets preferences, normalising tags, keeping what is left out, and clearing the limit with an explicit null', async () => {
    const user = await createUser(server);
    const set = await server.gql(
      PREFERENCES,
      { input: { avoidTags: [' Nuts ', 'nuts', 'Gluten'], interests: ['cheese'], maxOffersPerWeek: 3 } },
      user.token,
    );
    expect(set.data.updatePreferences).toEqual({
      userErrors: [],
      preferences: { avoidTags: ['nuts', 'gluten'], interests: ['cheese'], maxOffersPerWeek: 3 },
    });
    const partial = await server.gql(PREFERENCES, { input: { interests: ['honey', 'bread'] } }, user.token);
    expect(partial.data.updatePreferences.preferences).toEqual({
      avoidTags: ['nuts', 'gluten'],
      interests: ['honey', 'bread'],
      maxOffersPerWeek: 3,
    });
    const cleared = await server.gql(
      PREFERENCES,
      { input: { maxOffersPerWeek: null, avoidTags: [] } },
      user.token,
    );
    expect(cleared.data.updatePreferences.preferences).toEqual({
      avoidTags: [],
      interests: ['honey', 'bread'],
      maxOffersPerWeek: null,
    });
    const me = await server.gql(ME_SETTINGS, {}, user.token);
    expect(me.data.me.preferences).toEqual(cleared.data.updatePreferences.preferences);
  });

  it('refuses preferences out of range with userErrors naming the field, and changes nothing', async () => {
    const user = await createUser(server);
    const res = await server.gql(
      PREFERENCES,
      { input: { avoidTags: ['ok', ''], maxOffersPerWeek: 101 } },
      user.token,
    );
    expect(res.data.updatePreferences.preferences).toBeNull();
    expect(res.data.updatePreferences.userErrors).toEqual([
      { field: ['input', 'avoidTags', '1'], code: 'TOO_SHORT', message: 'A tag cannot be empty.' },
      {
        field: ['input', 'maxOffersPerWeek'],
        code: 'OUT_OF_RANGE',
        message: 'Offers per week must be between 0 and 100.',
      },
    ]);
    const me = await server.gql(ME_SETTINGS, {}, user.token);
    expect(me.data.me.preferences.avoidTags).toEqual([]);
  });
});

const SETTINGS_FIELDS = `profileAudience trustListAudience poolParticipationAudience orderHistoryAudience discoverable personalization acceptRecommendationsFrom`;
const ME_SETTINGS = `query { me {
  privacySettings { ${SETTINGS_FIELDS} }
  consentLog(first: 20) { totalCount nodes { setting previousValue newValue createdAt } }
  preferences { avoidTags interests maxOffersPerWeek }
} }`;
const UPDATE = `mutation ($input: UpdatePrivacySettingsInput!) { updatePrivacySettings(input: $input) {
  privacySettings { ${SETTINGS_FIELDS} } userErrors { field code message } } }`;
const CONSENT_PAGE = `query ($first: Int, $after: String) { me { consentLog(first: $first, after: $after) {
  edges { cursor node { newValue } } pageInfo { hasNextPage endCursor } } } }`;
const PREFERENCES = `mutation ($input: UpdatePreferencesInput!) { updatePreferences(input: $input) {
  preferences { avoidTags interests maxOffersPerWeek } userErrors { field code message } } }`;
