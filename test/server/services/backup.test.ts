/**
 * `yardstick backup` / `yardstick restore` on the embedded database: a backup taken from a
 * folder restores into another with the same data; restore keeps the previous folder, refuses
 * a file that is not a Yardstick backup, and refuses while a server holds the folder.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { backupDataDir, restoreDataDir } from '../../../server/services/backup.ts';

describe('backup and restore of the embedded database', () => {
  let root = '';
  const source = () => join(root, 'source');
  const target = () => join(root, 'target');
  const file = () => join(root, 'backup.tar.gz');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'yardstick-backup-'));
    const database = await openDatabase({ dataDir: source() });
    await migrateToLatest(database.db);
    await database.db.insertInto('departments').values({ key: 'cs', name: '客服部', parent_id: null }).execute();
    await database.close();
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses to back up a folder a server is using', async () => {
    const running = await openDatabase({ dataDir: source() });
    try {
      await expect(backupDataDir(source(), file())).rejects.toThrow(/already open|in use by another Yardstick process/);
    } finally {
      await running.close();
    }
  }, 120_000);

  it('backs up one folder and restores it into another with the same data', async () => {
    const { bytes } = await backupDataDir(source(), file());
    expect(bytes).toBeGreaterThan(100_000);
    const { previous } = await restoreDataDir(target(), file());
    expect(previous).toBeNull();
    const restored = await openDatabase({ dataDir: target() });
    try {
      const rows = await restored.db.selectFrom('departments').select(['key', 'name']).execute();
      expect(rows).toEqual([{ key: 'cs', name: '客服部' }]);
    } finally {
      await restored.close();
    }
  }, 180_000);

  it('keeps the previous folder when restoring over existing data, and refuses while it is in use', async () => {
    const running = await openDatabase({ dataDir: target() });
    try {
      await expect(restoreDataDir(target(), file())).rejects.toThrow(/already open|in use by another Yardstick process/);
    } finally {
      await running.close();
    }
    const { previous } = await restoreDataDir(target(), file());
    expect(previous).not.toBeNull();
    expect(existsSync(join(previous!, 'PG_VERSION'))).toBe(true);
  }, 180_000);

  it('refuses a file that is not a backup, leaving the folder as it was', async () => {
    const bogus = join(root, 'bogus.tar.gz');
    writeFileSync(bogus, 'not a tarball');
    await expect(restoreDataDir(target(), bogus)).rejects.toThrow(/not a Yardstick backup/);
    const still = await openDatabase({ dataDir: target() });
    try {
      expect(await still.db.selectFrom('departments').select('key').execute()).toEqual([{ key: 'cs' }]);
    } finally {
      await still.close();
    }
  }, 180_000);
});
