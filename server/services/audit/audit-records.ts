/**
 * @module services/audit/audit-records
 * Checks that the stored records still match what the audit log says was written, beyond the
 * hash chain itself (`verifyAudit`):
 *
 * 1. **Results.** Every `evaluation.complete` entry carries `resultsHash` (and, since migration
 *    010, `inputsHash`): the digest of `<employee code> <hash>\n` lines (`resultsDigest`) over the
 *    results its job wrote. The revisions of that job are hashed again and must give the same
 *    digests; a revision whose result no longer hashes to the `result_hash` written with it, or
 *    whose total, grade or status columns (what the API shows) differ from its result, is named. Entries of the previous release whose rows a later evaluation overwrote (before
 *    results kept revisions) have nothing left to check and are counted as `superseded`.
 * 2. **Current results** must come from a completed evaluation: a revision added by hand, or left
 *    by a failed job, is not covered by any digest and is named.
 * 3. **Inputs.** `input_history` (append-only) replayed must give exactly the `inputs` table: a
 *    value changed or removed without its history row (triggers switched off) is named.
 * 4. **Inputs of a result.** When no input of the employee changed (per the history) since the
 *    evaluation job was created, the inputs stored now must still hash to the result's
 *    `inputs_hash`. (An input change in a transaction that began before the job was created and
 *    committed after it read the inputs would be reported here too.)
 *
 * Problems are capped at `MAX_PROBLEMS`; counts say how much was checked.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { canonicalResult, inputsHash, loadInputs } from '../evaluation/employee-data.ts';
import { resultsTree } from '../evaluation/results-tree.ts';
import { resultsDigest } from '../evaluation/write-results.ts';

/** At most this many problems are listed (the counts still cover everything). */
export const MAX_PROBLEMS = 100;

/** One stored record that no longer matches. */
export interface RecordProblem {
  kind: 'result' | 'input';
  message: string;
  cycleId?: string;
  employeeId?: string;
  employeeCode?: string;
  jobId?: string;
  seq?: string;
  inputKey?: string;
}

export interface RecordCheck {
  evaluations: number;
  superseded: number;
  results: number;
  inputs: number;
  problems: RecordProblem[];
}

interface Completion {
  seq: number;
  cycleId: string;
  jobId: string;
  resultsHash: string;
  inputsHash: string | undefined;
  /** From the job's `evaluation.results` entry, when there is one. */
  resultsRoot: string | undefined;
}

/**
 * Run all four checks.
 * @example
 * const check = await verifyRecords(db);
 * check.problems // [] — or [{ kind: 'result', message: 'the result of E003 in cycle 3 (revision 1) …', … }]
 */
export async function verifyRecords(db: Kysely<DB>): Promise<RecordCheck> {
  const out: RecordCheck = { evaluations: 0, superseded: 0, results: 0, inputs: 0, problems: [] };
  const add = (p: RecordProblem) => {
    if (out.problems.length < MAX_PROBLEMS) out.problems.push(p);
  };
  const completions = await loadCompletions(db);
  for (const c of completions) await checkCompletion(db, c, out, add);
  await checkCurrentResults(db, new Set(completions.map((c) => c.jobId)), add);
  out.inputs = await checkInputHistory(db, add);
  await checkResultInputs(db, add);
  return out;
}

async function loadCompletions(db: Kysely<DB>): Promise<Completion[]> {
  const rows = await db.selectFrom('audit_log').select(['seq', 'entity_id', 'action', 'payload']).where('action', 'in', ['evaluation.complete', 'evaluation.results']).orderBy('seq').execute();
  const roots = new Map<string, string>();
  for (const r of rows) {
    const p = r.payload as Record<string, unknown> | null;
    if (r.action === 'evaluation.results' && p && typeof p.jobId === 'string' && typeof p.resultsRoot === 'string') roots.set(p.jobId, p.resultsRoot);
  }
  const out: Completion[] = [];
  for (const r of rows) {
    const p = r.payload as Record<string, unknown> | null;
    if (r.action !== 'evaluation.complete' || !p || typeof p.jobId !== 'string' || typeof p.resultsHash !== 'string') continue;
    out.push({ seq: r.seq, cycleId: r.entity_id, jobId: p.jobId, resultsHash: p.resultsHash, inputsHash: typeof p.inputsHash === 'string' ? p.inputsHash : undefined, resultsRoot: roots.get(p.jobId) });
  }
  return out;
}

