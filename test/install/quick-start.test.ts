import { rmSync } from 'node:fs';
import { freePort } from '../../src/core/db/embedded';
import { type Command, type FreshClone, freshClone, quickStartCommands } from '../helpers/fresh-clone';
import { graphqlClient } from '../helpers/server';
import { countVillage, WHOLE_VILLAGE } from '../helpers/village';
import { metricValue, waitFor } from '../hardening/support';

const MINUTES = 60_000;

/**
 * The README's quick start, as a newcomer runs it: a fresh clone in a private (0700) folder, as root when the
 * tests run as root, with the machine's own Node and npm. Slow (it installs everything): CI runs it once.
 */
describe('the quick start on a fresh clone', () => {
  const [serve, test] = quickStartCommands();
  let clone: FreshClone;
  let clusterDir: string | undefined;
  const running: Command[] = [];

  beforeAll(() => {
    clone = freshClone();
  });
  afterAll(async () => {
    for (const command of running) await command.stop('SIGKILL');
    clone?.remove();
    // The embedded cluster lives outside the clone when PostgreSQL's user cannot enter it (as root).
    if (clusterDir && !clusterDir.startsWith(clone.dir)) rmSync(clusterDir, { recursive: true, force: true });
  });

  /** The quick start's first command on a free port; resolves once it serves GraphQL. */
  async function startServing(commandLine: string) {
    const port = await freePort();
    const command = clone.start(commandLine, { PORT: String(port) });
    running.push(command);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      `"${commandLine}" to serve GraphQL`,
      async () => {
        if (command.child.exitCode !== null) throw new Error(`it exited:\n${command.output().slice(-6000)}`);
        return command.output().includes('GraphQL at');
      },
      10 * MINUTES,
    );
    return { command, url };
  }

  it('is two commands: serve, and test', () => {
    expect(quickStartCommands()).toHaveLength(2);
    expect(test).toMatch(/^npm test$/);
  });

  it(
    'serves the whole demo village with the first command as written, on Node 24 from the node package',
    async () => {
      const { command, url } = await startServing(serve);
      expect(await countVillage(url)).toEqual(WHOLE_VILLAGE);
      expect(await metricValue(url, 'dorfmarkt_nodejs_version_info', { major: '24' })).toBe(1);
      clusterDir = /its files are in (\S+?)[,"]/.exec(command.output())?.[1];
      expect(clusterDir).toBeDefined();

      // Someone signs up, so that the next start can show that the data was kept.
      const signUp = await graphqlClient(url)(
        `mutation { signUp(input: { email: "newcomer@example.com", password: "a long passphrase", handle: "newcomer",
        displayName: "Newcomer" }) { user { handle } userErrors { code } } }`,
      );
      expect(signUp.data).toEqual({ signUp: { user: { handle: 'newcomer' }, userErrors: [] } });
      await command.stop('SIGTERM');
      expect(command.output()).toContain('Dorfmarkt stopped');
    },
    15 * MINUTES,
  );

  it(
    'keeps the embedded data across a restart',
    async () => {
      const { command, url } = await startServing('npm start');
      const res = await graphqlClient(url)('{ user(handle: "newcomer") { handle } }');
      expect(res.data).toEqual({ user: { handle: 'newcomer' } });
      expect(await countVillage(url)).toEqual(WHOLE_VILLAGE);
      expect(command.output()).not.toContain('loading the demo village');
      await command.stop('SIGTERM');
    },
    5 * MINUTES,
  );

  it(
    "runs a real-database test file with the README's test command",
    async () => {
      const output = await clone.run(`${test} -- test/core/node.test.ts`);
      expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
      expect(output).not.toMatch(/\d+ failed/);
    },
    10 * MINUTES,
  );
});
