import { type Client, CloseCode, createClient } from 'graphql-ws';
import type { PoolState } from './format';
import { PoolView } from './pool-view';
import { newIdempotencyKey, Session } from './session';
import './pool.css';

/**
 * The live pool page at /pools/<pool id>: it watches the pool through the `poolUpdated` subscription (which
 * sends the current state at once, then every change) and never reloads. Anyone may watch; a signed-in user can
 * join, change their quantity or leave. The socket carries the user's token, so viewer-specific fields (their
 * membership, the people they trust who joined) stay live too.
 */
const POOL_FIELDS = `id status capacity deadline committedQuantity participantCount unitsToNextTier
  product { title } merchant { name }
  tiers { minQuantity unitPrice { amount currencyCode } }
  currentUnitPrice { amount currencyCode }
  nextTier { minQuantity unitPrice { amount currencyCode } }
  viewerMembership { quantity }
  trustedParticipants { handle displayName }`;
const WATCH = `subscription WatchPool($poolId: ID!) { poolUpdated(poolId: $poolId) { ${POOL_FIELDS} } }`;
const ME = `query Me { me { handle displayName } }`;
const JOIN = `mutation JoinPool($input: JoinPoolInput!) {
  joinPool(input: $input) { membership { quantity } userErrors { field message code } }
}`;
const LEAVE = `mutation LeavePool($input: LeavePoolInput!) {
  leavePool(input: $input) { userErrors { field message code } }
}`;

interface UserErrors {
  userErrors: Array<{ message: string }>;
}

const poolId = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
const endpoint = new URL('/graphql', window.location.href);
const socketUrl = new URL(endpoint);
socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
const session = new Session(endpoint.href);
const view = new PoolView();
let live: Client | null = null;

/** (Re)opens the socket with the current token and subscribes; the socket reconnects by itself when dropped. */
function watch(): void {
  void live?.dispose();
  const token = session.accessToken;
  const client = createClient({
    url: socketUrl.href,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((done) => setTimeout(done, Math.min(500 * 2 ** retries, 5000))),
    shouldRetry: (event) => (event as CloseEvent | undefined)?.code !== CloseCode.Forbidden,
    on: {
      connected: () => view.connection('Live'),
      closed: () => {
        if (live === client) view.connection('Reconnecting…');
      },
    },
  });
  live = client;
  client.subscribe<{ poolUpdated: PoolState }>(
    { query: WATCH, variables: { poolId } },
    {
      next: (result) => {
        if (result.data?.poolUpdated) view.render(result.data.poolUpdated);
        else if (result.errors?.length) view.failed(result.errors[0].message);
      },
      error: (error) => void onWatchError(client, error),
      complete: () => view.connection('No more updates'),
    },
  );
}

/** 4403: the token was refused; renew it (or sign out) and watch again. Anything else ends the page's updates. */
async function onWatchError(client: Client, error: unknown): Promise<void> {
  if (live !== client) return;
  if ((error as CloseEvent).code === CloseCode.Forbidden) {
    await session.renew();
    await showViewer();
    watch();
    return;
  }
  const messages = Array.isArray(error) ? error.map((e: { message: string }) => e.message) : [];
  view.failed(messages[0] ?? 'This pool cannot be watched.');
}

async function showViewer(): Promise<void> {
  if (!session.accessToken) return view.signedIn(null);
  const { data } = await session.run<{ me: { handle: string; displayName: string } | null }>(ME, {});
  view.signedIn(data?.me ? `${data.me.displayName} (@${data.me.handle})` : null);
}

view.signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(view.signInForm);
  const problem = await session.signIn(String(fields.get('email')), String(fields.get('password')));
  if (problem) return view.message(problem, 'error');
  view.message('');
  view.signInForm.reset();
  await showViewer();
  watch();
});

view.signOutButton.addEventListener('click', () => {
  session.signOut();
  view.signedIn(null);
  view.message('');
  watch();
});

view.joinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const quantity = Number(new FormData(view.joinForm).get('quantity'));
  const input = { poolId, quantity, idempotencyKey: newIdempotencyKey() };
  await mutate<{ joinPool: UserErrors }>(JOIN, input, (d) => d.joinPool, 'Your place in the pool is saved.');
});

view.leaveButton.addEventListener('click', async () => {
  await mutate<{ leavePool: UserErrors }>(LEAVE, { poolId }, (d) => d.leavePool, 'You left the pool.');
});

async function mutate<T>(query: string, input: object, payload: (data: T) => UserErrors, done: string) {
  view.message('…');
  const { data, errors } = await session.run<T>(query, { input });
  const problem = errors?.[0]?.message ?? (data ? payload(data).userErrors[0]?.message : undefined);
  view.message(problem ?? done, problem ? 'error' : 'info');
  if (!session.accessToken) view.signedIn(null);
}

setInterval(() => view.tick(Date.now()), 1000);
void showViewer();
watch();
