import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { body, evaluate, expectStatus, fillInputs, openCycle, publishedVersion, testScheme, uniqueKey } from './support/cycle-fixture.ts';

describeEachApp('cycles API', (ctx) => {
  const newCycle = (key = uniqueKey('c')) => ({ key, title: `Cycle ${key}`, period: 'quarter', startsOn: '2026-07-01', endsOn: '2026-09-30' });

  it('HR creates a cycle (open, audited) and everyone but employees lists it', async () => {
    const input = newCycle();
    const res = await ctx().as('hr').post('/api/cycles', input);
    await expectStatus(res, 201);
    const cycle = await body(res);
    expect(cycle).toMatchObject({ key: input.key, status: 'open', period: 'quarter', startsOn: '2026-07-01', endsOn: '2026-09-30', nextStatuses: ['collecting'], createdBy: String(ctx().fixture.users.hr) });
    expect(cycle.id).toMatch(/^\d+$/);
    expect(new Date(cycle.createdAt).toISOString()).toBe(cycle.createdAt);
    const audit = await ctx().db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'cycle').where('entity_id', '=', cycle.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['cycle.create']);
    for (const role of ['hr', 'manager', 'auditor'] as const) {
      const list = await body(await ctx().as(role).get('/api/cycles'));
      expect(list.items.map((c: { key: string }) => c.key)).toContain(input.key);
    }
    const mine = await body(await ctx().as('employee').get('/api/cycles'));
    expect(mine.items.map((c: { key: string }) => c.key)).not.toContain(input.key);
  });

  it('refuses bad cycles: non-HR 403, duplicate key 409, impossible dates 400', async () => {
    expect((await ctx().as('manager').post('/api/cycles', newCycle())).status).toBe(403);
    const input = newCycle();
    await expectStatus(await ctx().as('hr').post('/api/cycles', input), 201);
    const again = await ctx().as('hr').post('/api/cycles', input);
    expect(again.status).toBe(409);
    expect((await body(again)).error.message).toContain(input.key);
    const feb30 = await ctx().as('hr').post('/api/cycles', { ...newCycle(), startsOn: '2026-02-30' });
    expect(feb30.status).toBe(400);
    expect((await body(feb30)).error.message).toContain('startsOn');
    const backwards = await ctx().as('hr').post('/api/cycles', { ...newCycle(), startsOn: '2026-10-01', endsOn: '2026-09-30' });
    expect(backwards.status).toBe(400);
  });

  it('shows one cycle with assignments and counts scoped to the caller', async () => {
    const { cycleId, versionIds } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const hr = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}`));
    expect(hr.assignments).toEqual([expect.objectContaining({ versionId: String(versionIds[0]), departmentId: null, positionId: null, versionNumber: 1 })]);
    expect(hr.assignments[0].contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hr.counts).toEqual({ employees: 6, employeesWithInputs: 6, inputValues: 30, results: 0, openAppeals: 0 });
    const manager = await body(await ctx().as('manager').get(`/api/cycles/${cycleId}`));
    expect(manager.counts).toMatchObject({ employees: 3, employeesWithInputs: 3 });
    const missing = await ctx().as('hr').get('/api/cycles/999999');
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.message).toBe('No cycle with id 999999.');
    expect((await ctx().as('employee').get(`/api/cycles/${cycleId}`)).status).toBe(403);
  });

  it('shows a manager and an employee only the assignments of their own departments', async () => {
    const { fixture } = ctx();
    const cs = await publishedVersion(ctx().db, testScheme());
    const eng = await publishedVersion(ctx().db, testScheme());
    const { cycleId } = await openCycle(ctx(), { assignments: [{ versionId: cs, departmentId: fixture.departments.cs }, { versionId: eng, departmentId: fixture.departments.eng }] });
    const versionsSeenBy = async (who: 'hr' | 'auditor' | 'manager' | 'employee' | 'otherEmployee') => (await body(await ctx().as(who).get(`/api/cycles/${cycleId}`))).assignments.map((a: { versionId: string }) => Number(a.versionId));
    expect(await versionsSeenBy('hr')).toEqual([cs, eng]);
    expect(await versionsSeenBy('auditor')).toEqual([cs, eng]);
    // The manager of customer service: the engineering scheme's key, version and hash stay unseen.
    expect(await versionsSeenBy('manager')).toEqual([cs]);
    const managerView = JSON.stringify(await body(await ctx().as('manager').get(`/api/cycles/${cycleId}`)));
    const engHash = (await ctx().db.selectFrom('scheme_versions').select('content_hash').where('id', '=', eng).executeTakeFirstOrThrow()).content_hash;
    expect(managerView).not.toContain(engHash);
    // Employees read a cycle once it is published with their result.
    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
    for (const to of ['calibrated', 'published']) await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to }), 200);
    expect(await versionsSeenBy('employee')).toEqual([cs]); // E001, customer service
    expect(await versionsSeenBy('otherEmployee')).toEqual([eng]); // E004, engineering
  });

  it('replaces assignments in one go; only published versions, known departments; refused once evaluated', async () => {
    const { cycleId } = await openCycle(ctx());
    const general = await publishedVersion(ctx().db, testScheme());
    const engineering = await publishedVersion(ctx().db, testScheme());
    const { eng } = ctx().fixture.departments;
    const res = await ctx().as('hr').put(`/api/cycles/${cycleId}/assignments`, [{ versionId: String(general) }, { versionId: String(engineering), departmentId: String(eng) }]);
    await expectStatus(res, 200);
    expect((await body(res)).assignments.map((a: { versionId: string; departmentId: string | null }) => [a.versionId, a.departmentId])).toEqual([
      [String(general), null],
      [String(engineering), String(eng)],
    ]);
    // The most specific assignment applies: engineers get their department's version.
    const grid = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs`));
    const versionOf = Object.fromEntries(grid.rows.map((r: { code: string; versionId: string }) => [r.code, r.versionId]));
    expect(versionOf).toMatchObject({ E001: String(general), E004: String(engineering) });

    const draftScheme = await ctx().db.insertInto('schemes').values({ key: uniqueKey('draft'), title: 'Draft' }).returning('id').executeTakeFirstOrThrow();
    const doc = testScheme();
    const { hashScheme } = await import('../../../rules/index.ts');
    const draft = await ctx().db.insertInto('scheme_versions').values({ scheme_id: draftScheme.id, number: 1, document: doc, content_hash: hashScheme(doc) }).returning('id').executeTakeFirstOrThrow();
    const refused = await ctx().as('hr').put(`/api/cycles/${cycleId}/assignments`, [{ versionId: String(draft.id) }]);
    expect(refused.status).toBe(409);
    expect((await body(refused)).error.message).toMatch(/draft; only published versions/);
    expect((await ctx().as('hr').put(`/api/cycles/${cycleId}/assignments`, [{ versionId: '999999' }])).status).toBe(404);
    expect((await ctx().as('hr').put(`/api/cycles/${cycleId}/assignments`, [{ versionId: String(general), departmentId: '999999' }])).status).toBe(404);
    const twice = await ctx().as('hr').put(`/api/cycles/${cycleId}/assignments`, [{ versionId: String(general) }, { versionId: String(engineering) }]);
    expect(twice.status).toBe(400);
    // Nothing of the refused attempts was written.
    expect((await body(await ctx().as('hr').get(`/api/cycles/${cycleId}`))).assignments).toHaveLength(2);

    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
    const late = await ctx().as('hr').put(`/api/cycles/${cycleId}/assignments`, [{ versionId: String(general) }]);
    expect(late.status).toBe(409);
    expect((await body(late)).error.code).toBe('invalid_transition');
  });

  it('walks the life cycle; evaluated only by evaluating; anything else 409 naming the allowed next states', async () => {
    const { cycleId, key } = await openCycle(ctx(), { collecting: false });
    const transition = (to: string) => ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to });
    const skip = await transition('published');
    expect(skip.status).toBe(409);
    expect((await body(skip)).error.message).toBe(`Cycle ${key} is open and cannot move to published; it can move to collecting next.`);
    await expectStatus(await transition('collecting'), 200);
    const byHand = await transition('evaluated');
    expect(byHand.status).toBe(409);
    expect((await body(byHand)).error.message).toMatch(/by running an evaluation/);
    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
    await expectStatus(await transition('collecting'), 200); // re-open data entry
    await evaluate(ctx(), cycleId);
    for (const to of ['calibrated', 'published', 'closed']) {
      const res = await transition(to);
      await expectStatus(res, 200);
      expect((await body(res)).status).toBe(to);
    }
    const closed = await transition('open');
    expect(closed.status).toBe(409);
    expect((await body(closed)).error.message).toBe(`Cycle ${key} is closed and cannot move to open; closed cycles cannot change.`);
    expect((await ctx().as('auditor').post(`/api/cycles/${cycleId}/transition`, { to: 'open' })).status).toBe(403);
    const actions = await ctx().db.selectFrom('audit_log').select('action').where('entity_type', '=', 'cycle').where('entity_id', '=', String(cycleId)).orderBy('seq').execute();
    expect(actions.filter((a) => a.action === 'cycle.transition')).toHaveLength(5);
    // Employees now see the closed cycle in which they have a result.
    expect((await body(await ctx().as('employee').get('/api/cycles'))).items.map((c: { key: string }) => c.key)).toContain(key);
  });

  it('documents every route of the group in the OpenAPI document', async () => {
    const doc = await body(await ctx().anonymous.get('/api/openapi.json'));
    for (const [path, method] of [
      ['/api/cycles', 'get'],
      ['/api/cycles', 'post'],
      ['/api/cycles/{id}', 'get'],
      ['/api/cycles/{id}/assignments', 'put'],
      ['/api/cycles/{id}/transition', 'post'],
      ['/api/cycles/{id}/inputs', 'get'],
      ['/api/cycles/{id}/inputs/{employeeId}', 'put'],
      ['/api/cycles/{id}/import', 'post'],
      ['/api/cycles/{id}/evaluate', 'post'],
      ['/api/jobs/{id}', 'get'],
      ['/api/cycles/{id}/results', 'get'],
      ['/api/cycles/{id}/results/{employeeId}', 'get'],
      ['/api/cycles/{id}/stats', 'get'],
      ['/api/cycles/{id}/results/{employeeId}/reproduce', 'post'],
      ['/api/cycles/{id}/results/{employeeId}/evidence', 'get'],
      ['/api/cycles/{id}/results/{employeeId}/appeals', 'post'],
      ['/api/appeals', 'get'],
      ['/api/appeals/{id}/decide', 'post'],
    ]) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/cycles/{id}/import'].post.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
  });
});
