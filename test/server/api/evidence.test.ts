import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachApp } from '../helpers/app.ts';
import { tamper } from '../helpers/tamper.ts';
import { body, evaluate, expectStatus, fillInputs, openCycle } from './support/cycle-fixture.ts';

/** Canonical JSON written from the pack's own description (keys sorted, no whitespace), independently of the server's code. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
    .join(',')}}`;
}
const hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describeEachApp('evidence pack API', (ctx) => {
  let cycleId = 0;
  let cycleKey = '';
  const url = (code: string) => `/api/cycles/${cycleId}/results/${ctx().fixture.employees[code]}/evidence`;

  beforeAll(async () => {
    ({ cycleId, key: cycleKey } = await openCycle(ctx()));
    await fillInputs(ctx(), cycleId);
    // A correction, so the history has more than one entry.
    await expectStatus(await ctx().as('manager').put(`/api/cycles/${cycleId}/inputs/${ctx().fixture.employees.E001}`, { inputs: { complaints: 0 } }), 200);
    await evaluate(ctx(), cycleId);
  });

  it('downloads a pack whose every hash recomputes exactly as howToVerify says', async () => {
    const res = await ctx().as('auditor').get(url('E001'));
    await expectStatus(res, 200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="evidence-${cycleKey}-E001.json"`);
    const pack = await body(res);
    expect(pack.howToVerify).toMatch(/canonical JSON/);
    expect(pack.employee).toMatchObject({ code: 'E001' });
    expect(pack.cycle).toMatchObject({ id: String(cycleId), key: cycleKey });
    expect(new Date(pack.generatedAt).toISOString()).toBe(pack.generatedAt);

    // 1. the document
    const documentHash = `sha256:${hex(canonical(pack.schemeVersion.document))}`;
    expect(documentHash).toBe(pack.hashes.document);
    expect(documentHash).toBe(pack.schemeVersion.contentHash);
    expect(documentHash).toBe(pack.result.schemeHash);
    // 2. the inputs
    const inputs = Object.fromEntries(pack.inputs.map((i: { key: string; value: unknown }) => [i.key, i.value]));
    expect(`sha256:${hex(canonical(inputs))}`).toBe(pack.hashes.inputs);
    expect(pack.hashes.inputs).toBe(pack.result.inputsHash);
    // 3. the stored result
    expect(`sha256:${hex(canonical(pack.result.result))}`).toBe(pack.hashes.result);
    expect(pack.result.explanation.indicators[0].trace.length).toBeGreaterThan(0);
    // 4. every audit entry
    expect(pack.auditEntries.length).toBeGreaterThan(0);
    for (const entry of pack.auditEntries) {
      if (!entry.payloadWithheld) expect(hex(canonical(entry.payload))).toBe(entry.payloadHash);
      const actor = `${entry.actorUserId ?? ''}:${entry.actorLabel}`;
      expect(hex([entry.prevHash, String(entry.seq), entry.at, actor, entry.action, entry.entityType, entry.entityId, entry.payloadHash].join('\n'))).toBe(entry.rowHash);
    }
  });

  /** Step 5 of howToVerify, written from its text: does the pack's own result fold up to the recorded root? */
  function resultIsRecorded(pack: { employee: { code: string }; hashes: { result: string }; resultProof: { auditSeq: number; resultsRoot: string; path: Array<{ side: string; hash: string }> }; auditEntries: Array<{ seq: number; action: string; payload: { resultsRoot?: string } | null }> }): boolean {
    let node = hex(`${pack.employee.code} ${pack.hashes.result}`);
    for (const step of pack.resultProof.path) node = step.side === 'left' ? hex(step.hash + node) : hex(node + step.hash);
    const entry = pack.auditEntries.find((e) => e.seq === pack.resultProof.auditSeq);
    return entry?.action === 'evaluation.results' && node === pack.resultProof.resultsRoot && entry.payload?.resultsRoot === node;
  }

  it('holds only this employee\'s data, and lets a third party detect a changed result', async () => {
    const pack = await body(await ctx().as('auditor').get(url('E003')));
    const text = JSON.stringify(pack);
    // No company-wide figures: the evaluation.complete entry is there, its payload is not.
    expect(text).not.toContain('gradeCounts');
    for (const code of ['E001', 'E002', 'E004', 'E005', 'E006']) expect(text).not.toContain(`"${code}"`);
    expect(pack.auditEntries.find((e: { action: string }) => e.action === 'evaluation.complete')).toMatchObject({ payload: null, payloadWithheld: true });
    // Six employees: a path of three siblings (6 leaves → 3 → 2 → 1).
    expect(pack.resultProof.path).toHaveLength(3);
    expect(resultIsRecorded(pack)).toBe(true);

    await tamper(ctx().database, ['result_revisions'], (trx) =>
      sql`update result_revisions set total = total + 10, result = jsonb_set(result, '{total}', to_jsonb((result->>'total')::float8 + 10))
          where cycle_id = ${cycleId} and employee_id = ${ctx().fixture.employees.E003}`.execute(trx));
    const changed = await body(await ctx().as('auditor').get(url('E003')));
    expect(changed.result.total).toBe(pack.result.total + 10);
    // The tampered pack is self-consistent (step 3 still holds), but step 5 fails.
    expect(`sha256:${hex(canonical(changed.result.result))}`).toBe(changed.hashes.result);
    expect(resultIsRecorded(changed)).toBe(false);
  });

  it('carries inputs with who/when and their history, and only audit entries about this result', async () => {
    const pack = await body(await ctx().as('hr').get(url('E001')));
    const complaints = pack.inputs.find((i: { key: string }) => i.key === 'complaints');
    expect(complaints).toMatchObject({ value: 0, source: 'manual', enteredBy: 'manager' });
    expect(complaints.history.map((h: { operation: string; oldValue: unknown; newValue: unknown; enteredBy: string }) => [h.operation, h.oldValue, h.newValue, h.enteredBy])).toEqual([
      ['insert', null, 1, 'hr'],
      ['update', 1, 0, 'manager'],
    ]);
    const actions = pack.auditEntries.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['cycle.create', 'cycle.assignments', 'cycle.transition', 'inputs.set', 'evaluation.start', 'evaluation.complete']));
    const employees = new Set(pack.auditEntries.filter((a: { entityType: string }) => a.entityType === 'cycle_employee').map((a: { entityId: string }) => a.entityId));
    expect([...employees]).toEqual([`${cycleId}:${ctx().fixture.employees.E001}`]);
    expect(pack.auditEntries.map((a: { seq: number }) => a.seq)).toEqual([...pack.auditEntries.map((a: { seq: number }) => a.seq)].sort((a, b) => a - b));
  });

  it('is for HR, auditors, the employee’s manager and the employee (once published)', async () => {
    await expectStatus(await ctx().as('manager').get(url('E002')), 200);
    expect((await ctx().as('otherManager').get(url('E002'))).status).toBe(403);
    expect((await ctx().as('employee').get(url('E001'))).status).toBe(403); // not published yet
    await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to: 'calibrated' }), 200);
    await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to: 'published' }), 200);
    await expectStatus(await ctx().as('employee').get(url('E001')), 200);
    expect((await ctx().as('employee').get(url('E002'))).status).toBe(403);
    expect((await ctx().as('hr').get(`/api/cycles/${cycleId}/results/999999/evidence`)).status).toBe(404);
  });
});