async function checkCompletion(db: Kysely<DB>, c: Completion, out: RecordCheck, add: (p: RecordProblem) => void): Promise<void> {
  if (!/^[1-9]\d{0,15}$/.test(c.jobId)) return add({ kind: 'result', seq: String(c.seq), message: `audit entry ${c.seq} (evaluation.complete) names job "${c.jobId}", which is not a job id` });
  const results: Array<{ code: string; hash: string }> = [];
  const inputs: Array<{ code: string; hash: string }> = [];
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('result_revisions as r')
      .innerJoin('employees as e', 'e.id', 'r.employee_id')
      .select(['r.employee_id', 'r.cycle_id', 'r.revision', 'r.result', 'r.result_hash', 'r.inputs_hash', 'r.total', 'r.grade', 'r.status', 'e.code'])
      .where('r.job_id', '=', Number(c.jobId))
      .where('r.removed', '=', false)
      .where('r.employee_id', '>', after)
      .orderBy('r.employee_id')
      .limit(2000)
      .execute();
    for (const r of page) {
      const hash = canonicalResult(r.result).hash;
      if (r.result_hash !== null && r.result_hash !== hash) {
        add({ kind: 'result', cycleId: String(r.cycle_id), employeeId: String(r.employee_id), employeeCode: r.code, jobId: c.jobId, message: `the result of ${r.code} in cycle ${r.cycle_id} (revision ${r.revision}, job ${c.jobId}) was changed after it was written: it hashes to ${hash}, not ${r.result_hash}` });
      }
      // The columns the API shows must say what the hashed result says.
      const result = r.result as { total?: unknown; grade?: unknown; status?: unknown };
      if (r.total !== (result.total ?? null) || r.grade !== (result.grade ?? null) || r.status !== result.status) {
        add({ kind: 'result', cycleId: String(r.cycle_id), employeeId: String(r.employee_id), employeeCode: r.code, jobId: c.jobId, message: `the result of ${r.code} in cycle ${r.cycle_id} (revision ${r.revision}) shows total ${r.total}, grade ${r.grade}, status ${r.status}, but its stored result says ${String(result.total)}, ${String(result.grade)}, ${String(result.status)}: the row was changed after it was written` });
      }
      results.push({ code: r.code, hash });
      inputs.push({ code: r.code, hash: r.inputs_hash });
      after = r.employee_id;
    }
    if (page.length < 2000) break;
  }
  out.evaluations++;
  out.results += results.length;
  if (results.length === 0 && c.inputsHash === undefined) {
    out.superseded++;
    return;
  }
  const where = `evaluation job ${c.jobId} of cycle ${c.cycleId} (audit seq ${c.seq})`;
  if (resultsDigest(results) !== c.resultsHash) {
    add({ kind: 'result', cycleId: c.cycleId, jobId: c.jobId, seq: String(c.seq), message: `the results written by ${where} no longer match its resultsHash: a result was changed, removed or added, or an employee code changed since` });
  }
  if (c.resultsRoot !== undefined && resultsTree(results).root !== c.resultsRoot) {
    add({ kind: 'result', cycleId: c.cycleId, jobId: c.jobId, message: `the results written by ${where} no longer match the resultsRoot of its evaluation.results entry` });
  }
  if (c.inputsHash !== undefined && resultsDigest(inputs) !== c.inputsHash) {
    add({ kind: 'result', cycleId: c.cycleId, jobId: c.jobId, seq: String(c.seq), message: `the inputs hashes of the results written by ${where} no longer match its inputsHash: a result's inputs_hash was changed` });
  }
}

