import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isYardstickError, type YardstickError } from '../../../rules/errors.ts';
import { openDatabase } from '../../../server/db/database.ts';
import { acquireDataDirLock, dataDirLockOwner, isDataDirLocked, LOCK_FILE_NAME } from '../../../server/db/lock.ts';

const CHILD = fileURLToPath(new URL('./lock-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const IN_USE = /^The data folder (.+) is in use by another Yardstick process \(pid (\d+), started (\S+)\)\. Stop it first, or set YARDSTICK_DATA_DIR to another folder\.$/;

interface ChildReport { acquired: boolean; pid?: number; code?: string; message?: string }

/** Start lock-child.ts and wait for its one-line report. */
function runChild(mode: 'try' | 'hold' | 'exit', dir: string): { child: ChildProcess; report: Promise<ChildReport> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dir], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const report = new Promise<ChildReport>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ChildReport));
    child.once('error', reject);
  });
  return { child, report };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A pid that ran a moment ago and is gone now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exited(child);
  return child.pid!;
}

async function conflict(work: Promise<unknown>): Promise<YardstickError> {
  const err = await work.then(() => undefined, (e: unknown) => e);
  if (!isYardstickError(err)) throw new Error(`expected a YardstickError, got ${String(err)}`);
  expect(err.code).toBe('conflict');
  return err;
}

describe('data folder lock', () => {
  let dir: string;
  let lockFile: string;
  beforeEach(() => {
    dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'ys-lock-'))), '.data'); // real path: macOS /tmp is a symlink
    lockFile = path.join(dir, LOCK_FILE_NAME);
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('creates the folder and a lock file naming this process, and removes it on release', async () => {
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual({ pid: process.pid, hostname: hostname(), startedAt: lock.owner.startedAt });
    expect(await isDataDirLocked(dir)).toBe(true);
    await lock.release();
    await lock.release();
    expect(existsSync(lockFile)).toBe(false);
    expect(await isDataDirLocked(dir)).toBe(false);
  });

  it('refuses a second lock in the same process', async () => {
    const lock = await acquireDataDirLock(dir);
    const err = await conflict(acquireDataDirLock(dir));
    expect(err.message).toMatch(/is already open in this process \(pid \d+, started .+\)\. Close it first, or set YARDSTICK_DATA_DIR to another folder\.$/);
    const alias = path.join(path.dirname(dir), 'alias');
    symlinkSync(dir, alias);
    await conflict(acquireDataDirLock(alias)); // the same folder through a symlink
    await lock.release();
    await (await acquireDataDirLock(alias)).release();
  });

  it('refuses another process while the lock is held, with a message naming the holder', async () => {
    const lock = await acquireDataDirLock(dir);
    const { child, report } = runChild('try', dir);
    const result = await report;
    await exited(child);
    expect(result).toMatchObject({ acquired: false, code: 'conflict' });
    const [, folder, pid, started] = IN_USE.exec(result.message!) ?? [];
    expect({ folder, pid: Number(pid), started }).toEqual({ folder: dir, pid: process.pid, started: lock.owner.startedAt });
    await lock.release();
  });

  it('waits out a live holder in another process and takes over once it is killed', async () => {
    const { child, report } = runChild('hold', dir);
    const held = await report;
    expect(held.acquired).toBe(true);
    try {
      const err = await conflict(acquireDataDirLock(dir));
      expect(err.message).toMatch(IN_USE);
      expect(err.details).toMatchObject({ owner: { pid: held.pid } });
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    expect(existsSync(lockFile)).toBe(true); // SIGKILL leaves the file behind: stale now
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('is removed when the holding process exits without releasing it', async () => {
    const { child, report } = runChild('exit', dir);
    expect((await report).acquired).toBe(true);
    await exited(child);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('takes over a stale lock whose pid is gone, and a damaged lock file', async () => {
    mkdirSync(dir, { recursive: true });
    const pid = await deadPid();
    writeFileSync(lockFile, JSON.stringify({ pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    expect(await dataDirLockOwner(dir)).toBeNull();
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    await lock.release();

    writeFileSync(lockFile, 'not json');
    await (await acquireDataDirLock(dir)).release();
  });

  it('explains a data folder that cannot be created', async () => {
    mkdirSync(path.dirname(dir), { recursive: true });
    writeFileSync(path.join(path.dirname(dir), 'file'), '');
    const err = await acquireDataDirLock(path.join(path.dirname(dir), 'file', '.data')).catch((e: unknown) => e);
    expect(isYardstickError(err) && err.code).toBe('invalid_argument');
    expect((err as Error).message).toMatch(/^Cannot create the data folder .*file\/\.data \(ENOTDIR\)\. Set YARDSTICK_DATA_DIR to a folder this user can write\.$/);
  });

  it('treats a lock from another host as held, and says how to clear it', async () => {
    mkdirSync(dir, { recursive: true });
    const owner = { pid: 4242, hostname: 'hr-app-2', startedAt: '2026-11-20T08:00:00.000Z' };
    writeFileSync(lockFile, JSON.stringify(owner));
    expect(await dataDirLockOwner(dir)).toEqual(owner);
    const err = await conflict(acquireDataDirLock(dir));
    expect(err.message).toBe(
      `The data folder ${dir} is in use by another Yardstick process (pid 4242 on host hr-app-2, started 2026-11-20T08:00:00.000Z). ` +
        `Stop it first, or set YARDSTICK_DATA_DIR to another folder. If that process is gone, delete ${lockFile}.`,
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(JSON.stringify(owner));
  });

  it('guards openDatabase: a second open of the same folder fails before PGlite touches it; close frees it', async () => {
    const first = await openDatabase({ dataDir: dir });
    try {
      await sql`create table kept (n integer)`.execute(first.db);
      await sql`insert into kept values (42)`.execute(first.db);
      const err = await conflict(openDatabase({ dataDir: dir }));
      expect(err.message).toContain(dir);
    } finally {
      await first.close();
    }
    expect(existsSync(lockFile)).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    try {
      expect((await sql<{ n: number }>`select n from kept`.execute(again.db)).rows).toEqual([{ n: 42 }]);
    } finally {
      await again.close();
    }
  }, 60_000); // a new PGlite folder runs initdb: 3–8 s
});
