import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/** Runs the built server on the embedded database with `env`, until it exits. */
function runServer(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the embedded database at start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dorfmarkt-embedded-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends a start that cannot work with one sentence naming the folder and the fix', async () => {
    // A data folder inside a plain file can never be made.
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const { code, stderr } = await runServer({ DATA_DIR: join(file, 'data') });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The embedded PostgreSQL cannot create ${file}/data \\(.+\\): set DATA_DIR .+, or set DATABASE_URL\\.$`,
        ),
      ),
    ]);
  });
});
