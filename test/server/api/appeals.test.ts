import { beforeAll, expect, it } from 'vitest';
import { describeEachApp, type FixtureUser } from '../helpers/app.ts';
import { body, evaluate, expectStatus, fillInputs, openCycle } from './support/cycle-fixture.ts';

describeEachApp('appeals API', (ctx) => {
  let cycleId = 0;
  let cycleKey = '';
  const appealUrl = (code: string) => `/api/cycles/${cycleId}/results/${ctx().fixture.employees[code]}/appeals`;
  const decide = (who: 'hr' | 'manager' | 'otherManager', id: string, decision: string, note = 'Looked at it.') => ctx().as(who).post(`/api/appeals/${id}/decide`, { decision, note });

  beforeAll(async () => {
    ({ cycleId, key: cycleKey } = await openCycle(ctx()));
    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
  });

  it('accepts appeals only against a published result, from the employee it belongs to', async () => {
    const early = await ctx().as('employee').post(appealUrl('E001'), { reason: 'Too early' });
    expect(early.status).toBe(403); // the result is not even visible yet
    await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to: 'calibrated' }), 200);
    const calibrated = await ctx().as('employee').post(appealUrl('E001'), { reason: 'Still early' });
    expect(calibrated.status).toBe(403);
    await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to: 'published' }), 200);
    expect((await ctx().as('employee').post(appealUrl('E002'), { reason: 'Not mine' })).status).toBe(403);
    expect((await ctx().as('hr').post(appealUrl('E001'), { reason: 'On their behalf' })).status).toBe(403);
    expect((await ctx().as('employee').post(appealUrl('E001'), { reason: '   ' })).status).toBe(400);

    const res = await ctx().as('employee').post(appealUrl('E001'), { reason: 'Complaint #12 was withdrawn by the customer.', evidence: 'Ticket 12, closed as invalid on 2026-09-03.' });
    await expectStatus(res, 201);
    const appeal = await body(res);
    expect(appeal).toMatchObject({ cycleId: String(cycleId), cycleKey, employeeCode: 'E001', status: 'filed', reason: 'Complaint #12 was withdrawn by the customer.', decision: null });
    expect(appeal.evidence).toEqual([{ text: 'Ticket 12, closed as invalid on 2026-09-03.', addedAt: expect.any(String) }]);
    const again = await ctx().as('employee').post(appealUrl('E001'), { reason: 'Once more' });
    expect(again.status).toBe(409);
    expect((await body(again)).error.message).toMatch(/already have an open appeal/);
  });

  it('lists appeals in scope', async () => {
    const own = await body(await ctx().as('employee').get('/api/appeals'));
    expect(own.items.map((a: { employeeCode: string }) => a.employeeCode)).toEqual(['E001']);
    expect((await body(await ctx().as('manager').get(`/api/appeals?cycle=${cycleId}`))).items).toHaveLength(1);
    expect((await body(await ctx().as('otherManager').get('/api/appeals'))).items).toHaveLength(0);
    expect((await body(await ctx().as('otherEmployee').get('/api/appeals'))).items).toHaveLength(0);
    expect((await body(await ctx().as('auditor').get('/api/appeals?status=filed'))).items).toHaveLength(1);
    expect((await body(await ctx().as('hr').get('/api/appeals?status=accepted'))).items).toHaveLength(0);
    expect((await ctx().as('hr').get('/api/appeals?status=lost')).status).toBe(400);
  });

  it('tells each caller which decisions are theirs to take next', async () => {
    const next = async (as: FixtureUser) => (await body(await ctx().as(as).get(`/api/appeals?cycle=${cycleId}`))).items.map((a: { nextDecisions: string[] }) => a.nextDecisions);
    expect(await next('hr')).toEqual([['department-review', 'hr-review', 'accepted', 'rejected']]);
    expect(await next('manager')).toEqual([['department-review', 'hr-review']]);
    expect(await next('auditor')).toEqual([[]]);
    expect(await next('employee')).toEqual([[]]);
  });

  it('goes manager first review → HR decision, each step audited; decided appeals are final', async () => {
    const [appeal] = (await body(await ctx().as('hr').get(`/api/appeals?cycle=${cycleId}`))).items;
    expect((await decide('otherManager', appeal.id, 'department-review')).status).toBe(403);
    const review = await decide('manager', appeal.id, 'department-review', 'Checking the ticket log.');
    await expectStatus(review, 200);
    expect(await body(review)).toMatchObject({ status: 'department-review', decision: 'Checking the ticket log.', decidedBy: String(ctx().fixture.users.manager) });
    const managerFinal = await decide('manager', appeal.id, 'accepted');
    expect(managerFinal.status).toBe(403);
    expect((await body(managerFinal)).error.message).toMatch(/Only HR decides/);
    await expectStatus(await decide('manager', appeal.id, 'hr-review', 'Ticket was invalid; recommend correcting.'), 200);
    const back = await decide('manager', appeal.id, 'department-review');
    expect(back.status).toBe(409);
    const accepted = await decide('hr', appeal.id, 'accepted', 'Corrected in calibration.');
    await expectStatus(accepted, 200);
    expect((await body(accepted)).status).toBe('accepted');
    const final = await decide('hr', appeal.id, 'rejected');
    expect(final.status).toBe(409);
    expect((await body(final)).error.message).toBe(`Appeal ${appeal.id} is already accepted; a decided appeal cannot change.`);
    expect((await decide('hr', '999999', 'accepted')).status).toBe(404);
    expect((await ctx().as('auditor').post(`/api/appeals/${appeal.id}/decide`, { decision: 'accepted', note: 'x' })).status).toBe(403);
    expect((await ctx().as('hr').post(`/api/appeals/${appeal.id}/decide`, { decision: 'withdrawn', note: 'x' })).status).toBe(400);
    const audit = await ctx().db.selectFrom('audit_log').select(['action', 'payload']).where('entity_type', '=', 'appeal').where('entity_id', '=', appeal.id).orderBy('seq').execute();
    expect(audit.map((a) => [a.action, (a.payload as { to?: string }).to ?? null])).toEqual([
      ['appeal.file', null],
      ['appeal.decide', 'department-review'],
      ['appeal.decide', 'hr-review'],
      ['appeal.decide', 'accepted'],
    ]);
  });

  it('lets HR decide an appeal directly, and a decided appeal frees the way for a new one', async () => {
    const res = await ctx().as('employee').post(appealUrl('E001'), { reason: 'A second point: attitude ratings were swapped.' });
    await expectStatus(res, 201);
    const { id } = await body(res);
    await expectStatus(await decide('hr', id, 'rejected', 'The ratings match the signed forms.'), 200);
    const evidence = await body(await ctx().as('employee').get(`/api/cycles/${cycleId}/results/${ctx().fixture.employees.E001}/evidence`));
    expect(evidence.auditEntries.filter((a: { entityType: string }) => a.entityType === 'appeal').map((a: { action: string }) => a.action)).toEqual(['appeal.file', 'appeal.decide', 'appeal.decide', 'appeal.decide', 'appeal.file', 'appeal.decide']);
  });
});