async function checkCurrentResults(db: Kysely<DB>, completed: ReadonlySet<string>, add: (p: RecordProblem) => void): Promise<void> {
  const jobs = await db.selectFrom('results').select(['job_id', 'cycle_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['job_id', 'cycle_id']).execute();
  for (const j of jobs) {
    if (j.job_id !== null && completed.has(String(j.job_id))) continue;
    const sample = await db
      .selectFrom('results as r')
      .innerJoin('employees as e', 'e.id', 'r.employee_id')
      .select(['e.code', 'r.employee_id', 'r.revision'])
      .where('r.cycle_id', '=', j.cycle_id)
      .where((eb) => (j.job_id === null ? eb('r.job_id', 'is', null) : eb('r.job_id', '=', j.job_id)))
      .orderBy('e.code')
      .limit(20)
      .execute();
    for (const s of sample) {
      add({
        kind: 'result',
        cycleId: String(j.cycle_id),
        employeeId: String(s.employee_id),
        employeeCode: s.code,
        ...(j.job_id === null ? {} : { jobId: String(j.job_id) }),
        message: `the current result of ${s.code} in cycle ${j.cycle_id} (revision ${s.revision}) was not written by a completed evaluation (${j.job_id === null ? 'no job' : `job ${j.job_id} has no evaluation.complete entry`}); evaluate the cycle again or investigate`,
      });
    }
  }
}

async function checkInputHistory(db: Kysely<DB>, add: (p: RecordProblem) => void): Promise<number> {
  // The last history row per input, against the inputs table: both sides must agree.
  const { rows } = await sql<{ cycle_id: number; employee_id: number; input_key: string; code: string | null; history: unknown; stored: unknown; in_history: boolean; in_table: boolean }>`
    with last as (
      select distinct on (cycle_id, employee_id, input_key) cycle_id, employee_id, input_key, operation, new_value
      from input_history order by cycle_id, employee_id, input_key, id desc
    ), expected as (select * from last where operation <> 'delete')
    select coalesce(x.cycle_id, i.cycle_id) as cycle_id, coalesce(x.employee_id, i.employee_id) as employee_id,
           coalesce(x.input_key, i.input_key) as input_key, e.code, x.new_value as history, i.value as stored,
           x.input_key is not null as in_history, i.input_key is not null as in_table
    from expected x
    full join inputs i on i.cycle_id = x.cycle_id and i.employee_id = x.employee_id and i.input_key = x.input_key
    left join employees e on e.id = coalesce(x.employee_id, i.employee_id)
    where x.input_key is null or i.input_key is null or x.new_value is distinct from i.value
    order by 1, 4, 3
    limit ${MAX_PROBLEMS}`.execute(db);
  for (const r of rows) {
    const who = `input ${r.input_key} of ${r.code ?? `employee ${r.employee_id}`} in cycle ${r.cycle_id}`;
    const message = !r.in_table
      ? `${who} was removed without a history row (its history says ${JSON.stringify(r.history)})`
      : !r.in_history
        ? `${who} (${JSON.stringify(r.stored)}) has no history: it was written with the history triggers off`
        : `${who} is ${JSON.stringify(r.stored)} but its history says ${JSON.stringify(r.history)}: it was changed without a history row`;
    add({ kind: 'input', cycleId: String(r.cycle_id), employeeId: String(r.employee_id), ...(r.code ? { employeeCode: r.code } : {}), inputKey: r.input_key, message });
  }
  const { n } = await db.selectFrom('inputs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

async function checkResultInputs(db: Kysely<DB>, add: (p: RecordProblem) => void): Promise<void> {
  // Current results whose inputs, per the history, did not change since their job was created.
  const unchanged = await db
    .selectFrom('results as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .leftJoin('evaluation_jobs as j', 'j.id', 'r.job_id')
    .select(['r.cycle_id', 'r.employee_id', 'r.revision', 'r.inputs_hash', 'e.code'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('input_history as h').select('h.id')
            .whereRef('h.cycle_id', '=', 'r.cycle_id').whereRef('h.employee_id', '=', 'r.employee_id')
            .where((w) => w('h.changed_at', '>=', w.fn.coalesce('j.created_at', 'r.computed_at'))),
        ),
      ),
    )
    .orderBy('r.cycle_id')
    .orderBy('r.employee_id')
    .execute();
  const byCycle = new Map<number, typeof unchanged>();
  for (const r of unchanged) {
    const list = byCycle.get(r.cycle_id);
    if (list) list.push(r);
    else byCycle.set(r.cycle_id, [r]);
  }
  for (const [cycleId, rows] of byCycle) {
    for (let i = 0; i < rows.length; i += 2000) {
      const slice = rows.slice(i, i + 2000);
      const inputs = await loadInputs(db, cycleId, slice.map((r) => r.employee_id));
      for (const r of slice) {
        const now = inputsHash(inputs.get(r.employee_id) ?? {});
        if (now !== r.inputs_hash) {
          add({ kind: 'input', cycleId: String(cycleId), employeeId: String(r.employee_id), employeeCode: r.code, message: `the inputs of ${r.code} in cycle ${cycleId} no longer hash to the inputs_hash of its result (revision ${r.revision}), although their history shows no change since: an input or its history was rewritten` });
        }
      }
    }
  }
}
