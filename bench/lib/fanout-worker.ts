import WebSocket from 'ws';
import type { FanoutCommand, FanoutReply } from './fanout';

/**
 * Many graphql-ws subscribers in one process of their own (the load generator for fan-out). It speaks the
 * graphql-transport-ws protocol directly, which keeps each client to one socket and a few numbers, and
 * records when each client's messages arrive.
 */
interface Subscriber {
  socket: WebSocket;
  messages: number;
  lastAt: number;
  lastData: unknown;
  errors: number;
}

const now = () => performance.timeOrigin + performance.now();
const subscribers: Subscriber[] = [];
let marks: number[] = [];

process.on('message', async (command: FanoutCommand) => {
  const reply = (r: FanoutReply) => process.send!(r);
  if (command.cmd === 'connect') {
    const failed = await connectAll(command);
    reply({ cmd: 'connect', connected: subscribers.length, failed });
  } else if (command.cmd === 'mark') {
    marks = subscribers.map((s) => s.messages);
    firstAfterMark.clear();
    reply({ cmd: 'mark' });
  } else if (command.cmd === 'collect') {
    const deadline = Date.now() + command.timeoutMs;
    const arrived = () => subscribers.every((s, i) => s.messages > marks[i]);
    while (!arrived() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    // Coalesced or not, what matters is the last state each subscriber holds once the burst is over.
    if (command.settleMs) await new Promise((r) => setTimeout(r, command.settleMs));
    const firstArrivals: number[] = [];
    let missing = 0;
    subscribers.forEach((s, i) => {
      if (s.messages > marks[i]) firstArrivals.push(firstAfterMark.get(s) ?? s.lastAt);
      else missing++;
    });
    const lastValues: Record<string, number> = {};
    for (const s of subscribers) {
      const key = JSON.stringify(pick(s.lastData, command.valuePath));
      lastValues[key] = (lastValues[key] ?? 0) + 1;
    }
    reply({ cmd: 'collect', arrivals: firstArrivals, missing, lastValues });
  } else if (command.cmd === 'close') {
    for (const s of subscribers) s.socket.terminate();
    reply({ cmd: 'close' });
    process.exit(0);
  }
});

const firstAfterMark = new Map<Subscriber, number>();

async function connectAll(command: Extract<FanoutCommand, { cmd: 'connect' }>): Promise<number> {
  let failed = 0;
  let next = 0;
  const one = async () => {
    while (next < command.count) {
      const i = next++;
      try {
        subscribers.push(await connectOne(command, i));
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, one));
  return failed;
}

function connectOne(command: Extract<FanoutCommand, { cmd: 'connect' }>, i: number): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(command.url, 'graphql-transport-ws');
    const s: Subscriber = { socket, messages: 0, lastAt: 0, lastData: null, errors: 0 };
    const timer = setTimeout(() => reject(new Error('connect timeout')), 30_000);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          payload: command.connectionParams[i % command.connectionParams.length],
        }),
      ),
    );
    socket.on('message', (raw) => {
      const at = now();
      const message = JSON.parse(raw.toString());
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: command.query, variables: command.variables[i % command.variables.length] },
          }),
        );
        if (!command.waitForFirst) {
          clearTimeout(timer);
          resolve(s);
        }
      } else if (message.type === 'next') {
        s.messages++;
        s.lastAt = at;
        s.lastData = message.payload?.data;
        if (message.payload?.errors) s.errors++;
        if (marks.length && !firstAfterMark.has(s)) firstAfterMark.set(s, at);
        if (command.waitForFirst && s.messages === 1) {
          clearTimeout(timer);
          resolve(s);
        }
      } else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.type === 'error') {
        s.errors++;
        reject(new Error(JSON.stringify(message.payload)));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed')));
  });
}

function pick(data: unknown, path: string[]): unknown {
  let value: any = data;
  for (const key of path) value = value?.[key];
  return value ?? null;
}
