import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/core/config';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/** Runs the built server with `env` and resolves with its exit code and everything it printed. */
function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('configuration', () => {
  it('stops the process with a message naming a bad variable', async () => {
    const { code, output } = await run({ PORT: 'abc' });
    expect(code).toBe(78);
    expect(output).toContain('Invalid configuration:');
    expect(output).toMatch(/^ {2}PORT: /m);
  });

  it('names every bad variable at once', async () => {
    const { code, output } = await run({ MAX_QUERY_DEPTH: '0', RATE_LIMIT_USER: '-1', LOG_LEVEL: 'loud' });
    expect(code).toBe(78);
    expect(
      output
        .match(/^ {2}[A-Z_]+(?=:)/gm)
        ?.map((s) => s.trim())
        .sort(),
    ).toEqual(['LOG_LEVEL', 'MAX_QUERY_DEPTH', 'RATE_LIMIT_USER']);
  });

  it('requires JWT_SECRET in production', async () => {
    const { code, output } = await run({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
    });
    expect(code).toBe(78);
    expect(output).toContain('JWT_SECRET: required in production');
  });

  it('has the documented defaults for the limits', () => {
    const config = loadConfig({});
    expect({
      MAX_QUERY_DEPTH: config.MAX_QUERY_DEPTH,
      MAX_QUERY_COST: config.MAX_QUERY_COST,
      MAX_ALIASES: config.MAX_ALIASES,
      MAX_DIRECTIVES: config.MAX_DIRECTIVES,
      MAX_TOKENS: config.MAX_TOKENS,
      MAX_BODY_BYTES: config.MAX_BODY_BYTES,
      RATE_LIMIT_USER: config.RATE_LIMIT_USER,
      RATE_LIMIT_IP: config.RATE_LIMIT_IP,
      RATE_LIMIT_AUTH: config.RATE_LIMIT_AUTH,
      TRUST_PROXY: config.TRUST_PROXY,
      CORS_ORIGINS: config.CORS_ORIGINS,
      PERSISTED_QUERIES: config.PERSISTED_QUERIES,
    }).toEqual({
      MAX_QUERY_DEPTH: 15,
      MAX_QUERY_COST: 10_000,
      MAX_ALIASES: 30,
      MAX_DIRECTIVES: 50,
      MAX_TOKENS: 5_000,
      MAX_BODY_BYTES: 1_000_000,
      RATE_LIMIT_USER: 600,
      RATE_LIMIT_IP: 300,
      RATE_LIMIT_AUTH: 20,
      TRUST_PROXY: 0,
      CORS_ORIGINS: [],
      PERSISTED_QUERIES: true,
    });
  });

  it('reads CORS_ORIGINS as a comma-separated list', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example ,' });
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('throws a ConfigError naming the variable when loaded in-process', () => {
    expect(() => loadConfig({ MAX_TOKENS: 'many' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_TOKENS: 'many' })).toThrow(/MAX_TOKENS/);
  });
});
