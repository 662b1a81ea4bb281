import { startTestServer, type TestServer } from '../helpers/server';
import { createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { connectSocket } from '../helpers/ws-client';
import { CANCEL_ORDER, CONFIRM_ORDER, placeOrder } from '../helpers/shops-factories';

jest.setTimeout(60_000);

const RECEIVED = `subscription { notificationReceived { kind subject { __typename id } } }`;
const SETTINGS = `mutation ($input: UpdateNotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { settings { muted } userErrors { code } } }`;

/** Word to both sides of an order, made on one instance and pushed from the other, to the right people only. */
describe('shop notifications across two instances', () => {
  let a: TestServer;
  let b: TestServer;
  let owner: TestUser;
  let clerk: TestUser;
  let buyer: TestUser;
  let stranger: TestUser;
  let shop: TestShop;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ databaseUrl: a.databaseUrl });
    [owner, clerk, buyer, stranger] = await createUsers(a, 4, 'word');
    shop = await createShop(a, { staff: [owner, clerk], stock: 50 });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('tells staff of an order and the buyer of its moves, on the other instance, and nobody else', async () => {
    const sockets = [owner, clerk, buyer, stranger].map((user) => connectSocket(b.url, user.token));
    try {
      const [asOwner, asClerk, asBuyer, asStranger] = sockets.map((s) => s.subscribe(RECEIVED));
      // The subscriptions run before anything happens.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await a.gql(SETTINGS, { input: { muted: ['ORDER_PLACED'] } }, clerk.token);

      const orderId = await placeOrder(a.gql, buyer, shop.product);
      const placed = await asOwner.next(10_000);
      expect(placed.data?.notificationReceived).toEqual({
        kind: 'ORDER_PLACED',
        subject: { __typename: 'Order', id: orderId },
      });

      await a.gql(CONFIRM_ORDER, { input: { orderId } }, owner.token);
      const confirmed = await asBuyer.next(10_000);
      expect(confirmed.data?.notificationReceived).toEqual({
        kind: 'ORDER_STATUS_CHANGED',
        subject: { __typename: 'Order', id: orderId },
      });

      // Staff cancel: the buyer is told; the buyer's own cancel of another order tells the staff, the clerk too.
      const second = await placeOrder(a.gql, buyer, shop.product);
      await asOwner.until((d: any) => d.notificationReceived.subject.id === second, 10_000);
      await a.gql(CANCEL_ORDER, { input: { orderId: second, reason: 'Wrong size' } }, buyer.token);
      const toClerk = await asClerk.next(10_000);
      expect(toClerk.data?.notificationReceived).toEqual({
        kind: 'ORDER_STATUS_CHANGED',
        subject: { __typename: 'Order', id: second },
      });
      await expect(asStranger.next(1_500)).rejects.toThrow();
      // The clerk muted ORDER_PLACED: the cancel was the first word the clerk got.
      await expect(asClerk.next(1_000)).rejects.toThrow();
    } finally {
      await Promise.all(sockets.map((s) => s.close()));
    }
  });
});
