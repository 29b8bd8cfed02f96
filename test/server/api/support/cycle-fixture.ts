/**
 * @module test/api/support/cycle-fixture
 * Published scheme versions written straight into the database (so these tests do not depend on
 * the scheme routes), a test scheme that exercises every kind of input, and a helper that opens
 * a cycle through the API with versions assigned.
 */
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import { hashScheme, parseScheme, type Scheme } from '../../../../rules/index.ts';
import type { DB } from '../../../../server/db/types.ts';
import { runEvaluationJob } from '../../../../server/services/evaluation/jobs.ts';
import type { AppContext, FixtureUser } from '../../helpers/app.ts';

let counter = 0;
/** A key unique within this test process. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}`;
}

/**
 * A scheme with an integer, a number, an enum, a boolean, an optional text and a multi-rater
 * rating; four grades on 90/80/60 and a per-department cap of one A in two.
 *
 *   complaints: 100 − 10 per complaint (≥ 0)      weight 40
 *   csat:       the satisfaction percentage        weight 40
 *   attitude:   the rating (1–5) × 20              weight 20
 *   veto: on_time = false → grade D
 */
export function testScheme(key = uniqueKey('cs')): Scheme {
  return parseScheme({
    key,
    title: 'Test scheme',
    period: 'quarter',
    inputs: {
      complaints: { type: 'integer', minimum: 0, title: 'Complaints' },
      csat: { type: 'number', minimum: 0, maximum: 100, unit: '%' },
      quality: { type: 'enum', options: [{ value: 'A', label: '优' }, { value: 'B', label: '良' }, { value: 'C', label: '中' }], required: false },
      on_time: { type: 'boolean', default: true },
      remark: { type: 'text', required: false },
      attitude: { type: 'rating', minimum: 1, maximum: 5, multiRater: true },
    },
    raters: { groups: [{ key: 'supervisor', weight: 60 }, { key: 'peer', weight: 40 }] },
    indicators: [
      { key: 'complaints', title: 'Complaints', score: { max: [0, { '-': [100, { '*': [10, { var: 'inputs.complaints' }] }] }] } },
      { key: 'csat', title: 'Satisfaction', score: { var: 'inputs.csat' } },
      { key: 'attitude', title: 'Attitude', score: { '*': [20, { var: 'inputs.attitude' }] } },
    ],
    weights: { default: { indicators: { complaints: 40, csat: 40, attitude: 20 } } },
    adjustments: [{ key: 'late', kind: 'veto', when: { '==': [{ var: 'inputs.on_time' }, false] }, grade: 'D' }],
    grading: {
      grades: [{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }],
      bands: [
        { grade: 'A', min: 90 },
        { grade: 'B', min: 80, max: 90 },
        { grade: 'C', min: 60, max: 80 },
        { grade: 'D', max: 60 },
      ],
    },
    population: { distribution: { scope: 'department', mode: 'limits', quotas: { A: { max: 0.5 } }, rounding: 'floor', ties: 'break' } },
    rounding: { mode: 'half-up', indicatorDecimals: 2, totalDecimals: 2 },
  });
}

/**
 * Insert a scheme and a published version 1 of the document; returns the version id.
 * @example const versionId = await publishedVersion(db, testScheme());
 */
export async function publishedVersion(db: Kysely<DB>, document: Scheme, ownerDepartmentId: number | null = null): Promise<number> {
  const scheme = await db.insertInto('schemes').values({ key: document.key, title: document.title, owner_department_id: ownerDepartmentId }).returning('id').executeTakeFirstOrThrow();
  const version = await db.insertInto('scheme_versions').values({ scheme_id: scheme.id, number: 1, document, content_hash: hashScheme(document) }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('scheme_versions').set({ status: 'published', published_at: new Date() }).where('id', '=', version.id).execute();
  return version.id;
}

/** Read a JSON body with a loose type. */
export async function body(res: Response): Promise<any> {
  return res.json();
}

/** Assert a status, showing the body when it differs. */
export async function expectStatus(res: Response, status: number): Promise<void> {
  expect(res.status, res.status === status ? '' : await res.clone().text()).toBe(status);
}

/**
 * Open a cycle through the API with the given assignments (default: one cycle-wide version of
 * `testScheme`) and move it to collecting. Returns ids as numbers.
 */
export async function openCycle(ctx: AppContext, options: { assignments?: Array<{ versionId: number; departmentId?: number; positionId?: number }>; collecting?: boolean } = {}) {
  const assignments = options.assignments ?? [{ versionId: await publishedVersion(ctx.db, testScheme()) }];
  const key = uniqueKey('cycle');
  const created = await ctx.as('hr').post('/api/cycles', { key, title: `Cycle ${key}`, period: 'quarter', startsOn: '2026-07-01', endsOn: '2026-09-30' });
  await expectStatus(created, 201);
  const cycleId = Number((await body(created)).id);
  const assigned = await ctx.as('hr').put(`/api/cycles/${cycleId}/assignments`, assignments.map((a) => ({ versionId: String(a.versionId), ...(a.departmentId ? { departmentId: String(a.departmentId) } : {}), ...(a.positionId ? { positionId: String(a.positionId) } : {}) })));
  await expectStatus(assigned, 200);
  if (options.collecting !== false) await expectStatus(await ctx.as('hr').post(`/api/cycles/${cycleId}/transition`, { to: 'collecting' }), 200);
  return { cycleId, key, versionIds: assignments.map((a) => a.versionId) };
}

/** A complete, valid set of inputs for `testScheme`, varied by a seed. */
export function validInputs(seed: number): Record<string, unknown> {
  return { complaints: seed % 4, csat: 70 + ((seed * 7) % 30), quality: 'B', on_time: true, attitude: { supervisor: [4, 5], peer: [3 + (seed % 3)] } };
}

/** Enter `validInputs` for every fixture employee through the API as HR. */
export async function fillInputs(ctx: AppContext, cycleId: number, as: FixtureUser = 'hr'): Promise<void> {
  const codes = Object.keys(ctx.fixture.employees).sort();
  for (const [i, code] of codes.entries()) {
    await expectStatus(await ctx.as(as).put(`/api/cycles/${cycleId}/inputs/${ctx.fixture.employees[code]}`, { inputs: validInputs(i + 1) }), 200);
  }
}

/** Start an evaluation through the API and wait for the job to finish; returns the finished job. */
export async function evaluate(ctx: AppContext, cycleId: number) {
  const res = await ctx.as('hr').post(`/api/cycles/${cycleId}/evaluate`);
  await expectStatus(res, 202);
  const { jobId } = await body(res);
  const job = await runEvaluationJob(ctx.db, Number(jobId));
  expect(job.status, job.error ?? '').toBe('done');
  return job;
}
