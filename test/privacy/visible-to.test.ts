import { graphql, type GraphQLSchema } from 'graphql';
import { Arg, buildSchema, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { createContext } from '../../src/core/context';
import { authChecker } from '../../src/core/auth/auth-checker';
import { VisibleTo } from '../../src/privacy/visible-to';
import { type TestUser, createUser, addTrust } from '../helpers/factories';
import { updatePrivacy } from '../helpers/privacy-factories';
import { sql, dbId } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';

/** Something another slice might own: data of a person, exposed on a type of its own. */
@ObjectType({ description: 'A test record owned by a user.' })
class Ledger {
  ownerId: string;
}

@Resolver(() => Ledger)
class LedgerResolver {
  @Query(() => Ledger, { description: 'A ledger of the given owner.' })
  ledger(@Arg('ownerId') ownerId: string): Ledger {
    return Object.assign(new Ledger(), { ownerId });
  }

  @VisibleTo<Ledger>('orderHistory', { owner: (ledger) => ({ id: ledger.ownerId }) })
  @FieldResolver(() => String, { nullable: true, description: 'Hidden: null.' })
  total(): string {
    return '42.00';
  }

  @VisibleTo<Ledger>('orderHistory', { owner: (ledger) => ({ id: ledger.ownerId }) })
  @FieldResolver(() => [String], { description: 'Hidden: empty.' })
  lines(): string[] {
    return ['bread', 'cheese'];
  }

  @VisibleTo<Ledger>('orderHistory', { owner: (ledger) => ({ id: ledger.ownerId }), hidden: () => 'hidden' })
  @FieldResolver(() => String, { description: 'Hidden: the given value.' })
  summary(@Root() ledger: Ledger): string {
    return `ledger of ${ledger.ownerId.slice(0, 4)}`;
  }
}

/** The VisibleTo decorator other slices put on their fields: null, [] or the given value when hidden. */
describe('VisibleTo', () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let owner: TestUser;
  let friend: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    schema = await buildSchema({ resolvers: [LedgerResolver], authChecker, validate: false });
    [owner, friend, stranger] = [
      await createUser(server),
      await createUser(server),
      await createUser(server),
    ];
    const db = await sql(server.databaseUrl);
    await addTrust(db, owner, friend);
    await db.close();
    await updatePrivacy(server.gql, owner, { orderHistoryAudience: 'TRUST_NETWORK' });
  });
  afterAll(() => server.close());

  const read = async (viewer: TestUser | null) => {
    const contextValue = createContext(server.container, viewer ? { id: dbId(viewer.id) } : null, 't', '::1');
    const res = await graphql({
      schema,
      source: `query ($id: String!) { ledger(ownerId: $id) { total lines summary } }`,
      variableValues: { id: dbId(owner.id) },
      contextValue,
    });
    return res.errors ?? res.data?.ledger;
  };

  it('resolves the field for viewers the owner’s audience includes', async () => {
    const visible = {
      total: '42.00',
      lines: ['bread', 'cheese'],
      summary: `ledger of ${dbId(owner.id).slice(0, 4)}`,
    };
    expect(await read(owner)).toEqual(visible);
    expect(await read(friend)).toEqual(visible);
  });

  it('hides it from the rest as null, an empty list, or the value given', async () => {
    const hidden = { total: null, lines: [], summary: 'hidden' };
    expect(await read(stranger)).toEqual(hidden);
    expect(await read(null)).toEqual(hidden);
  });
});
