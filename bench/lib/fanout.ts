import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export type FanoutCommand =
  | {
      cmd: 'connect';
      url: string;
      count: number;
      concurrency: number;
      query: string;
      /** Cycled through, one per client. */
      variables: Array<Record<string, unknown>>;
      connectionParams: Array<Record<string, unknown>>;
      /** The subscription sends the current state at once (ours): a client counts as subscribed on it. */
      waitForFirst: boolean;
    }
  | { cmd: 'mark' }
  | { cmd: 'collect'; timeoutMs: number; settleMs?: number; valuePath: string[] }
  | { cmd: 'close' };

export type FanoutReply =
  | { cmd: 'connect'; connected: number; failed: number }
  | { cmd: 'mark' }
  | { cmd: 'collect'; arrivals: number[]; missing: number; lastValues: Record<string, number> }
  | { cmd: 'close' };

/** The fan-out load generator (fanout-worker.ts) in its own process, driven step by step. */
export class FanoutClients {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(join(__dirname, 'fanout-worker.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
    });
  }

  send<C extends FanoutCommand>(command: C): Promise<Extract<FanoutReply, { cmd: C['cmd'] }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`fan-out clients exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: FanoutReply) => {
        this.child.off('exit', onExit);
        resolve(reply as Extract<FanoutReply, { cmd: C['cmd'] }>);
      });
      this.child.send(command);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.send({ cmd: 'close' });
    await exited;
  }
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes of one machine. */
export const wallClock = () => performance.timeOrigin + performance.now();
