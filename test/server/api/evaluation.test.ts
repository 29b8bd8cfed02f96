import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { canonicalJson } from '../../../rules/index.ts';
import { resumeEvaluationJobs, runEvaluationJob, startEvaluation } from '../../../server/services/evaluation/jobs.ts';
import { loadUser } from '../../../server/services/access/sessions.ts';
import { describeEachApp } from '../helpers/app.ts';
import { tamper } from '../helpers/tamper.ts';
import { body, evaluate, expectStatus, fillInputs, openCycle, publishedVersion, testScheme } from './support/cycle-fixture.ts';

describeEachApp('evaluation jobs API', (ctx) => {
  const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
  const storedResults = (cycleId: number) =>
    ctx()
      .db.selectFrom('results as r')
      .innerJoin('employees as e', 'e.id', 'r.employee_id')
      .select(['e.code', 'r.scheme_version_id', 'r.scheme_hash', 'r.inputs_hash', 'r.total', 'r.grade', 'r.status', 'r.result', 'r.computed_at', 'r.job_id'])
      .where('r.cycle_id', '=', cycleId)
      .orderBy('e.code')
      .execute();
  const completions = (cycleId: number) =>
    ctx().db.selectFrom('audit_log').select(['payload', 'actor_label']).where('entity_type', '=', 'cycle').where('entity_id', '=', String(cycleId)).where('action', '=', 'evaluation.complete').orderBy('seq').execute();
  /** The audit's resultsHash, recomputed from the stored rows as the docs describe. */
  const digestOf = (rows: Awaited<ReturnType<typeof storedResults>>) => sha(rows.map((r) => `${r.code} ${sha(canonicalJson(r.result))}\n`).join(''));

  it('runs a job to done: 202 with a job id, progress, results stored, cycle evaluated, audited with a digest', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const res = await ctx().as('hr').post(`/api/cycles/${cycleId}/evaluate`);
    expect(res.status).toBe(202);
    const { jobId } = await body(res);
    expect(jobId).toMatch(/^\d+$/);
    const finished = await runEvaluationJob(ctx().db, Number(jobId)); // joins the background run
    expect(finished).toMatchObject({ id: jobId, status: 'done', total: 6, done: 6, error: null });
    const progress = await body(await ctx().as('manager').get(`/api/jobs/${jobId}`));
    expect(progress).toMatchObject({ status: 'done', total: 6, done: 6, error: null, cycleId: String(cycleId) });
    expect(progress.finishedAt).not.toBeNull();
    expect((await body(await ctx().as('hr').get(`/api/cycles/${cycleId}`))).status).toBe('evaluated');

    const rows = await storedResults(cycleId);
    expect(rows.map((r) => r.code)).toEqual(['E001', 'E002', 'E003', 'E004', 'E005', 'E006']);
    for (const r of rows) {
      expect(r.status).toBe('ok');
      expect(r.result.employeeId).toBe(r.code);
      expect(r.total).toBe(r.result.total);
      expect(r.scheme_hash).toBe(r.result.schemeHash);
      expect(r.job_id).toBe(Number(jobId));
    }
    // The stored inputs hash is the hash of the canonical JSON of the employee's stored inputs.
    const e1Inputs = await ctx().db.selectFrom('inputs').select(['input_key', 'value']).where('cycle_id', '=', cycleId).where('employee_id', '=', ctx().fixture.employees.E001).execute();
    expect(rows[0].inputs_hash).toBe(sha(canonicalJson(Object.fromEntries(e1Inputs.map((i) => [i.input_key, i.value])))));
    const [complete] = await completions(cycleId);
    expect(complete.actor_label).toBe('system');
    expect(complete.payload).toMatchObject({ jobId, employees: 6, incomplete: 0, removed: 0, resultsHash: digestOf(rows) });
    const grades = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.grade!]: (acc[r.grade!] ?? 0) + 1 }), {});
    expect((complete.payload as { gradeCounts: unknown }).gradeCounts).toEqual(grades);
  });

  it('is idempotent: running again on unchanged data gives the same rows and hashes, no duplicates', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
    const first = await storedResults(cycleId);
    await evaluate(ctx(), cycleId); // an evaluated cycle may be evaluated again
    const second = await storedResults(cycleId);
    const essence = (rows: typeof first) => rows.map(({ computed_at: _at, job_id: _job, ...rest }) => rest);
    expect(essence(second)).toEqual(essence(first));
    expect(second).toHaveLength(6);
    const [a, b] = await completions(cycleId);
    expect((b.payload as { resultsHash: string }).resultsHash).toBe((a.payload as { resultsHash: string }).resultsHash);
  });

  it('keeps every evaluation as a revision: a changed input gives revision 2, revision 1 stays readable', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const first = await evaluate(ctx(), cycleId);
    const E001 = ctx().fixture.employees.E001;
    const before = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/results/${E001}`));
    await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to: 'collecting' }), 200); // reopened for a correction
    await expectStatus(await ctx().as('manager').put(`/api/cycles/${cycleId}/inputs/${E001}`, { inputs: { complaints: 9 } }), 200);
    const second = await evaluate(ctx(), cycleId);
    const now = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/results/${E001}`));
    expect(now.total).not.toBe(before.total);
    const history = await body(await ctx().as('auditor').get(`/api/cycles/${cycleId}/results/${E001}/revisions`));
    expect(history.items.map((r: Record<string, unknown>) => [r.revision, r.current, r.jobId, r.startedBy, r.reason, r.total])).toEqual([
      [2, true, second.id, 'hr', `evaluation job ${second.id}`, now.total],
      [1, false, first.id, 'hr', `evaluation job ${first.id}`, before.total],
    ]);
    for (const r of history.items) expect(r.resultHash).toBe(r.recordedResultHash);
    expect(history.items[1].inputsHash).toBe(before.inputsHash);
    expect((await ctx().as('manager').get(`/api/cycles/${cycleId}/results/${E001}/revisions`)).status).toBe(403);
  });

  it('resumes a job left running after a crash, from done_count, without duplicates', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const job = await evaluate(ctx(), cycleId);
    const before = await storedResults(cycleId);
    // Simulate a crash after the first chunk of 2: the job row still says running, 2 of 6 written.
    const { E003, E004, E005, E006 } = ctx().fixture.employees;
    await tamper(ctx().database, ['result_revisions'], (trx) => trx.deleteFrom('result_revisions').where('cycle_id', '=', cycleId).where('employee_id', 'in', [E003, E004, E005, E006]).execute());
    await ctx().db.updateTable('evaluation_jobs').set({ status: 'running', done_count: 2, finished_at: null }).where('id', '=', Number(job.id)).execute();
    await ctx().db.updateTable('cycles').set({ status: 'collecting' }).where('id', '=', cycleId).execute();
    const during = await ctx().as('hr').post(`/api/cycles/${cycleId}/evaluate`);
    expect(during.status).toBe(409); // a running job blocks a second one
    expect((await body(during)).error.message).toMatch(/is being evaluated/);

    const resumed = await resumeEvaluationJobs(ctx().db, { chunkSize: 2 });
    expect(resumed.map((j) => [j.id, j.status, j.done, j.total])).toEqual([[job.id, 'done', 6, 6]]);
    const after = await storedResults(cycleId);
    expect(after.map(({ computed_at: _a, ...r }) => r)).toEqual(before.map(({ computed_at: _a, ...r }) => r));
    // The first chunk was not written again: it kept its time.
    expect(after.slice(0, 2).map((r) => r.computed_at)).toEqual(before.slice(0, 2).map((r) => r.computed_at));
    expect((await body(await ctx().as('hr').get(`/api/cycles/${cycleId}`))).status).toBe('evaluated');
    const [first, second] = await completions(cycleId);
    expect((second.payload as { resultsHash: string }).resultsHash).toBe((first.payload as { resultsHash: string }).resultsHash);
  });

  it('refuses closed, calibrated and published cycles (409), a second job, and cycles without anyone to evaluate', async () => {
    const { cycleId, key } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
    for (const to of ['calibrated', 'published', 'closed']) {
      await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to }), 200);
      const res = await ctx().as('hr').post(`/api/cycles/${cycleId}/evaluate`);
      expect(res.status).toBe(409);
      expect((await body(res)).error).toMatchObject({ code: 'invalid_transition', message: `Cycle ${key} is ${to}; ${to} cycles cannot be evaluated.` });
    }
    const none = await openCycle(ctx(), { assignments: [] });
    expect((await body(await ctx().as('hr').post(`/api/cycles/${none.cycleId}/evaluate`))).error.message).toMatch(/no scheme version assigned/);
    const nobody = await ctx().db.insertInto('positions').values({ key: `nobody-${cycleId}`, name: 'Nobody' }).returning('id').executeTakeFirstOrThrow();
    const empty = await openCycle(ctx(), { assignments: [{ versionId: await publishedVersion(ctx().db, testScheme()), positionId: nobody.id }] });
    const res = await ctx().as('hr').post(`/api/cycles/${empty.cycleId}/evaluate`);
    expect(res.status).toBe(409);
    expect((await body(res)).error.message).toMatch(/nobody to evaluate/);
    expect((await ctx().as('manager').post(`/api/cycles/${empty.cycleId}/evaluate`)).status).toBe(403);
    expect((await ctx().as('hr').post('/api/cycles/999999/evaluate')).status).toBe(404);
    expect((await ctx().as('hr').get('/api/jobs/999999')).status).toBe(404);
    expect((await ctx().as('employee').get('/api/jobs/1')).status).toBe(403);
  });

  it('stores incomplete results for missing inputs and drops results of people no longer assessed', async () => {
    const { cycleId } = await openCycle(ctx());
    await expectStatus(await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${ctx().fixture.employees.E001}`, { inputs: { complaints: 1, csat: 90, attitude: { supervisor: [5] } } }), 200);
    await evaluate(ctx(), cycleId);
    const rows = await storedResults(cycleId);
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.status === 'incomplete').map((r) => r.code)).toEqual(['E002', 'E003', 'E004', 'E005', 'E006']);
    expect(rows[1]).toMatchObject({ total: null, grade: null });
    // Re-open, narrow the cycle to customer service, evaluate again: engineering's results go.
    await expectStatus(await ctx().as('hr').post(`/api/cycles/${cycleId}/transition`, { to: 'collecting' }), 200);
    const version = await publishedVersion(ctx().db, testScheme());
    await expectStatus(await ctx().as('hr').put(`/api/cycles/${cycleId}/assignments`, [{ versionId: String(version), departmentId: String(ctx().fixture.departments.cs) }]), 200);
    await evaluate(ctx(), cycleId);
    expect((await storedResults(cycleId)).map((r) => [r.code, r.scheme_version_id])).toEqual([
      ['E001', version],
      ['E002', version],
      ['E003', version],
    ]);
    const last = (await completions(cycleId)).at(-1)!;
    expect(last.payload).toMatchObject({ employees: 3, removed: 3, incomplete: 2 });
  });

  it('records a failed job with a plain reason and leaves the cycle as it was', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const hr = (await loadUser(ctx().db, ctx().fixture.users.hr, 'session'))!;
    const { jobId } = await startEvaluation(ctx().db, hr, cycleId, { background: false });
    // Between queueing and running, everyone left the cycle's only position group.
    await ctx().db.deleteFrom('cycle_assignments').where('cycle_id', '=', cycleId).execute();
    const job = await runEvaluationJob(ctx().db, Number(jobId));
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/nobody to evaluate/);
    expect((await body(await ctx().as('hr').get(`/api/cycles/${cycleId}`))).status).toBe('collecting');
    const fail = await ctx().db.selectFrom('audit_log').select('payload').where('action', '=', 'evaluation.fail').where('entity_id', '=', String(cycleId)).executeTakeFirstOrThrow();
    expect(fail.payload).toMatchObject({ jobId, error: job.error });
  });
});
