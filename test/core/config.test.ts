import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/core/config';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const README = join(__dirname, '..', '..', 'README.md');

/** The rows of the README's configuration table: each variable with its documented default. */
function configurationTable(): Array<{ variable: string; defaultValue: string }> {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(
    text.indexOf('\n## Configuration'),
    text.indexOf('\n## ', text.indexOf('\n## Configuration') + 1),
  );
  return [...section.matchAll(/^\| `([A-Z_]+)` +\| (.+?) +\|/gm)].map((m) => ({
    variable: m[1],
    defaultValue: m[2],
  }));
}

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

  it('has the defaults the README’s configuration table documents, and documents every setting it has', () => {
    const documented = configurationTable();
    expect(documented.length).toBeGreaterThan(25);
    const config = loadConfig({}) as unknown as Record<string, unknown>;
    for (const { variable, defaultValue } of documented) {
      const value = config[variable];
      const literal = /^`(.*)`$/.exec(defaultValue)?.[1];
      if (literal !== undefined) {
        expect({ variable, value: Array.isArray(value) ? value.join(',') : String(value) }).toEqual({
          variable,
          value: literal,
        });
      } else if (defaultValue === 'none') {
        expect({ variable, value }).toEqual({ variable, value: [] });
      } else {
        // Unset, generated at start, on the embedded database only, outside production: decided later, not by a default.
        expect(['unset', 'generated', 'embedded only', 'first start only', 'on outside prod.']).toContain(
          defaultValue,
        );
        expect({ variable, value }).toEqual({ variable, value: undefined });
      }
    }
    const internal = ['NODE_ENV', 'HOST', 'TEST_HOOKS', 'production'];
    const names = documented.map((row) => row.variable);
    expect(Object.keys(config).filter((key) => !internal.includes(key) && !names.includes(key))).toEqual([]);
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
