import { createContext } from '../../src/core/context';
import type { FriendRecommendation } from '../../src/trust/friend-recommendation.type';
import { RecommendationFeedService } from '../../src/trust/recommendation-feed.service';
import { startTestServer, type TestServer } from '../helpers/server';
import { trustAll } from '../helpers/trust-factories';
import { createUsers, type TestUser } from '../helpers/factories';

describe('a live recommendation feed', () => {
  let server: TestServer;
  let u: Record<string, TestUser>;

  beforeAll(async () => {
    server = await startTestServer();
    u = await createUsers(server, ['Vera', 'Anna', 'Clara']);
  });
  afterAll(() => server.close());

  const watch = () =>
    server.container
      .get(RecommendationFeedService)
      .watch(createContext(server.container, { id: u.Vera.dbId }, 'test', 'test'), u.Vera.dbId, 10);

  it('yields the new list after a change, listening from the moment it is created', async () => {
    const feed = watch();
    await trustAll(server.gql, u, [
      ['Vera', 'Anna', 5],
      ['Anna', 'Clara', 4],
    ]);
    const next = await feed.next();
    const list = next.value as FriendRecommendation[];
    expect(list.map((r) => [r.user.displayName, r.score])).toEqual([['Clara', 0.8]]);
    await feed.return!();
  });

  it('ends at once when the subscriber leaves, even while waiting for a change', async () => {
    const feed = watch();
    const waiting = feed.next();
    await feed.return!();
    const outcome = await Promise.race([
      waiting,
      new Promise((r) => setTimeout(() => r('still waiting'), 5000)),
    ]);
    expect(outcome).toEqual({ done: true, value: undefined });
  });
});
