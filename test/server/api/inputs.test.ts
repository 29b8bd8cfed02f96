import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createApiToken } from '../../../server/services/access/sessions.ts';
import { describeEachApp } from '../helpers/app.ts';
import { body, evaluate, expectStatus, fillInputs, openCycle, publishedVersion, testScheme, validInputs } from './support/cycle-fixture.ts';

describeEachApp('inputs API', (ctx) => {
  const e = (code: string) => ctx().fixture.employees[code];
  const countInputs = async (cycleId: number) => (await ctx().db.selectFrom('inputs').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId).executeTakeFirstOrThrow()).n;

  it('shows the grid: employees × declared inputs, with who/when/source per cell', async () => {
    const { cycleId, versionIds } = await openCycle(ctx());
    await expectStatus(await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${e('E002')}`, { inputs: { complaints: 2, attitude: { supervisor: [4], peer: [5, 3] } } }), 200);
    const res = await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs`);
    await expectStatus(res, 200);
    const grid = await body(res);
    expect(grid.total).toBe(6);
    expect(grid.cycle).toMatchObject({ status: 'collecting', acceptsInputs: true });
    expect(grid.versions).toHaveLength(1);
    expect(grid.versions[0].id).toBe(String(versionIds[0]));
    expect(grid.versions[0].inputs.find((i: { key: string }) => i.key === 'attitude')).toMatchObject({ type: 'rating', multiRater: true, raterGroups: ['supervisor', 'peer'], minimum: 1, maximum: 5 });
    expect(grid.versions[0].inputs.find((i: { key: string }) => i.key === 'quality')).toMatchObject({ options: ['A', 'B', 'C'], required: false });
    const row = grid.rows.find((r: { code: string }) => r.code === 'E002');
    expect(Object.keys(row.cells).sort()).toEqual(['attitude', 'complaints', 'csat', 'on_time', 'quality', 'remark']);
    expect(row.cells.complaints).toMatchObject({ value: 2, source: 'manual', enteredBy: 'hr', importBatchId: null });
    expect(row.cells.attitude.value).toEqual({ supervisor: [4], peer: [5, 3] });
    expect(row.cells.csat).toBeNull();
    // What evaluation reads besides inputs, so a client (the simulator) can evaluate as the server does.
    expect(row.attributes).toEqual({ team: expect.stringMatching(/^[AB]$/), level: 'staff' });
    // Paging and filters.
    const page = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs?limit=2&offset=2`));
    expect(page.rows.map((r: { code: string }) => r.code)).toEqual(['E003', 'E004']);
    expect((await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs?employee=${e('E005')}`))).rows.map((r: { code: string }) => r.code)).toEqual(['E005']);
    expect((await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs?department=abc`)).status).toBe(400);
  });

  it('keeps managers to their departments and employees out', async () => {
    const { cycleId } = await openCycle(ctx());
    const mine = await body(await ctx().as('manager').get(`/api/cycles/${cycleId}/inputs`));
    expect(mine.rows.map((r: { code: string }) => r.code)).toEqual(['E001', 'E002', 'E003']);
    expect((await ctx().as('manager').get(`/api/cycles/${cycleId}/inputs?department=${ctx().fixture.departments.eng}`)).status).toBe(403);
    expect((await ctx().as('manager').get(`/api/cycles/${cycleId}/inputs?employee=${e('E004')}`)).status).toBe(403);
    expect((await ctx().as('employee').get(`/api/cycles/${cycleId}/inputs`)).status).toBe(403);
    await expectStatus(await ctx().as('manager').put(`/api/cycles/${cycleId}/inputs/${e('E001')}`, { inputs: { complaints: 1 } }), 200);
    const other = await ctx().as('manager').put(`/api/cycles/${cycleId}/inputs/${e('E004')}`, { inputs: { complaints: 1 } });
    expect(other.status).toBe(403);
    expect((await ctx().as('auditor').put(`/api/cycles/${cycleId}/inputs/${e('E001')}`, { inputs: { complaints: 1 } })).status).toBe(403);
    expect((await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/999999`, { inputs: { complaints: 1 } })).status).toBe(404);
  });

  it('validates against the declared inputs and names every bad key; writes nothing then', async () => {
    const { cycleId } = await openCycle(ctx());
    const res = await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${e('E001')}`, {
      inputs: { complaints: 1.5, csat: 120, quality: 'Z', on_time: 'yes', attitude: { supervisor: [6], boss: [3] }, bonus: 1 },
    });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('invalid_input');
    const byColumn = Object.fromEntries(error.details.errors.map((x: { column: string; message: string }) => [x.column, x.message]));
    expect(Object.keys(byColumn).sort()).toEqual(['attitude', 'bonus', 'complaints', 'csat', 'on_time', 'quality']);
    expect(byColumn.complaints).toMatch(/integer/);
    expect(byColumn.csat).toMatch(/<= 100/);
    expect(byColumn.quality).toMatch(/one of/);
    expect(byColumn.bonus).toMatch(/not an input of scheme/);
    expect(await countInputs(cycleId)).toBe(0);
  });

  it('stores per key, clears with null, keeps history, and repeats harmlessly', async () => {
    const { cycleId } = await openCycle(ctx());
    const put = (inputs: Record<string, unknown>) => ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${e('E001')}`, { inputs });
    await expectStatus(await put({ complaints: 1, remark: 'first' }), 200);
    await expectStatus(await put({ complaints: 1, remark: 'first' }), 200); // same values again
    await expectStatus(await put({ complaints: 3, remark: null }), 200);
    const history = await ctx().db.selectFrom('input_history').select(['input_key', 'operation', 'old_value', 'new_value']).where('cycle_id', '=', cycleId).orderBy('id').execute();
    expect(history).toEqual([
      { input_key: 'complaints', operation: 'insert', old_value: null, new_value: 1 },
      { input_key: 'remark', operation: 'insert', old_value: null, new_value: 'first' },
      { input_key: 'complaints', operation: 'update', old_value: 1, new_value: 3 },
      { input_key: 'remark', operation: 'delete', old_value: 'first', new_value: null },
    ]);
    const audit = await ctx().db.selectFrom('audit_log').select(['action', 'payload']).where('entity_type', '=', 'cycle_employee').where('entity_id', '=', `${cycleId}:${e('E001')}`).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['inputs.set', 'inputs.set', 'inputs.set']);
    expect(audit.map((a) => (a.payload as { changed: number }).changed)).toEqual([2, 0, 2]);
  });

  it('records source api when a system pushes values with a bearer token', async () => {
    const { cycleId } = await openCycle(ctx());
    const { token } = await createApiToken(ctx().db, ctx().fixture.users.hr, 'ticketing sync');
    const res = await ctx().app.request(`/api/cycles/${cycleId}/inputs/${e('E003')}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs: { complaints: 4 } }) });
    await expectStatus(res, 200);
    expect((await body(res)).cells.complaints).toMatchObject({ value: 4, source: 'api', enteredBy: 'hr' });
  });

  it('keeps history for any SQL writer, set-wise: one row per changed value, none for unchanged ones; keys cannot change', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const history = () => ctx().db.selectFrom('input_history').select(['employee_id', 'input_key', 'operation', 'old_value', 'new_value', 'source']).where('cycle_id', '=', cycleId).orderBy('id').execute();
    const before = await history();
    // One statement over every employee's complaints: only E001's value really changes.
    await sql`update inputs set value = case when employee_id = ${e('E001')} then '7'::jsonb else value end, source = 'api' where cycle_id = ${cycleId} and input_key = 'complaints'`.execute(ctx().db);
    const after = await history();
    expect(after.slice(before.length)).toEqual([{ employee_id: e('E001'), input_key: 'complaints', operation: 'update', old_value: 1, new_value: 7, source: 'api' }]);
    await ctx().db.deleteFrom('inputs').where('cycle_id', '=', cycleId).where('input_key', '=', 'csat').execute();
    expect((await history()).slice(after.length).map((h) => [h.input_key, h.operation, h.new_value])).toEqual(Array.from({ length: 6 }, () => ['csat', 'delete', null]));
    const moved = await ctx().db.updateTable('inputs').set({ input_key: 'renamed' }).where('cycle_id', '=', cycleId).where('input_key', '=', 'complaints').execute().then(() => null, (err: unknown) => err);
    expect(String(moved)).toMatch(/cannot change/);
  });

  it('refuses values unless the cycle is open or collecting and no evaluation runs (409)', async () => {
    const { cycleId, key } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const job = await ctx().db.insertInto('evaluation_jobs').values({ cycle_id: cycleId, total: 6 }).returning('id').executeTakeFirstOrThrow();
    const busy = await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${e('E001')}`, { inputs: { complaints: 0 } });
    expect(busy.status).toBe(409);
    expect((await body(busy)).error.message).toMatch(/is being evaluated/);
    await ctx().db.updateTable('evaluation_jobs').set({ status: 'failed' }).where('id', '=', job.id).execute();
    await evaluate(ctx(), cycleId);
    const late = await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${e('E001')}`, { inputs: { complaints: 0 } });
    expect(late.status).toBe(409);
    expect((await body(late)).error.message).toBe(`Cycle ${key} is evaluated; only open or collecting cycles can take input values.`);
  });

  it('refuses employees the cycle does not assess', async () => {
    const version = await publishedVersion(ctx().db, testScheme());
    const { cycleId } = await openCycle(ctx(), { assignments: [{ versionId: version, departmentId: ctx().fixture.departments.cs }] });
    const res = await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${e('E004')}`, { inputs: validInputs(1) });
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(/E004 is not assessed/);
  });
});
