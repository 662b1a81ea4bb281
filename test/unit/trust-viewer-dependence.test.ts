import type { GraphQLObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { createSchema } from '../../src/schema';
import { UserTrustFieldsResolver } from '../../src/trust/user-trust-fields.resolver';

/** The trust slice's fields of User that show the same to every viewer: the counts are public. */
const SAME_FOR_EVERY_VIEWER = ['trusteeCount', 'trusterCount'];

describe('viewer-dependent trust fields', () => {
  it('are marked, every one the trust slice adds to User but the public counts, so that a subscription execution is never shared between viewers', async () => {
    const schema = await createSchema();
    const user = schema.getType('User') as GraphQLObjectType;
    const marked = Object.values(user.getFields())
      .filter((f) => f.extensions?.viewerDependent)
      .map((f) => f.name)
      .sort();
    const trustFields = getMetadataStorage()
      .fieldResolvers.filter((r) => r.target === UserTrustFieldsResolver)
      .map((r) => r.schemaName)
      .sort();
    expect(trustFields).toEqual(expect.arrayContaining(SAME_FOR_EVERY_VIEWER));
    expect(marked.filter((name) => trustFields.includes(name))).toEqual(
      trustFields.filter((name) => !SAME_FOR_EVERY_VIEWER.includes(name)),
    );
    // The profile's audience-guarded fields are marked too; nothing else of User is.
    expect(marked).toEqual(
      ['bio', 'region', ...trustFields.filter((name) => !SAME_FOR_EVERY_VIEWER.includes(name))].sort(),
    );
    const live = schema.getSubscriptionType()!.getFields().friendRecommendationsChanged;
    expect(live.extensions?.viewerDependent).toBe(true);
  });
});
