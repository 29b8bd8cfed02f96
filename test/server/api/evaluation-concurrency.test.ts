/**
 * @module test/api/evaluation-concurrency
 * Simultaneous evaluate requests for one cycle start one job, on both databases, also over a
 * real HTTP server (where PGlite's single connection used to let each request wait until the
 * previous job had finished, and then start its own).
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runEvaluationJob, startEvaluation } from '../../../server/services/evaluation/jobs.ts';
import { loadUser } from '../../../server/services/access/sessions.ts';
import { describeEachApp, PASSWORD } from '../helpers/app.ts';
import { fillInputs, openCycle } from './support/cycle-fixture.ts';

const run = promisify(execFile);

/**
 * Send `count` POSTs at once from a separate Node process, as browsers do: a client in this
 * process would share the server's event loop and could not send while the server is busy.
 */
async function postFromAnotherProcess(url: string, headers: Record<string, string>, count: number): Promise<Array<{ status: number; body: Record<string, any> }>> {
  const script = `const { url, headers, count } = JSON.parse(process.env.PROBE);
Promise.all(Array.from({ length: count }, () => fetch(url, { method: 'POST', headers }).then(async (r) => ({ status: r.status, body: await r.json() }))))
  .then((out) => process.stdout.write(JSON.stringify(out)));`;
  const { stdout } = await run(process.execPath, ['-e', script], { env: { ...process.env, PROBE: JSON.stringify({ url, headers, count }) } });
  return JSON.parse(stdout);
}

describeEachApp('evaluation job start under concurrency', (ctx) => {
  let server: ServerType;
  let base = '';
  /** Called for every evaluate request the server receives, before the app handles it. */
  let onEvaluate: (() => void) | undefined;
  beforeAll(async () => {
    server = await new Promise<ServerType>((resolve) => {
      const fetch = (request: Request, env: unknown) => {
        if (request.url.endsWith('/evaluate')) onEvaluate?.();
        return ctx().app.fetch(request, env);
      };
      const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('five simultaneous POST …/evaluate over HTTP start exactly one job; the other four get 409 naming it', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hr', password: PASSWORD }) });
    const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    // Hold the cycle row until the server has received all five requests, so that however slowly
    // the machine delivers them, all five were sent before any job could finish.
    let received = 0;
    let allReceived!: () => void;
    const allIn = new Promise<void>((resolve) => (allReceived = resolve));
    onEvaluate = () => ++received === 5 && allReceived();
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const hold = ctx().db.transaction().execute(async (trx) => {
      await sql`select id from cycles where id = ${cycleId} for update`.execute(trx);
      locked();
      await allIn;
    });
    await lockTaken;
    const posted = postFromAnotherProcess(`${base}/api/cycles/${cycleId}/evaluate`, headers, 5);
    await hold;
    const responses = await posted;
    onEvaluate = undefined;
    const bodies = responses.map((r) => r.body);
    const jobs = await ctx().db.selectFrom('evaluation_jobs').select(['id', 'status']).where('cycle_id', '=', cycleId).execute();
    for (const j of jobs) await runEvaluationJob(ctx().db, Number(j.id));
    expect(jobs).toHaveLength(1);
    const jobId = String(jobs[0].id);
    expect(responses.map((r) => r.status).sort((a, b) => a - b)).toEqual([202, 409, 409, 409, 409]);
    expect(bodies.filter((b) => 'jobId' in b)).toEqual([{ jobId }]);
    for (const refused of bodies.filter((b) => 'error' in b)) {
      expect(refused.error).toMatchObject({ code: 'invalid_transition', details: { cycleId: String(cycleId), jobId } });
    }
  });

  it('the database itself refuses a second unfinished job for a cycle (unique index of migration 006)', async () => {
    const { cycleId } = await openCycle(ctx());
    const queued = { cycle_id: cycleId, total: 1, created_by: ctx().fixture.users.hr };
    await ctx().db.insertInto('evaluation_jobs').values(queued).execute();
    await expect(ctx().db.insertInto('evaluation_jobs').values({ ...queued, status: 'running' }).execute()).rejects.toMatchObject({ code: '23505' });
    // Finished jobs do not count: any number of them may sit next to the unfinished one.
    await ctx().db.insertInto('evaluation_jobs').values([{ ...queued, status: 'done' }, { ...queued, status: 'failed' }]).execute();
    await ctx().db.deleteFrom('evaluation_jobs').where('cycle_id', '=', cycleId).execute();
  });

  it('a start whose request arrived before the last job finished is refused as a duplicate (409 naming that job); one that arrived after it starts a new job', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const hr = (await loadUser(ctx().db, ctx().fixture.users.hr, 'session'))!;
    const sentDuringJob = new Date();
    const first = await startEvaluation(ctx().db, hr, cycleId, { background: false });
    expect((await runEvaluationJob(ctx().db, Number(first.jobId))).status).toBe('done');
    const duplicate = startEvaluation(ctx().db, hr, cycleId, { background: false, requestedAt: sentDuringJob });
    await expect(duplicate).rejects.toMatchObject({ code: 'invalid_transition', status: 409, details: { cycleId: String(cycleId), jobId: first.jobId } });
    await expect(duplicate).rejects.toThrow(`that job (${first.jobId}) has finished (done) while the request waited`);
    const later = await startEvaluation(ctx().db, hr, cycleId, { background: false, requestedAt: new Date() });
    expect(later.jobId).not.toBe(first.jobId);
    expect((await runEvaluationJob(ctx().db, Number(later.jobId))).status).toBe('done');
  });

  it('a start sent after the job finished is a new run (202), not a duplicate', async () => {
    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    const first = (await (await ctx().as('hr').post(`/api/cycles/${cycleId}/evaluate`)).json()) as { jobId: string };
    expect((await runEvaluationJob(ctx().db, Number(first.jobId))).status).toBe('done');
    const again = await ctx().as('hr').post(`/api/cycles/${cycleId}/evaluate`);
    expect(again.status).toBe(202);
    const second = (await again.json()) as { jobId: string };
    expect(second.jobId).not.toBe(first.jobId);
    await runEvaluationJob(ctx().db, Number(second.jobId));
  });
});
