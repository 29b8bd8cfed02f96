/**
 * @module services/evaluation/write-results
 * Store results a chunk at a time: one upsert per chunk, keyed by (cycle, employee), so writing
 * a chunk twice (a retried or resumed job) leaves one row per employee, never two.
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
    const columns = { e: r.entry.id, v: r.version.id, s: r.version.compiled.hash, i: r.inputsHash, t: r.result.total, g: r.result.grade, st: r.result.status };
    // `json` is already JSON text: splice it in rather than parse and serialise it again.
    parts.push(`${JSON.stringify(columns).slice(0, -1)},"r":${json}}`);
  }
  return { size: rows.length, payload: `[${parts.join(',')}]`, hashes };
}

/**
 * Upsert a prepared chunk inside the caller's transaction.
 * @example await inTransaction(db, (trx) => writeChunk(trx, cycle.id, job.id, prepareChunk(rows)));
 */
export async function writeChunk(trx: Transaction<DB>, cycleId: number, jobId: number, chunk: PreparedChunk): Promise<void> {
  if (chunk.size === 0) return;
  await sql`
    insert into results (cycle_id, employee_id, scheme_version_id, scheme_hash, inputs_hash, total, grade, status, result, job_id, computed_at)
    select ${cycleId}, (x->>'e')::bigint, (x->>'v')::bigint, x->>'s', x->>'i', (x->>'t')::float8, x->>'g', x->>'st', x->'r', ${jobId}, now()
    from jsonb_array_elements(cast(cast(${chunk.payload} as text) as jsonb)) as x
    on conflict (cycle_id, employee_id) do update set
      scheme_version_id = excluded.scheme_version_id, scheme_hash = excluded.scheme_hash, inputs_hash = excluded.inputs_hash,
      total = excluded.total, grade = excluded.grade, status = excluded.status, result = excluded.result,
      job_id = excluded.job_id, computed_at = excluded.computed_at`.execute(trx);
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
