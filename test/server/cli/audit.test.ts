/**
 * `yardstick audit anchor` and `yardstick audit verify`, run as the real command on the previous
 * release's demo database (migrated forward): on the embedded database in a data folder (and
 * refused while the folder is in use), and on PostgreSQL by DATABASE_URL. A tail cut after the
 * anchor and a changed result make verify exit 1 and name the problem.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import type { DB } from '../../../server/db/types.ts';
import { loadFixture } from '../../fixtures/upgrade/load-fixture.ts';
import { BIN, fixtureDir, type CliRun } from './helpers.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/upgrade/base-8c3dfc5.sql.gz');

function yardstick(args: string[], cwd: string, env: Record<string, string>): Promise<CliRun> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, DATABASE_URL: '', YARDSTICK_DATA_DIR: '', NO_COLOR: '1', ...env } }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return fail(err);
      done({ code: err ? (err.code as number) : 0, stdout, stderr });
    });
  });
}

async function cutTail(db: Kysely<DB>, rows: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger user`.execute(trx);
    await sql`delete from audit_log where seq > (select max(seq) from audit_log) - ${rows}`.execute(trx);
    await sql`alter table audit_log enable trigger user`.execute(trx);
  });
}

describe('yardstick audit on the embedded database', () => {
  const folder = fixtureDir({});
  const dataDir = join(folder.dir, 'data');
  const env = { YARDSTICK_DATA_DIR: dataDir };
  afterAll(() => folder.cleanup());

  it('anchors, verifies, refuses a folder in use, and names a tail cut after the anchor', { timeout: 120_000 }, async () => {
    const setup = await openDatabase({ dataDir });
    await loadFixture(setup.db, FIXTURE);
    await migrateToLatest(setup.db);
    const head = await setup.db.selectFrom('audit_log').select(['seq', 'row_hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    // While this process holds the folder, the command must not open it.
    const busy = await yardstick(['audit', 'verify'], folder.dir, env);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/in use/);
    await setup.close();

    const anchored = await yardstick(['audit', 'anchor', '--out', 'anchor.json'], folder.dir, env);
    expect(anchored).toMatchObject({ code: 0, stderr: '' });
    const anchor = JSON.parse(readFileSync(join(folder.dir, 'anchor.json'), 'utf8'));
    expect(anchor).toEqual({ seq: String(head.seq), hash: head.row_hash, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const again = await yardstick(['audit', 'anchor', '--out', 'anchor.json'], folder.dir, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('anchors are never overwritten');

    const ok = await yardstick(['audit', 'verify', '--anchor', 'anchor.json'], folder.dir, env);
    expect(ok.stdout).toContain(`Audit log intact: ${head.seq} audit row(s), 1 evaluation(s) with 60 result(s)`);
    expect(ok.code).toBe(0);

    const tamper = await openDatabase({ dataDir });
    await cutTail(tamper.db, 3);
    await tamper.close();
    const cut = await yardstick(['audit', 'verify', '--anchor', 'anchor.json'], folder.dir, env);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain(`anchor: the log ends at seq ${head.seq - 3}, before the anchored seq ${head.seq}: rows were cut off the end`);

    const bad = await yardstick(['audit', 'verify', '--anchor', 'missing.json'], folder.dir, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('missing.json: no such file');
  });
});

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)('yardstick audit on PostgreSQL (DATABASE_URL)', () => {
  const schema = `ys_cli_audit_${process.pid}`;
  const scoped = (() => {
    if (!url) return '';
    const u = new URL(url);
    u.searchParams.set('search_path', schema);
    return u.toString();
  })();
  const folder = fixtureDir({});
  afterAll(async () => {
    folder.cleanup();
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  it('verifies, then names a changed result', async () => {
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create schema "${schema}"`);
    await admin.end();
    const setup = await openDatabase({ url: scoped, maxConnections: 1 });
    await loadFixture(setup.db, FIXTURE);
    await migrateToLatest(setup.db);
    const env = { DATABASE_URL: scoped };
    const ok = await yardstick(['audit', 'verify'], folder.dir, env);
    expect(ok.stdout).toContain('Audit log intact');
    expect(ok.code).toBe(0);
    const target = await setup.db.selectFrom('results as r').innerJoin('employees as e', 'e.id', 'r.employee_id').select(['e.code', 'r.employee_id', 'r.cycle_id']).orderBy('e.code').limit(1).executeTakeFirstOrThrow();
    await setup.db.transaction().execute(async (trx) => {
      await sql`alter table result_revisions disable trigger user`.execute(trx);
      await sql`update result_revisions set grade = 'A', total = 99 where employee_id = ${target.employee_id}`.execute(trx);
      await sql`alter table result_revisions enable trigger user`.execute(trx);
    });
    await setup.close();
    const changed = await yardstick(['audit', 'verify'], folder.dir, env);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`result: the result of ${target.code} in cycle ${target.cycle_id} (revision 1) shows total 99, grade A`);
  });
});
