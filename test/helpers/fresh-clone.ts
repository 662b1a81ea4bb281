import { type ChildProcess, spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface Command {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Stops the command and everything it started (npm, sh, node, PostgreSQL), and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface FreshClone {
  /** The clone's folder, inside a new 0700 folder (as `mktemp -d` makes them, and as /root is). */
  dir: string;
  /** Runs a shell command line in the clone, as a newcomer would type it. */
  start(commandLine: string, env?: Record<string, string>): Command;
  /** Runs it to the end; rejects with its output when it fails. */
  run(commandLine: string, env?: Record<string, string>): Promise<string>;
  remove(): void;
}

/**
 * A fresh clone of this repository's committed HEAD (uncommitted changes are not in it), in a new private folder.
 * Commands run with the machine's own Node and npm (this project's node_modules/.bin is taken off the PATH) and
 * without the test run's settings, as on a newcomer's machine.
 */
export function freshClone(): FreshClone {
  const parent = mkdtempSync(join(tmpdir(), 'dorfmarkt-clone-'));
  if ((statSync(parent).mode & 0o777) !== 0o700) throw new Error(`${parent} is not private (0700)`);
  const dir = join(parent, 'dorfmarkt');
  execFileSync('git', ['clone', '--quiet', ROOT, dir]);
  const start = (commandLine: string, env: Record<string, string> = {}): Command => {
    const child = spawn('bash', ['-c', commandLine], {
      cwd: dir,
      env: { ...newcomerEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    // 'close': the command and everything it started that writes to its output (the server under npm) is done.
    const exited = new Promise<number | string>((resolve) =>
      child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')),
    );
    return {
      child,
      output: () => output,
      exited,
      stop: (signal = 'SIGTERM') => {
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
        return exited;
      },
    };
  };
  return {
    dir,
    start,
    async run(commandLine, env) {
      const command = start(commandLine, env);
      const code = await command.exited;
      if (code !== 0)
        throw new Error(`\`${commandLine}\` exited with ${code}:\n${command.output().slice(-6000)}`);
      return command.output();
    },
    remove: () => rmSync(parent, { recursive: true, force: true }),
  };
}

/** The README's quick start: the command lines of its first shell block, without their comments. */
export function quickStartCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Quick start'));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('the README has no Quick start section with a sh block');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|JEST_|TEST_)/i.test(key)) continue;
    if (['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'INIT_CWD', 'NODE_OPTIONS', 'NODE'].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes(`node_modules${'/'}.bin`))
    .join(delimiter);
  return env;
}
