/**
 * @module lock
 * One Yardstick process per PGlite data folder.
 *
 * PGlite takes no lock of its own: a second process opening the same folder gets no error and
 * the two silently corrupt each other's files. So before PGlite opens a folder, Yardstick creates
 * `<dataDir>/yardstick.lock` with `O_CREAT | O_EXCL` (only one creator can win) holding the owner's
 * pid, hostname and start time, and removes it on close and on process exit.
 *
 * A lock left behind by a crash (`kill -9`, power loss) is *stale* when its pid no longer runs
 * on this host; the next process takes it over. A lock written on another host (a shared network
 * folder) cannot be checked and always counts as held.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, realpath, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { YardstickError } from '../../rules/errors.ts';

/** The lock file's name inside the data folder. */
export const LOCK_FILE_NAME = 'yardstick.lock';

/** What the lock file records about the process that holds it. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO 8601 time the lock was taken. */
  startedAt: string;
}

/** A held lock. `release()` is idempotent. */
export interface DataDirLock {
  readonly dataDir: string;
  readonly lockFile: string;
  readonly owner: LockOwner;
  release(): Promise<void>;
}

/** Locks this process holds, by lock-file path, with the exact text written (to delete only our own file). */
const held = new Map<string, string>();
let exitHookInstalled = false;

/**
 * Take the lock on a data folder (created if missing), or fail with a `conflict` error that says
 * who holds it. A stale lock (its pid is gone from this host) is taken over.
 *
 * The restore command should hold this lock while it replaces the folder's contents.
 * @example
 * const lock = await acquireDataDirLock('.data');
 * try { … open PGlite on .data … } finally { await lock.release(); }
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const requested = path.resolve(dataDir);
  await mkdir(requested, { recursive: true }).catch((err: unknown) => {
    throw new YardstickError('invalid_argument', `Cannot create the data folder ${requested} (${errorCode(err) ?? String(err)}). Set YARDSTICK_DATA_DIR to a folder this user can write.`, { dataDir: requested });
  });
  // The real path, so the same folder reached through a symlink is recognised as already held here.
  const dir = await realpath(requested);
  const lockFile = path.join(dir, LOCK_FILE_NAME);
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const text = `${JSON.stringify(owner)}\n`;
  // Three rounds cover: create fails → the holder is stale → we delete it → create again (a rival
  // may win that race, and then we report the rival).
  for (let round = 0; round < 3; round++) {
    if (await createExclusive(lockFile, text)) {
      held.set(lockFile, text);
      installExitHook();
      return { dataDir: dir, lockFile, owner, release: () => release(lockFile, text) };
    }
    const current = await readLock(lockFile);
    if (current === undefined) continue; // removed between our create and read: try again
    if (isHeld(lockFile, current.owner)) throw inUse(dir, lockFile, current.owner);
    await removeIfUnchanged(lockFile, current.text);
  }
  throw new YardstickError('conflict', `Could not lock the data folder ${dir}: another process keeps taking ${lockFile}.`, { dataDir: dir, lockFile });
}

/**
 * True when a live process (or one on another host) holds the data folder's lock.
 * @example
 * if (await isDataDirLocked('.data')) console.error('Stop the server before restoring.');
 */
export async function isDataDirLocked(dataDir: string): Promise<boolean> {
  return (await dataDirLockOwner(dataDir)) !== null;
}

/**
 * Who holds the data folder's lock, or null when it is free or the lock is stale.
 * @example
 * await dataDirLockOwner('.data') // { pid: 1234, hostname: 'hr-app-1', startedAt: '2026-11-21T08:00:00.000Z' }
 */
export async function dataDirLockOwner(dataDir: string): Promise<LockOwner | null> {
  const dir = await realpath(path.resolve(dataDir)).catch(() => path.resolve(dataDir));
  const lockFile = path.join(dir, LOCK_FILE_NAME);
  const current = await readLock(lockFile);
  return current !== undefined && isHeld(lockFile, current.owner) ? current.owner : null;
}

async function createExclusive(lockFile: string, text: string): Promise<boolean> {
  try {
    await writeFile(lockFile, text, { flag: 'wx' });
    return true;
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw new YardstickError('invalid_argument', `Cannot create the lock file ${lockFile} (${errorCode(err) ?? String(err)}). Set YARDSTICK_DATA_DIR to a folder this user can write.`, { lockFile });
  }
}

/** The lock file's text and owner; undefined when there is no file. */
async function readLock(lockFile: string): Promise<{ text: string; owner: LockOwner | null } | undefined> {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = await readFile(lockFile, 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return undefined;
      throw err;
    }
    const owner = parseOwner(text);
    // An empty file may be a rival's lock between its create and its write: look once more.
    if (owner !== null || attempt > 0) return { text, owner };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(value.pid) && typeof value.hostname === 'string' && typeof value.startedAt === 'string') return value as LockOwner;
  } catch {
    // not JSON: a damaged leftover, treated as stale below
  }
  return null;
}

/** Whether the recorded owner still holds the lock. Unreadable files are stale. */
function isHeld(lockFile: string, owner: LockOwner | null): owner is LockOwner {
  if (owner === null) return false;
  if (owner.hostname !== hostname()) return true;
  // Our own pid: held only if this process really took it. In a container the pid is often 1 on
  // every start, so a lock left by the previous run would otherwise look alive forever.
  if (owner.pid === process.pid) return held.has(lockFile);
  return processExists(owner.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 checks existence without signalling
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM'; // exists, but belongs to another user
  }
}

async function removeIfUnchanged(lockFile: string, staleText: string): Promise<void> {
  const current = await readLock(lockFile);
  if (current?.text !== staleText) return; // someone replaced it meanwhile: re-examine
  await unlink(lockFile).catch((err: unknown) => {
    if (errorCode(err) !== 'ENOENT') throw err;
  });
}

async function release(lockFile: string, text: string): Promise<void> {
  if (held.get(lockFile) !== text) return;
  held.delete(lockFile);
  const current = await readLock(lockFile);
  if (current?.text === text) await unlink(lockFile).catch(() => undefined);
}

/** On exit (normal end, `process.exit`) remove every lock still held; only synchronous work runs there. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [lockFile, text] of held) {
      try {
        if (readFileSync(lockFile, 'utf8') === text) unlinkSync(lockFile);
      } catch {
        // already gone
      }
    }
    held.clear();
  });
}

function inUse(dataDir: string, lockFile: string, owner: LockOwner): YardstickError {
  const details = { dataDir, lockFile, owner };
  const local = owner.hostname === hostname();
  if (local && owner.pid === process.pid) {
    return new YardstickError('conflict', `The data folder ${dataDir} is already open in this process (pid ${owner.pid}, started ${owner.startedAt}). Close it first, or set YARDSTICK_DATA_DIR to another folder.`, details);
  }
  const who = `pid ${owner.pid}${local ? '' : ` on host ${owner.hostname}`}, started ${owner.startedAt}`;
  // Only a lock from another host can outlive its process unnoticed; say how to clear it.
  const remote = local ? '' : ` If that process is gone, delete ${lockFile}.`;
  return new YardstickError('conflict', `The data folder ${dataDir} is in use by another Yardstick process (${who}). Stop it first, or set YARDSTICK_DATA_DIR to another folder.${remote}`, details);
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
}
