import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { json } from '../../../server/db/json.ts';
import { describeEachApp } from '../helpers/app.ts';
import { tamper } from '../helpers/tamper.ts';
import { body, evaluate, expectStatus, fillInputs, openCycle } from './support/cycle-fixture.ts';

describeEachApp('results API', (ctx) => {
  let cycleId = 0;
  let cycleKey = '';
  const e = (code: string) => ctx().fixture.employees[code];
  const url = (path = '') => `/api/cycles/${cycleId}${path}`;

  beforeAll(async () => {
    ({ cycleId, key: cycleKey } = await openCycle(ctx()));
    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
  });

  it('lists results with filters, sorting and paging in the caller’s scope', async () => {
    const all = await body(await ctx().as('hr').get(url('/results?sort=-total')));
    expect(all.total).toBe(6);
    const totals = all.items.map((r: { total: number }) => r.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(all.items[0]).toMatchObject({ employeeId: expect.stringMatching(/^\d+$/), departmentKey: expect.any(String), positionKey: expect.any(String), status: 'ok', grade: expect.any(String) });
    const page = await body(await ctx().as('auditor').get(url('/results?sort=code&limit=2&offset=1')));
    expect(page.items.map((r: { code: string }) => r.code)).toEqual(['E002', 'E003']);
    expect(page).toMatchObject({ total: 6, limit: 2, offset: 1 });
    const eng = await body(await ctx().as('hr').get(url(`/results?department=${ctx().fixture.departments.eng}`)));
    expect(eng.items.map((r: { code: string }) => r.code)).toEqual(['E004', 'E005', 'E006']);
    const grade = all.items[0].grade;
    const byGrade = await body(await ctx().as('hr').get(url(`/results?grade=${grade}`)));
    expect(byGrade.items.every((r: { grade: string }) => r.grade === grade)).toBe(true);
    expect((await body(await ctx().as('hr').get(url('/results?q=e00')))).total).toBe(6);
    expect((await body(await ctx().as('hr').get(url('/results?q=Employee%205')))).items.map((r: { code: string }) => r.code)).toEqual(['E005']);
    const manager = await body(await ctx().as('manager').get(url('/results')));
    expect(manager.items.map((r: { code: string }) => r.code)).toEqual(['E001', 'E002', 'E003']);
    expect((await ctx().as('manager').get(url(`/results?department=${ctx().fixture.departments.eng}`))).status).toBe(403);
    expect((await ctx().as('hr').get(url('/results?sort=name'))).status).toBe(400);
    const early = await ctx().as('employee').get(url('/results'));
    expect(early.status).toBe(403);
    expect((await body(early)).error.message).toBe(`The results of cycle ${cycleKey} are not published yet; you will see yours once HR publishes them.`);
  });

  it('shows one result with an explanation recomputed on the fly (traces), within scope', async () => {
    const res = await ctx().as('hr').get(url(`/results/${e('E002')}`));
    await expectStatus(res, 200);
    const r = await body(res);
    expect(r.employee).toMatchObject({ code: 'E002', departmentKey: 'cs' });
    expect(r.schemeVersion.contentHash).toBe(r.schemeHash);
    expect(r.result.total).toBe(r.total);
    expect(r.inputsChanged).toBe(false);
    expect(r.result.indicators.every((i: { trace: unknown[] }) => i.trace.length === 0)).toBe(true); // not stored
    expect(r.explanation.indicators.find((i: { key: string }) => i.key === 'complaints').trace.length).toBeGreaterThan(0);
    expect(r.explanation.indicators.map((i: { score: number }) => i.score)).toEqual(r.result.indicators.map((i: { score: number }) => i.score));
    expect((await ctx().as('manager').get(url(`/results/${e('E004')}`))).status).toBe(403);
    expect((await ctx().as('otherManager').get(url(`/results/${e('E004')}`))).status).toBe(200);
    expect((await ctx().as('hr').get(url('/results/999999'))).status).toBe(404);
    expect((await ctx().as('hr').get(`/api/cycles/999999/results/${e('E001')}`)).status).toBe(404);
  });

  it('gives dashboard figures: grades with quotas, indicator heat map, top ranking; managers their departments', async () => {
    const stats = await body(await ctx().as('hr').get(url('/stats?top=3')));
    expect(stats.employees).toBe(6);
    expect(Object.values(stats.grades.overall as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(6);
    expect(stats.grades.byDepartment.map((d: { departmentKey: string; employees: number }) => [d.departmentKey, d.employees])).toEqual([
      ['cs', 3],
      ['eng', 3],
    ]);
    expect(stats.schemes[0]).toMatchObject({ grades: ['A', 'B', 'C', 'D'], distribution: { scope: 'department', quotas: { A: { max: 0.5 } } } });
    const csComplaints = stats.indicators.find((i: { departmentId: string; indicator: string }) => i.departmentId === String(ctx().fixture.departments.cs) && i.indicator === 'complaints');
    const rows = (await body(await ctx().as('hr').get(url(`/results?department=${ctx().fixture.departments.cs}`)))).items;
    const scores = await Promise.all(rows.map(async (r: { employeeId: string }) => (await body(await ctx().as('hr').get(url(`/results/${r.employeeId}`)))).result.indicators.find((i: { key: string }) => i.key === 'complaints').score));
    expect(csComplaints).toMatchObject({ count: 3, min: Math.min(...scores), max: Math.max(...scores) });
    expect(csComplaints.mean).toBeCloseTo(scores.reduce((a: number, b: number) => a + b, 0) / 3, 9);
    expect(stats.top).toHaveLength(3);
    expect(stats.top.map((t: { total: number }) => t.total)).toEqual([...stats.top.map((t: { total: number }) => t.total)].sort((a, b) => b - a));
    const manager = await body(await ctx().as('manager').get(url('/stats')));
    expect(manager.employees).toBe(3);
    expect(manager.grades.byDepartment.map((d: { departmentKey: string }) => d.departmentKey)).toEqual(['cs']);
    expect((await ctx().as('employee').get(url('/stats'))).status).toBe(403);
    expect((await ctx().as('hr').get(url('/stats?top=0'))).status).toBe(400);
  });

  it('reproduces a stored result, and reports a mismatch after tampering', async () => {
    const reproduce = async () => {
      const res = await ctx().as('auditor').post(url(`/results/${e('E003')}/reproduce`));
      await expectStatus(res, 200);
      return body(res);
    };
    const clean = await reproduce();
    expect(clean).toMatchObject({ matches: true, differences: [], population: 6 });
    expect(clean.stored).toEqual(clean.recomputed);
    expect((await ctx().as('manager').post(url(`/results/${e('E003')}/reproduce`))).status).toBe(403);

    const stored = clean.stored.total as number;
    await tamper(ctx().database, ['result_revisions'], (trx) => trx.updateTable('result_revisions').set({ total: stored + 5 }).where('cycle_id', '=', cycleId).where('employee_id', '=', e('E003')).execute());
    const tampered = await reproduce();
    expect(tampered.matches).toBe(false);
    expect(tampered.differences).toEqual([{ field: 'total', stored: stored + 5, recomputed: stored }]);

    await tamper(ctx().database, ['result_revisions'], (trx) => trx.updateTable('result_revisions').set({ total: stored, result: sql`jsonb_set(result, '{indicators,0,score}', '1')` }).where('cycle_id', '=', cycleId).where('employee_id', '=', e('E003')).execute());
    const edited = await reproduce();
    expect(edited.differences.map((d: { field: string }) => d.field)).toEqual(['resultHash', 'indicators.complaints']);

    await tamper(ctx().database, ['result_revisions'], (trx) => trx.updateTable('result_revisions').set({ result: sql`jsonb_set(result, '{indicators,0,score}', ${json(clean.stored.indicators.complaints)})` }).where('cycle_id', '=', cycleId).where('employee_id', '=', e('E003')).execute());
    const restored = await reproduce();
    expect(restored.differences).toEqual([]);
  });

  it('lets employees read only their own row, once the cycle is published', async () => {
    await expectStatus(await ctx().as('hr').post(url('/transition'), { to: 'calibrated' }), 200);
    await expectStatus(await ctx().as('hr').post(url('/transition'), { to: 'published' }), 200);
    const mine = await body(await ctx().as('employee').get(url('/results')));
    expect(mine.items.map((r: { code: string }) => r.code)).toEqual(['E001']);
    await expectStatus(await ctx().as('employee').get(url(`/results/${e('E001')}`)), 200);
    const other = await ctx().as('employee').get(url(`/results/${e('E002')}`));
    expect(other.status).toBe(403);
    expect((await body(other)).error.message).toBe('You can only see your own results.');
    expect((await ctx().as('employee').post(url(`/results/${e('E001')}/reproduce`))).status).toBe(403);
    expect((await body(await ctx().as('employee').get(`/api/cycles/${cycleId}`))).counts).toMatchObject({ employees: 1, results: 1 });
  });
});
