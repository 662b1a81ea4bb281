import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../src/core/db/embedded';

export interface ServerSpec {
  /** Shown in the report. */
  name: string;
  /** The compiled script to run. */
  script: string;
  cwd?: string;
  env: Record<string, string>;
  /** Path polled until it answers `readyStatus` (any status below 500 by default). */
  readyPath: string;
  readyStatus?: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
}

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface ServerHandle {
  name: string;
  url: string;
  port: number;
  pid: number;
  /** Memory after a full GC, asked of the process itself. */
  memory(): Promise<Memory>;
  /** Starts the V8 CPU profiler inside the process. */
  startProfile(): Promise<void>;
  /** Stops it and writes the profile (.cpuprofile JSON) to `file`. */
  stopProfile(file: string): Promise<void>;
  /** Everything the process printed. */
  output(): string;
  /** A clean exit (writes a CPU profile when started with --cpu-prof). */
  stop(): Promise<void>;
}

const PROBE = join(__dirname, 'probe.js');

/** Starts a Node server in its own process on a free port and waits until it answers. */
export async function startServer(spec: ServerSpec): Promise<ServerHandle> {
  const port = await freePort();
  const child = fork(spec.script, [], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, PORT: String(port) },
    execArgv: ['--expose-gc', '-r', PROBE, ...(spec.nodeFlags ?? [])],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url + spec.readyPath, spec.readyStatus, exited, () => log, spec.name);
  let nextId = 1;
  return {
    name: spec.name,
    url,
    port,
    pid: child.pid!,
    output: () => log,
    memory: async () => (await ask(child, { probe: 'memory', id: nextId++ })).usage as Memory,
    startProfile: async () => void (await ask(child, { probe: 'profile-start', id: nextId++ })),
    stopProfile: async (file) => void (await ask(child, { probe: 'profile-stop', id: nextId++, file })),
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ probe: 'exit', id: 0 });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(
  url: string,
  status: number | undefined,
  exited: Promise<number | null>,
  log: () => string,
  name: string,
): Promise<void> {
  let dead: number | null | undefined;
  void exited.then((code) => (dead = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (dead !== undefined) throw new Error(`${name} exited (${dead}) before it was ready:\n${log()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (status ? res.status === status : res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready within 60 s:\n${log()}`);
}

function ask(child: ChildProcess, request: { probe: string; id: number; file?: string }): Promise<any> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${request.probe} within 30 s`)), 30_000);
    const onMessage = (message: { probe?: string; id?: number; error?: string }) => {
      if (message?.probe !== request.probe || message.id !== request.id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (message.error) reject(new Error(message.error));
      else resolve(message);
    };
    child.on('message', onMessage);
    child.send(request);
  });
}
