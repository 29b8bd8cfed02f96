import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { isYardstickError } from '../../../rules/errors.ts';
import { GENESIS_HASH } from '../../../server/db/audit-chain.ts';
import type { DB } from '../../../server/db/types.ts';
import { type AuditEntry, type AuditInput, appendAudit, listAudit, verifyAudit } from '../../../server/services/audit/audit.ts';
import { describeEachDatabase, ownerOf } from '../helpers/databases.ts';
import { refusal } from './refusal.ts';

const hr = { userId: 7, label: 'Li Na' };

function entry(n: number, overrides: Partial<AuditInput> = {}): AuditInput {
  return { actor: hr, action: 'scheme.publish', entityType: 'scheme_version', entityId: n, payload: { n, note: '季度考核', nested: { b: 1, a: [true, null] } }, ...overrides };
}

function append(db: Kysely<DB>, input: AuditInput): Promise<AuditEntry> {
  return db.transaction().execute((trx) => appendAudit(trx, input));
}

/** Run `work` with the append-only trigger off, as a superuser or table owner could. */
async function tamper(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
    await work(trx);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
  });
}

describeEachDatabase('audit log', (database) => {
  let first: AuditEntry[];

  beforeAll(async () => {
    const { db } = ownerOf(database());
    first = [];
    for (let n = 1; n <= 5; n++) first.push(await append(db, entry(n)));
  });

  it('chains rows from the genesis hash, with the documented formula', async () => {
    const { db } = ownerOf(database());
    expect(first.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(first[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first[1]!.prevHash).toBe(first[0]!.rowHash);
    // Recompute row 1 independently with node:crypto, as a third party would.
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const payloadJson = '{"n":1,"nested":{"a":[true,null],"b":1},"note":"季度考核"}';
    const e = first[0]!;
    expect(e.payloadHash).toBe(sha(payloadJson));
    expect(e.rowHash).toBe(sha([GENESIS_HASH, '1', e.at.toISOString(), '7:Li Na', 'scheme.publish', 'scheme_version', '1', sha(payloadJson)].join('\n')));
    const stored = await db.selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(stored.at.getTime()).toBe(e.at.getTime());
    expect(stored.payload).toEqual({ n: 1, note: '季度考核', nested: { b: 1, a: [true, null] } });
  });

  it('verifies an intact log, in pages of any size', async () => {
    const { db } = ownerOf(database());
    const all = await verifyAudit(db);
    expect(all).toEqual({ ok: true, count: expect.any(Number), lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifyAudit(db, { pageSize: 2 })).toEqual(all);
    expect(await verifyAudit(db, { pageSize: 1 })).toEqual(all);
  });

  it('writes nothing when the surrounding transaction fails', async () => {
    const { db } = ownerOf(database());
    const before = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry(99));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // The seq the rolled-back row took is skipped; the chain still verifies.
    const next = await append(db, entry(100));
    expect((await verifyAudit(db)).ok).toBe(true);
    expect(next.prevHash).toBe((await listAudit(db, { limit: 2 })).entries[1]!.rowHash);
  });

  it('refuses to run outside a transaction and refuses multi-line fields and non-JSON payloads', async () => {
    const { db } = ownerOf(database());
    const outside = await appendAudit(db as never, entry(1)).catch((e: unknown) => e);
    expect(isYardstickError(outside) && outside.code).toBe('internal');
    for (const bad of [entry(1, { action: 'a\nb' }), entry(1, { entityId: '' }), entry(1, { payload: { at: new Date() } }), entry(1, { payload: { s: 'nul\u0000' } })]) {
      const err = await append(db, bad).catch((e: unknown) => e);
      expect(isYardstickError(err) && err.code).toBe('invalid_argument');
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    const { db } = ownerOf(database());
    for (const statement of [
      db.updateTable('audit_log').set({ actor_label: 'someone else' }).where('seq', '=', 1).execute(),
      db.deleteFrom('audit_log').where('seq', '=', 1).execute(),
      sql`truncate audit_log`.execute(db),
    ]) {
      const err = await refusal(statement);
      expect(err.message).toMatch(/^audit_log is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/);
    }
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('names the first broken seq when a payload is edited behind the trigger', async () => {
    const { db } = ownerOf(database());
    await tamper(db, (trx) => sql`update audit_log set payload = '{"n": 3, "forged": true}' where seq = 3`.execute(trx));
    expect(await verifyAudit(db)).toEqual({ ok: false, count: 2, firstBrokenSeq: 3, reason: expect.stringContaining('payload does not match payload_hash') });
    expect(await verifyAudit(db, { pageSize: 2 })).toMatchObject({ firstBrokenSeq: 3 });
    await tamper(db, (trx) => sql`update audit_log set payload = ${JSON.stringify(first[2]!.payload)}::text::jsonb where seq = 3`.execute(trx));
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('catches a forged payload_hash through row_hash, and a removed row through prev_hash', async () => {
    const { db } = ownerOf(database());
    const forged = createHash('sha256').update('{}').digest('hex');
    await tamper(db, (trx) => sql`update audit_log set payload = '{}', payload_hash = ${forged} where seq = 2`.execute(trx));
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: expect.stringContaining('row_hash does not match') });
    await tamper(db, (trx) => sql`update audit_log set payload = ${JSON.stringify(first[1]!.payload)}::text::jsonb, payload_hash = ${first[1]!.payloadHash} where seq = 2`.execute(trx));

    const row4 = await db.selectFrom('audit_log').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    await tamper(db, (trx) => trx.deleteFrom('audit_log').where('seq', '=', 4).execute());
    expect(await verifyAudit(db)).toMatchObject({ ok: false, count: 3, firstBrokenSeq: 5, reason: expect.stringContaining('prev_hash') });
    await tamper(db, (trx) => trx.insertInto('audit_log').values(row4).execute());
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('keeps one unbroken chain under 20 concurrent transactions', async () => {
    const { db } = ownerOf(database());
    const before = (await verifyAudit(db)) as { count: number };
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          // Some work first, so on PostgreSQL the transactions really overlap before they queue for the lock.
          await sql`select pg_sleep(0.01)`.execute(trx);
          return appendAudit(trx, entry(1000 + i, { actor: { userId: null, label: 'system' } }));
        }),
      ),
    );
    const result = await verifyAudit(db);
    expect(result).toMatchObject({ ok: true, count: before.count + 20 });
    expect(new Set(appended.map((e) => e.prevHash)).size).toBe(20);
    const times = [...appended].sort((a, b) => a.seq - b.seq).map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b)); // time never runs backwards along the chain
  });

  it('lists newest first with filters and a cursor', async () => {
    const { db } = ownerOf(database());
    await append(db, entry(1, { action: 'cycle.open', entityType: 'cycle', entityId: 'c-42', actor: { userId: 8, label: 'Zhao' } }));
    await append(db, entry(2, { action: 'cycle.open', entityType: 'cycle', entityId: 'c-42', actor: { userId: 8, label: 'Zhao' } }));
    await append(db, entry(3, { action: 'cycle.close', entityType: 'cycle', entityId: 'c-42', actor: { userId: 8, label: 'Zhao' } }));
    const page1 = await listAudit(db, { entityType: 'cycle', entityId: 'c-42', limit: 2 });
    expect(page1.entries.map((e) => e.action)).toEqual(['cycle.close', 'cycle.open']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await listAudit(db, { entityType: 'cycle', entityId: 'c-42', limit: 2, cursor: page1.nextCursor! });
    expect(page2.entries.map((e) => e.payload)).toEqual([expect.objectContaining({ n: 1 })]);
    expect(page2.nextCursor).toBeNull();
    expect((await listAudit(db, { actorUserId: 8, action: 'cycle.open' })).entries).toHaveLength(2);
    expect((await listAudit(db, { actorLabel: 'Zhao' })).entries).toHaveLength(3);
    const newest = page1.entries[0]!;
    expect((await listAudit(db, { from: newest.at, entityType: 'cycle' })).entries[0]!.seq).toBe(newest.seq);
    expect((await listAudit(db, { to: '2000-01-01T00:00:00Z' })).entries).toEqual([]);
    for (const bad of [{ limit: 0 }, { limit: 501 }, { cursor: 'abc' }, { from: 'yesterday' }]) {
      const err = await listAudit(db, bad).catch((e: unknown) => e);
      expect(isYardstickError(err) && err.code).toBe('invalid_argument');
    }
  });
});
