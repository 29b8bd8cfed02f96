import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { json } from '../../../server/db/json.ts';
import type { Row } from '../../../server/db/types.ts';
import { describeEachDatabase, ownerOf } from '../helpers/databases.ts';
import { refusal } from './refusal.ts';
import { publish, seedDraft, seedOrganisation, uniqueKey } from './seed.ts';

describeEachDatabase('schema', (database) => {
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let cycle: Row<'cycles'>;
  let versionId: number;

  beforeAll(async () => {
    const { db } = ownerOf(database());
    org = await seedOrganisation(db);
    cycle = await db
      .insertInto('cycles')
      .values({ key: uniqueKey('cycle'), title: '2026 Q1', period: 'quarter', starts_on: '2026-01-01', ends_on: '2026-03-31', created_by: org.user.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { draft } = await seedDraft(db);
    versionId = (await publish(db, draft.id)).id;
  });

  it('fills defaults: attributes {}, active, locale zh-CN, cycle status open, revision 1', async () => {
    const { db } = ownerOf(database());
    const user = await db.insertInto('users').values({ username: uniqueKey('u'), display_name: 'Wang', password_hash: null, role: 'manager' }).returningAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({ locale: 'zh-CN', password_hash: null, employee_id: null });
    expect(org.employee).toMatchObject({ active: true, attributes: { site: 'Shanghai' }, level: 'P5' });
    expect(cycle.status).toBe('open');
  });

  it('accepts a row in every access table', async () => {
    const { db } = ownerOf(database());
    await db.insertInto('user_departments').values({ user_id: org.user.id, department_id: org.department.id }).execute();
    const session = await db
      .insertInto('sessions')
      .values({ id: 'hash-of-token', user_id: org.user.id, expires_at: new Date(Date.now() + 3600_000), csrf_token: 'csrf' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(session.expires_at).toBeInstanceOf(Date);
    await db.insertInto('api_tokens').values({ user_id: org.user.id, name: 'ci', token_hash: 'th-1' }).execute();
    const dup = await refusal(db.insertInto('api_tokens').values({ user_id: org.user.id, name: 'ci2', token_hash: 'th-1' }).execute());
    expect(dup.code).toBe('conflict');
    await db.insertInto('login_attempts').values({ username: org.user.username, ip: '127.0.0.1', success: false }).execute();
    const role = await refusal(db.insertInto('users').values({ username: uniqueKey('u'), display_name: 'X', password_hash: null, role: 'admin' as 'hr' }).execute());
    expect(role.code).toBe('invalid_input');
  });

  it('assigns only published scheme versions to a cycle, once per department/position scope', async () => {
    const { db } = ownerOf(database());
    await db.insertInto('cycle_assignments').values({ cycle_id: cycle.id, scheme_version_id: versionId, department_id: org.department.id }).execute();
    // Same scope (position null) again: refused, because nulls count as equal here.
    const twice = await refusal(db.insertInto('cycle_assignments').values({ cycle_id: cycle.id, scheme_version_id: versionId, department_id: org.department.id }).execute());
    expect(twice.details).toMatchObject({ constraint: 'cycle_assignments_scope' });
    await db.insertInto('cycle_assignments').values({ cycle_id: cycle.id, scheme_version_id: versionId }).execute();
    const { draft } = await seedDraft(db);
    const unpublished = await refusal(db.insertInto('cycle_assignments').values({ cycle_id: cycle.id, scheme_version_id: draft.id, position_id: org.position.id }).execute());
    expect(unpublished.code).toBe('invalid_transition');
    expect(unpublished.message).toContain('published scheme version');
  });

  it('records every input change in input_history, which cannot be rewritten', async () => {
    const { db } = ownerOf(database());
    const batch = await db.insertInto('import_batches').values({ cycle_id: cycle.id, filename: 'q1.csv', format: 'csv', created_by: org.user.id }).returningAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'pending', row_count: 0, errors: [] });
    const key = { cycle_id: cycle.id, employee_id: org.employee.id, input_key: 'complaints' };
    await db.insertInto('inputs').values({ ...key, value: json(3), source: 'import', entered_by: org.user.id, import_batch_id: batch.id }).execute();
    await db.updateTable('inputs').set({ value: json(3) }).where('input_key', '=', 'complaints').execute(); // same value: no history row
    await db.updateTable('inputs').set({ value: json(true), source: 'manual', import_batch_id: null }).where('input_key', '=', 'complaints').execute();
    await db.deleteFrom('inputs').where('input_key', '=', 'complaints').execute();
    const history = await db.selectFrom('input_history').selectAll().where('employee_id', '=', org.employee.id).orderBy('id').execute();
    expect(history.map((h) => [h.operation, h.old_value, h.new_value, h.source, h.import_batch_id])).toEqual([
      ['insert', null, 3, 'import', batch.id],
      ['update', 3, true, 'manual', null],
      ['delete', true, null, 'manual', null],
    ]);
    const rewrite = await refusal(db.updateTable('input_history').set({ new_value: json(99) }).execute());
    expect(rewrite.message).toContain('input_history is append-only');
    await refusal(db.deleteFrom('input_history').execute());
    await refusal(sql`truncate input_history`.execute(db));
  });

  it('allows one active evaluation job per cycle and stores results with their EmployeeResult', async () => {
    const { db } = ownerOf(database());
    const job = await db.insertInto('evaluation_jobs').values({ cycle_id: cycle.id, total: 1, created_by: org.user.id }).returningAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'queued', done_count: 0 });
    const second = await refusal(db.insertInto('evaluation_jobs').values({ cycle_id: cycle.id }).execute());
    expect(second.details).toMatchObject({ constraint: 'evaluation_jobs_one_active' });
    const overrun = await refusal(db.updateTable('evaluation_jobs').set({ done_count: 2 }).where('id', '=', job.id).execute());
    expect(overrun.code).toBe('invalid_input');
    await db.updateTable('evaluation_jobs').set({ status: 'done', done_count: 1, finished_at: new Date() }).where('id', '=', job.id).execute();
    const result = {
      employeeId: String(org.employee.id), position: org.position.key, department: org.department.key, schemeKey: 'cs', schemeHash: 'sha256:x',
      status: 'ok' as const, indicators: [], dimensions: [], baseTotal: 87.5, adjustments: [], total: 87.5, derived: {},
      bandGrade: 'B', grade: 'B', coefficient: null, population: {}, notes: [],
    };
    const revision = { cycle_id: cycle.id, employee_id: org.employee.id, scheme_version_id: versionId, scheme_hash: 'sha256:x', inputs_hash: 'sha256:y', total: 87.5, grade: 'B', status: 'ok' as const, result, job_id: job.id };
    await db.insertInto('result_revisions').values({ ...revision, revision: 1 }).execute();
    const stored = await db.selectFrom('results').selectAll().where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ revision: 1, total: 87.5, grade: 'B', result });
    const grades = await db.selectFrom('results').select(['grade', (eb) => eb.fn.countAll().as('n')]).where('cycle_id', '=', cycle.id).groupBy('grade').execute();
    expect(grades).toEqual([{ grade: 'B', n: 1 }]);

    // A later revision (another job) becomes the current result; the first stays in the history.
    const again = await db.insertInto('evaluation_jobs').values({ cycle_id: cycle.id, total: 1, status: 'done', done_count: 1 }).returningAll().executeTakeFirstOrThrow();
    await db.insertInto('result_revisions').values({ ...revision, revision: 2, total: 60, grade: 'C', job_id: again.id }).execute();
    expect(await db.selectFrom('results').select(['revision', 'total', 'grade']).where('cycle_id', '=', cycle.id).execute()).toEqual([{ revision: 2, total: 60, grade: 'C' }]);
    const same = await refusal(db.insertInto('result_revisions').values({ ...revision, revision: 3, job_id: again.id }).execute());
    expect(same.details).toMatchObject({ constraint: 'result_revisions_once_per_job' });
    for (const change of [
      db.updateTable('result_revisions').set({ total: 99 }).where('cycle_id', '=', cycle.id),
      db.deleteFrom('result_revisions').where('cycle_id', '=', cycle.id),
      sql`truncate result_revisions`,
      sql`update results set total = 99 where cycle_id = ${cycle.id}`,
      sql`delete from results where employee_id = ${org.employee.id}`,
    ]) {
      const err = await refusal(change.execute(db));
      expect(err.code).toBe('conflict');
      expect(err.message).toMatch(/is append-only/);
    }
    // Removed: the employee drops out of the current results.
    await db.insertInto('result_revisions').values({ ...revision, revision: 3, removed: true, job_id: null }).execute();
    expect(await db.selectFrom('results').select('revision').where('cycle_id', '=', cycle.id).execute()).toEqual([]);
    expect((await db.selectFrom('result_revisions').select('revision').where('cycle_id', '=', cycle.id).orderBy('revision').execute()).map((r) => r.revision)).toEqual([1, 2, 3]);
  });

  it('allows one open appeal per employee and cycle', async () => {
    const { db } = ownerOf(database());
    const appeal = await db
      .insertInto('appeals')
      .values({ cycle_id: cycle.id, employee_id: org.employee.id, reason: '投诉数据有误', evidence: [{ file: 'ticket-1.pdf' }] })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(appeal).toMatchObject({ status: 'filed', evidence: [{ file: 'ticket-1.pdf' }] });
    await refusal(db.insertInto('appeals').values({ cycle_id: cycle.id, employee_id: org.employee.id, reason: 'again' }).execute());
    await db.updateTable('appeals').set({ status: 'department-review' }).where('id', '=', appeal.id).execute(); // undecided: may move on
    await db.updateTable('appeals').set({ status: 'rejected', decided_by: org.user.id, decision: 'Data verified.' }).where('id', '=', appeal.id).execute();
    await db.insertInto('appeals').values({ cycle_id: cycle.id, employee_id: org.employee.id, reason: 'new evidence' }).execute();
    // A decided appeal is final: its row can be neither changed nor deleted, nor the table emptied.
    const reopen = await refusal(db.updateTable('appeals').set({ status: 'filed' }).where('id', '=', appeal.id).execute());
    expect(reopen.code).toBe('conflict');
    expect(reopen.message).toContain(`appeal ${appeal.id} is rejected: a decided appeal cannot be changed or deleted`);
    await refusal(db.updateTable('appeals').set({ decision: 'Accepted after all.' }).where('id', '=', appeal.id).execute());
    await refusal(db.deleteFrom('appeals').where('id', '=', appeal.id).execute());
    await refusal(sql`truncate appeals cascade`.execute(db));
    expect(await db.selectFrom('appeals').select(['status', 'decision']).where('id', '=', appeal.id).executeTakeFirstOrThrow()).toEqual({ status: 'rejected', decision: 'Data verified.' });
  });

  it('keeps references intact: an employee in an unknown department is refused', async () => {
    const { db } = ownerOf(database());
    const err = await refusal(db.insertInto('employees').values({ code: uniqueKey('E'), name: 'Ghost', department_id: 999_999, position_id: org.position.id }).execute());
    expect(err.code).toBe('conflict');
  });
});
