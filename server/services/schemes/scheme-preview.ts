/**
 * @module services/schemes/scheme-preview
 * Evaluate a version on employees sent in the request, without saving anything: the studio's
 * live test panel and "what would this draft give?" checks. One employee gives an
 * `EmployeeResult`; several (up to 1,000) a `PopulationResult` with ranks and the distribution.
 *
 * This path is hot (target p99 < 10 ms at 1,000 requests a second), so it reads one narrow row
 * per request (scope and content hash, never the document) and compiles through the server's one
 * version store (`version-store.ts`, by content hash): an edited draft misses once, a broken one
 * answers 400 without being validated again.
 */
import type { Kysely } from 'kysely';
import { evaluateEmployee, evaluatePopulation, type EmployeeData, type EmployeeResult, type PopulationResult } from '../../../rules/index.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { assertCanReadScheme } from './scheme-access.ts';
import { invalidDocument } from './scheme-documents.ts';
import { compiledDocument, compiledIfKnown, type StoredDocument } from './version-store.ts';

export interface PreviewRequest {
  employees: EmployeeData[];
  /** Record the evaluation steps; default true for one employee, false for several. */
  explain?: boolean;
}


/**
 * Evaluate without saving.
 * @example
 * await previewVersion(db, user, 31, { employees: [{ id: 'E001', position: 'agent', inputs: { complaints: 2 } }] })
 * // { employeeId: 'E001', total: 90, grade: 'A', indicators: [...], … }
 */
export async function previewVersion(db: Kysely<DB>, user: CurrentUser, id: number, request: PreviewRequest): Promise<EmployeeResult | PopulationResult> {
  const row = await versionRow(db, id);
  assertCanReadScheme(user, row);
  const entry = compiledIfKnown(row.content_hash) ?? (await compileVersion(db, id));
  if (!entry.ok) throw invalidDocument(entry.issues, `Version ${row.number} of ${row.key}`, { versionId: String(id) });
  const { employees } = request;
  if (employees.length === 1) return evaluateEmployee(entry.compiled, employees[0]!, { explain: request.explain ?? true });
  return evaluatePopulation(entry.compiled, employees, { explain: request.explain ?? false });
}

type VersionRow = { number: number; content_hash: string; key: string; owner_department_id: number | null; status: string };

// A published or retired version never changes (the database enforces it), so its row is
// remembered per database; a draft is read every time because it may have been saved since.
const frozenRows = new WeakMap<Kysely<DB>, Map<number, VersionRow>>();

async function versionRow(db: Kysely<DB>, id: number): Promise<VersionRow> {
  const frozen = frozenRows.get(db) ?? frozenRows.set(db, new Map()).get(db)!;
  const known = frozen.get(id);
  if (known) return known;
  const row = await db
    .selectFrom('scheme_versions as v')
    .innerJoin('schemes as s', 's.id', 'v.scheme_id')
    .select(['v.number', 'v.content_hash', 'v.status', 's.key', 's.owner_department_id'])
    .where('v.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new YardstickError('not_found', `No scheme version with id ${id}.`, { versionId: String(id) });
  if (row.status !== 'draft' && frozen.size < 1000) frozen.set(id, row);
  return row;
}

async function compileVersion(db: Kysely<DB>, id: number): Promise<StoredDocument> {
  // Document and hash read together: a draft saved since the first read is stored under its own hash.
  const row = await db.selectFrom('scheme_versions').select(['document', 'content_hash']).where('id', '=', id).executeTakeFirstOrThrow();
  return compiledDocument(row.content_hash, row.document);
}
