import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_JWT_SECRET } from './server';

export interface ServerProcess {
  url: string;
  /** The database it runs on. */
  databaseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process logged so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/** The built server (`npm run build`) as a separate process on a free port, over the given database. */
export function spawnServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      TEST_HOOKS: 'true',
      DB_POOL_SIZE: '5',
      SEED_DEMO_DATA: 'false',
      // Rate limits off unless a test sets its own: suites must not trip over each other's budgets.
      RATE_LIMIT_USER: '0',
      RATE_LIMIT_IP: '0',
      RATE_LIMIT_AUTH: '0',
      // Likewise the daily cap of recommendations: suites recommend to one person as often as they probe.
      RECOMMENDATIONS_PER_DAY: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dorfmarkt-proc-')),
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A server that dies on its own fails the test far from the cause: show what it said last.
  void exited.then((code) => {
    if (!stopping)
      process.stderr.write(`server exited on its own (${code}); its last output:\n${log.slice(-8000)}\n`);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"port":(\d+)[^\n]*Dorfmarkt is listening/.exec(log);
      if (match) {
        clearTimeout(timer);
        const port = Number(match[1]);
        resolve({
          url: `http://127.0.0.1:${port}`,
          databaseUrl,
          port,
          child,
          output: () => log,
          exited,
          stop: (signal = 'SIGTERM') => {
            stopping = true;
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${log}`));
    });
  });
}
