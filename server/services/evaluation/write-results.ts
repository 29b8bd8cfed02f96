/**
 * @module services/evaluation/write-results
 * Store results a chunk at a time as new revisions (migration 010: results are append-only).
 * Each row becomes revision max+1 of its cycle × employee, carrying the job and the hash of the
 * result; a job writes at most one revision per employee, so writing a chunk twice (a retried or
 * resumed job) adds nothing the second time.
 *
 * A chunk travels as a single jsonb parameter (an array of rows, each result embedded as its
 * canonical JSON) that the database unpacks with `jsonb_array_elements`: one parse on the
 * server instead of thousands of bound parameters, and the JSON text is built once, for the hash
 * and the row alike. Preparing a chunk is separate from writing it, so a job can prepare the
 * next chunk while the database stores the current one.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { canonicalResult, sha256Tagged } from './employee-data.ts';
import type { Evaluated } from './population.ts';

/** A chunk ready to write: the parameter text and each row's result hash, in order. */
export interface PreparedChunk {
  size: number;
  payload: string;
  hashes: string[];
}

/**
 * Serialise rows for `writeChunk` (pure CPU work, no I/O).
 * @example const chunk = prepareChunk(rows.slice(0, 500)); chunk.hashes[0] // 'sha256:…'
 */
export function prepareChunk(rows: readonly Evaluated[]): PreparedChunk {
  const hashes: string[] = [];
  const parts: string[] = [];
  for (const r of rows) {
    const { json, hash } = canonicalResult(r.result);
    hashes.push(hash);
    const columns = { e: r.entry.id, v: r.version.id, s: r.version.compiled.hash, i: r.inputsHash, t: r.result.total, g: r.result.grade, st: r.result.status, h: hash };
    // `json` is already JSON text: splice it in rather than parse and serialise it again.
    parts.push(`${JSON.stringify(columns).slice(0, -1)},"r":${json}}`);
  }
  return { size: rows.length, payload: `[${parts.join(',')}]`, hashes };
}

/**
 * Add a prepared chunk as new revisions inside the caller's transaction.
 * @example await inTransaction(db, (trx) => writeChunk(trx, cycle.id, job.id, prepareChunk(rows)));
 */
export async function writeChunk(trx: Transaction<DB>, cycleId: number, jobId: number, chunk: PreparedChunk): Promise<void> {
  if (chunk.size === 0) return;
  await sql`
    insert into result_revisions (cycle_id, employee_id, revision, scheme_version_id, scheme_hash, inputs_hash, total, grade, status, result, result_hash, job_id, computed_at)
    select ${cycleId}, (x->>'e')::bigint,
      coalesce((select max(p.revision) from result_revisions p where p.cycle_id = ${cycleId} and p.employee_id = (x->>'e')::bigint), 0) + 1,
      (x->>'v')::bigint, x->>'s', x->>'i', (x->>'t')::float8, x->>'g', x->>'st', x->'r', x->>'h', ${jobId}, now()
    from jsonb_array_elements(cast(cast(${chunk.payload} as text) as jsonb)) as x
    on conflict (cycle_id, employee_id, job_id) do nothing`.execute(trx);
}

/**
 * Record that a job no longer assesses these employees: a removal revision each (a copy of the
 * current revision marked `removed`), so they drop out of `results` while their history stays.
 * @example await removeResults(trx, cycle.id, job.id, [17, 18]);
 */
export async function removeResults(trx: Transaction<DB>, cycleId: number, jobId: number, employeeIds: readonly number[]): Promise<void> {
  for (let i = 0; i < employeeIds.length; i += 5000) {
    const ids = employeeIds.slice(i, i + 5000);
    await sql`
      insert into result_revisions (cycle_id, employee_id, revision, removed, scheme_version_id, scheme_hash, inputs_hash, total, grade, status, result, result_hash, job_id, computed_at)
      select cycle_id, employee_id, revision + 1, true, scheme_version_id, scheme_hash, inputs_hash, total, grade, status, result, result_hash, ${jobId}, now()
      from results where cycle_id = ${cycleId} and employee_id in (${sql.join(ids)})
      on conflict (cycle_id, employee_id, job_id) do nothing`.execute(trx);
  }
}

/**
 * The hash over a whole cycle's results recorded in the audit log:
 * `sha256:` + hex SHA-256 of the lines `<employee code> <result hash>\n`, sorted by code.
 * @example resultsDigest([{ code: 'E001', hash: 'sha256:ab…' }]) // 'sha256:…'
 */
export function resultsDigest(rows: ReadonlyArray<{ code: string; hash: string }>): string {
  const lines = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((r) => `${r.code} ${r.hash}\n`);
  return sha256Tagged(lines.join(''));
}
