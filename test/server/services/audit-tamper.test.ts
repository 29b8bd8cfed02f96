/**
 * The hostile probe's audit tamper table (shared findings, hostile-probe.md), replayed on the
 * previous release's demo database migrated forward. Each case tampers as an attacker with the
 * owner's password would (triggers off, plain SQL) inside a transaction that is rolled back
 * afterwards, and runs the verification in that transaction, with and without the anchor noted
 * before the tampering.
 */
import { join } from 'node:path';
import { sql, type Transaction } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { auditPayloadHash, auditRowHash } from '../../../server/db/audit-chain.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import type { DB } from '../../../server/db/types.ts';
import { auditHead, verifyAll, type AuditAnchor, type Verification } from '../../../server/services/audit/audit-verify.ts';
import { loadFixture } from '../../fixtures/upgrade/load-fixture.ts';
import { describeEachDatabase, ownerOf } from '../helpers/databases.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/upgrade/base-8c3dfc5.sql.gz');
const ROLLBACK = new Error('rollback');
const TABLES = ['audit_log', 'result_revisions', 'inputs', 'input_history'];

describeEachDatabase('audit verification against tampering', (database) => {
  let anchor: AuditAnchor;
  let last: number;
  let middle: number;

  beforeAll(async () => {
    const { db } = ownerOf(database());
    await loadFixture(db, FIXTURE);
    await migrateToLatest(db);
    const head = (await auditHead(db))!;
    anchor = { seq: Number(head.seq), hash: head.hash };
    last = anchor.seq;
    middle = Math.floor(last / 2);
  });

  /** Tamper, then verify without and with the anchor; everything is rolled back. */
  async function after(change: (trx: Transaction<DB>) => Promise<unknown>): Promise<{ plain: Verification; anchored: Verification }> {
    let out: { plain: Verification; anchored: Verification } | undefined;
    await ownerOf(database())
      .db.transaction()
      .execute(async (trx) => {
        for (const t of TABLES) await sql`alter table ${sql.table(t)} disable trigger user`.execute(trx);
        await change(trx);
        out = { plain: await verifyAll(trx), anchored: await verifyAll(trx, { anchor }) };
        throw ROLLBACK;
      })
      .catch((err: unknown) => {
        if (err !== ROLLBACK) throw err;
      });
    return out!;
  }

  it('is intact before tampering, with and without the anchor', async () => {
    const { db } = database();
    expect(last).toBeGreaterThan(20);
    const plain = await verifyAll(db);
    expect(plain).toMatchObject({ ok: true, count: last, problems: [] });
    expect(await verifyAll(db, { anchor })).toMatchObject({ ok: true, anchor: { seq: String(last), ok: true } });
  });

  it('finds a changed payload in the middle', async () => {
    const { plain } = await after((trx) => sql`update audit_log set payload = '{"forged": true}' where seq = ${middle}`.execute(trx));
    expect(plain).toMatchObject({ ok: false, firstBrokenSeq: String(middle), reason: expect.stringContaining('payload does not match payload_hash') });
  });

  it('finds a changed actor and a changed time', async () => {
    const actor = await after((trx) => sql`update audit_log set actor_label = 'someone else' where seq = ${middle}`.execute(trx));
    expect(actor.plain).toMatchObject({ ok: false, firstBrokenSeq: String(middle), reason: expect.stringContaining('row_hash does not match') });
    const at = await after((trx) => sql`update audit_log set at = at + interval '1 second' where seq = ${middle}`.execute(trx));
    expect(at.plain).toMatchObject({ ok: false, firstBrokenSeq: String(middle), reason: expect.stringContaining('row_hash does not match') });
  });

  it('finds a row deleted from the middle at the row after it', async () => {
    const { plain } = await after((trx) => sql`delete from audit_log where seq = ${middle}`.execute(trx));
    expect(plain).toMatchObject({ ok: false, firstBrokenSeq: String(middle + 1), reason: expect.stringContaining('prev_hash does not match') });
  });

  for (const cut of [1, 3, 10]) {
    it(`finds the last ${cut} row(s) cut off, given the anchor`, async () => {
      const { plain, anchored } = await after((trx) => sql`delete from audit_log where seq > ${last - cut}`.execute(trx));
      // Without an anchor a shorter chain is still a valid chain: exactly why the anchor exists.
      // (Cutting 10 rows also removes the evaluation.complete entry, which the results check notices.)
      expect(plain).toMatchObject({ count: last - cut, lastHash: expect.any(String) });
      expect(plain.problems.filter((p) => p.kind === 'chain')).toEqual([]);
      expect(anchored.ok).toBe(false);
      expect(anchored.problems).toContainEqual({ kind: 'anchor', seq: String(last), message: `the log ends at seq ${last - cut}, before the anchored seq ${last}: rows were cut off the end` });
    });
  }

  it('finds a rewrite with every hash recomputed from the changed row on, given the anchor', async () => {
    const { plain, anchored } = await after(async (trx) => {
      const rows = await trx.selectFrom('audit_log').selectAll().where('seq', '>=', middle).orderBy('seq').execute();
      let prev = rows[0]!.prev_hash;
      for (const [i, row] of rows.entries()) {
        const payload = i === 0 ? { forged: true } : row.payload;
        const payloadHash = auditPayloadHash(payload).hash;
        const rowHash = auditRowHash({ prevHash: prev, seq: row.seq, at: row.at, actorUserId: row.actor_user_id, actorLabel: row.actor_label, action: row.action, entityType: row.entity_type, entityId: row.entity_id, payloadHash });
        await sql`update audit_log set payload = cast(cast(${JSON.stringify(payload)} as text) as jsonb), payload_hash = ${payloadHash}, prev_hash = ${prev}, row_hash = ${rowHash} where seq = ${row.seq}`.execute(trx);
        prev = rowHash;
      }
    });
    expect(plain.problems.filter((p) => p.kind === 'chain')).toEqual([]);
    expect(anchored.ok).toBe(false);
    expect(anchored.problems.find((p) => p.kind === 'anchor')?.message).toMatch(new RegExp(`^the anchored row seq ${last} now has hash [0-9a-f]{64}, not ${anchor.hash}: the log was rewritten at or before the anchor$`));
  });

  it('finds a changed result column (the probe: total + 10) and names the employee', async () => {
    const { db } = database();
    const t = await db.selectFrom('results as r').innerJoin('employees as e', 'e.id', 'r.employee_id').select(['r.cycle_id', 'r.employee_id', 'e.code', 'r.total', 'r.grade', 'r.status']).where('r.total', 'is not', null).orderBy('e.code').limit(1).executeTakeFirstOrThrow();
    const { plain } = await after((trx) => sql`update result_revisions set total = total + 10 where cycle_id = ${t.cycle_id} and employee_id = ${t.employee_id}`.execute(trx));
    expect(plain.ok).toBe(false);
    expect(plain.problems).toEqual([
      {
        kind: 'result', cycleId: String(t.cycle_id), employeeId: String(t.employee_id), employeeCode: t.code, jobId: expect.stringMatching(/^\d+$/),
        message: `the result of ${t.code} in cycle ${t.cycle_id} (revision 1) shows total ${t.total! + 10}, grade ${t.grade}, status ${t.status}, but its stored result says ${t.total}, ${t.grade}, ${t.status}: the row was changed after it was written`,
      },
    ]);
  });

  it('finds a changed stored result through the evaluation digest', async () => {
    const { db } = database();
    const target = await db.selectFrom('results as r').innerJoin('employees as e', 'e.id', 'r.employee_id').select(['r.cycle_id', 'r.employee_id', 'e.code']).orderBy('e.code', 'desc').limit(1).executeTakeFirstOrThrow();
    const { plain } = await after((trx) => sql`update result_revisions set result = jsonb_set(result, '{indicators,0,score}', '12345.5') where cycle_id = ${target.cycle_id} and employee_id = ${target.employee_id}`.execute(trx));
    expect(plain.ok).toBe(false);
    expect(plain.problems).toEqual([expect.objectContaining({ kind: 'result', cycleId: String(target.cycle_id), message: expect.stringContaining('no longer match its resultsHash') })]);
  });

  it('finds an input changed without its history and names the input', async () => {
    const { db } = database();
    const input = await db.selectFrom('inputs as i').innerJoin('employees as e', 'e.id', 'i.employee_id').select(['i.cycle_id', 'i.employee_id', 'i.input_key', 'e.code']).orderBy('e.code').orderBy('i.input_key').limit(1).executeTakeFirstOrThrow();
    const { plain } = await after((trx) => sql`update inputs set value = '12345' where cycle_id = ${input.cycle_id} and employee_id = ${input.employee_id} and input_key = ${input.input_key}`.execute(trx));
    expect(plain.ok).toBe(false);
    expect(plain.problems).toContainEqual(expect.objectContaining({ kind: 'input', employeeCode: input.code, inputKey: input.input_key, message: expect.stringMatching(new RegExp(`^input ${input.input_key} of ${input.code} in cycle ${input.cycle_id} is 12345 but its history says .+: it was changed without a history row$`)) }));
    // The result computed from it no longer matches its inputs hash either.
    expect(plain.problems).toContainEqual(expect.objectContaining({ kind: 'input', employeeCode: input.code, message: expect.stringContaining('no longer hash to the inputs_hash of its result') }));
  });
}, { migrate: false });
