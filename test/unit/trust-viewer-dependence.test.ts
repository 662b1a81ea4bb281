import type { GraphQLObjectType } from 'graphql';
import { createSchema } from '../../src/schema';

describe('viewer-dependent trust fields', () => {
  it('are marked, so that a subscription execution is never shared between viewers', async () => {
    const schema = await createSchema({
      pubSub: { publish: () => undefined, subscribe: async function* () {} },
    });
    const user = schema.getType('User') as GraphQLObjectType;
    const marked = Object.values(user.getFields())
      .filter((f) => f.extensions?.viewerDependent)
      .map((f) => f.name);
    expect(marked).toEqual(
      expect.arrayContaining([
        'viewerTrust',
        'viewerTrustPath',
        'trustees',
        'trusters',
        'mutualTrustees',
        'friendRecommendations',
      ]),
    );
    expect(marked).not.toContain('trusteeCount');
    const live = schema.getSubscriptionType()!.getFields().friendRecommendationsChanged;
    expect(live.extensions?.viewerDependent).toBe(true);
  });
});
