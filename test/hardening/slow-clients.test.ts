import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

/**
 * Clients that hold an instance's sockets: slow headers and trickling bodies are cut off by the HTTP timeouts,
 * and one address gets a limited number of WebSockets, each a limited number of subscriptions. Meanwhile the
 * server keeps answering everyone else.
 */
describe('slow and greedy clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        HEADERS_TIMEOUT_MS: '1000',
        REQUEST_TIMEOUT_MS: '2000',
        WS_MAX_CONNECTIONS_PER_IP: '3',
        WS_MAX_SUBSCRIPTIONS: '2',
      },
    });
  });
  afterAll(() => server.close());

  /** A raw TCP client that writes `head` and then whatever `trickle` sends; resolves with all it was told. */
  function rawClient(head: string, trickle?: (socket: Socket) => void) {
    const socket = connect(server.port, '127.0.0.1');
    const startedAt = Date.now();
    let answer = '';
    let reset = false;
    socket.on('data', (chunk) => (answer += chunk.toString()));
    // A client still writing when the server closes may get a reset instead of reading the 408 first.
    socket.on('error', (error: NodeJS.ErrnoException) => (reset ||= error.code === 'ECONNRESET'));
    socket.write(head);
    trickle?.(socket);
    const ended = new Promise<{ answer: string; reset: boolean; afterMs: number }>((resolve) =>
      socket.once('close', () => resolve({ answer, reset, afterMs: Date.now() - startedAt })),
    );
    return { socket, ended };
  }

  async function answersOthers(): Promise<void> {
    const startedAt = Date.now();
    const res = await server.gql('{ __typename }');
    expect(res.data).toEqual({ __typename: 'Query' });
    expect(Date.now() - startedAt).toBeLessThan(500);
  }

  it('cuts off a client whose headers never finish with 408, after HEADERS_TIMEOUT_MS', async () => {
    const slow = rawClient('POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    await answersOthers();
    const { answer, afterMs } = await slow.ended;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeGreaterThanOrEqual(900);
    expect(afterMs).toBeLessThan(4000);
  });

  it('cuts off a body that trickles in byte by byte with 408, after REQUEST_TIMEOUT_MS', async () => {
    let timer: NodeJS.Timeout | undefined;
    const trickling = rawClient(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      (socket) => {
        timer = setInterval(() => socket.writable && socket.write(' '), 100);
      },
    );
    await answersOthers();
    const { answer, reset, afterMs } = await trickling.ended;
    clearInterval(timer);
    expect(reset || /^HTTP\/1\.1 408 /.test(answer)).toBe(true);
    expect(afterMs).toBeGreaterThanOrEqual(1900);
    expect(afterMs).toBeLessThan(5000);
  });

  it('answers a socket beyond WS_MAX_CONNECTIONS_PER_IP with 429, and takes one again once another closes', async () => {
    const open = [connectSocket(server.url), connectSocket(server.url), connectSocket(server.url)];
    for (const socket of open)
      expect((await socket.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });

    const refused = await upgradeStatus();
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('10');
    expect(JSON.parse(refused.body).errors[0]).toEqual({
      message: 'Too many WebSocket connections from this address (at most 3).',
      extensions: { code: 'LIMIT_EXCEEDED', limit: 'connections' },
    });
    await answersOthers();

    await open.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = connectSocket(server.url);
    expect((await again.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });
    await Promise.all([...open, again].map((socket) => socket.close()));
    // The server counts a socket out when it sees it close, a moment after the client let go.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it('refuses a subscription beyond WS_MAX_SUBSCRIPTIONS on one socket, and takes one again once another ends', async () => {
    const socket = connectSocket(server.url);
    const ticks = [0, 1].map(() => socket.subscribe('subscription { testTicks(everyMs: 50) }'));
    for (const sub of ticks) expect((await sub.next()).data).toEqual({ testTicks: 1 });

    const third = socket.subscribe('subscription { testTicks(everyMs: 50) }');
    expect((await third.next()).errors).toEqual([
      {
        message:
          'This socket runs 2 subscriptions already, the most it may; complete one before starting another.',
        extensions: { code: 'LIMIT_EXCEEDED', limit: 'subscriptions', max: 2 },
      },
    ]);
    // Queries still run on the full socket.
    expect((await socket.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });

    ticks[0].dispose();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fourth = socket.subscribe('subscription { testTicks(everyMs: 50) }');
    expect((await fourth.next()).data).toEqual({ testTicks: 1 });
    await socket.close();
  });

  /** The HTTP answer to a WebSocket upgrade that is refused before the handshake. */
  function upgradeStatus(): Promise<{ status: number; retryAfter?: string; body: string }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(server.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
      ws.once('open', () => reject(new Error('the upgrade was accepted')));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }),
        );
      });
      ws.once('error', () => undefined);
    });
  }
});
