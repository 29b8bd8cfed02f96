/**
 * @module services/backup
 * One-command backup and restore of the embedded database. Both take the data folder's lock,
 * so neither runs while a server uses the folder: a backup of a live folder could be torn, and
 * a restore over a running server would corrupt it.
 *
 * A backup is PGlite's own data-folder dump (a gzipped tar). Restore loads it into a fresh
 * folder, checks it opens and has Yardstick's tables, and only then swaps it in; the previous
 * folder is kept beside it as `<folder>.before-restore-<time>`.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { YardstickError } from '../../rules/errors.ts';
import { acquireDataDirLock, LOCK_FILE_NAME } from '../db/lock.ts';

/**
 * Write a backup of the data folder to `file`.
 * @example await backupDataDir('.data', 'yardstick-2026-11-21.tar.gz') // { bytes: 4718592 }
 */
export async function backupDataDir(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!existsSync(dataDir)) throw new YardstickError('not_found', `There is no database folder at ${dataDir}.`);
  const lock = await acquireDataDirLock(dataDir);
  try {
    const pg = await PGlite.create({ dataDir });
    try {
      const dump = await pg.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      await writeFile(file, bytes);
      return { bytes: bytes.length };
    } finally {
      await pg.close();
    }
  } finally {
    await lock.release();
  }
}

/**
 * Replace the data folder with the contents of a backup file.
 * @example await restoreDataDir('.data', 'yardstick-2026-11-21.tar.gz') // { previous: '.data.before-restore-…' }
 */
export async function restoreDataDir(dataDir: string, file: string): Promise<{ previous: string | null }> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new YardstickError('not_found', `There is no backup file at ${file}.`);
  mkdirSync(dataDir, { recursive: true });
  const lock = await acquireDataDirLock(dataDir); // refuses while a server runs on the folder
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const staging = join(dirname(dataDir), `${basename(dataDir)}.restoring-${stamp}`);
  let previous: string | null = null;
  try {
    const blob = new Blob([await readFile(file)]);
    let pg: PGlite;
    try {
      pg = await PGlite.create({ dataDir: staging, loadDataDir: blob });
    } catch (err) {
      throw new YardstickError('invalid_input', `${file} is not a Yardstick backup (it could not be loaded: ${(err as Error).message}).`);
    }
    try {
      const tables = await pg.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_name in ('schemes', 'scheme_versions', 'audit_log')`);
      if (tables.rows[0]?.n !== 3) throw new YardstickError('invalid_input', `${file} is a database backup, but not of Yardstick (its tables are missing).`);
    } finally {
      await pg.close();
    }
    const hasData = existsSync(dataDir) && (statSync(dataDir).isDirectory() && existsSync(join(dataDir, 'PG_VERSION')));
    if (hasData) {
      previous = join(dirname(dataDir), `${basename(dataDir)}.before-restore-${stamp}`);
      renameSync(dataDir, previous);
    } else {
      rmSync(dataDir, { recursive: true, force: true });
    }
    renameSync(staging, dataDir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  } finally {
    // The lock file moved with the old folder; remove it there so that copy opens cleanly.
    await lock.release().catch(() => {});
    if (previous) rmSync(join(previous, LOCK_FILE_NAME), { force: true });
  }
  return { previous };
}
