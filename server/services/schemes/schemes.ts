/**
 * @module services/schemes/schemes
 * Listing, creating and reading schemes. A scheme is the stable identity (key, title, owner);
 * its rules live in numbered versions (`versions.ts`). Creating a scheme creates draft version 1.
 *
 * Who: HR creates library schemes (no department) and templates (always library schemes);
 * managers create schemes for their own departments only; auditors read everything.
 */
import type { Kysely, Transaction } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import { inspectScheme } from '../../../rules/index.ts';
import type { DB, NewRow } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { appendAudit } from '../audit/audit.ts';
import { assertExists } from '../org/org.ts';
import { readableScheme, readableSchemes, type SchemeRow } from './scheme-access.ts';
import { assertDocumentBelongs, contentHash, requireValidDocument, type DocumentInput, type SchemeDocument } from './scheme-documents.ts';
import { type Lineage, schemeView, SUMMARY_COLUMNS, type VersionSummaryRow, versionDetail, versionSummary } from './scheme-format.ts';
import { actorOf, assertCanReadDepartment, assertCanWriteDepartment } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

export interface SchemeFilter {
  /** true: templates only; false: no templates. */
  template?: boolean;
  departmentId?: number;
}

export interface NewScheme {
  key: string;
  title: string;
  /** Omitted or null: a library scheme (HR only). */
  departmentId?: number | null;
  isTemplate?: boolean;
  document: DocumentInput;
}

/**
 * Schemes the user may read, by key, each with its latest and current (published) version.
 * @example await listSchemes(db, manager, { template: true }) // HR's templates
 */
export async function listSchemes(db: Kysely<DB>, user: CurrentUser, filter: SchemeFilter = {}) {
  if (filter.departmentId !== undefined) assertCanReadDepartment(user, filter.departmentId);
  let query = db.selectFrom('schemes as s').selectAll('s').where(readableSchemes(user));
  if (filter.template !== undefined) query = query.where('s.is_template', '=', filter.template);
  if (filter.departmentId !== undefined) query = query.where('s.owner_department_id', '=', filter.departmentId);
  const schemes = await query.orderBy('s.key').execute();
  const [versions, lineages] = await Promise.all([versionSummaries(db, schemes.map((s) => s.id)), lineageOf(db, schemes)]);
  return { items: schemes.map((s) => schemeView(s, lineages.get(s.id) ?? null, versions.get(s.id) ?? [])) };
}

/**
 * One scheme with all its version summaries (oldest first) and where it was cloned from.
 * @example await getScheme(db, user, 12) // { id: '12', key: 'cs-monthly', versions: [...], clonedFrom: {...} }
 */
export async function getScheme(db: Kysely<DB>, user: CurrentUser, id: number) {
  const scheme = await readableScheme(db, user, id);
  const [versions, lineages] = await Promise.all([versionSummaries(db, [id]), lineageOf(db, [scheme])]);
  const summaries = versions.get(id) ?? [];
  return { ...schemeView(scheme, lineages.get(id) ?? null, summaries), versions: summaries.map(versionSummary) };
}

/**
 * Create a scheme and its draft version 1 from a valid document (400 with every issue otherwise).
 * The document's `key` must be the scheme key, and `template: true` exactly when it is a template.
 * @example
 * await createScheme(db, hr, { key: 'cs-monthly', title: 'CS monthly', departmentId: 3, document })
 * // { scheme: { id: '12', … }, version: { id: '31', number: 1, status: 'draft', findings: [...] } }
 */
export async function createScheme(db: Kysely<DB>, user: CurrentUser, input: NewScheme) {
  const document = input.document as SchemeDocument;
  const departmentId = input.departmentId ?? null;
  const isTemplate = input.isTemplate ?? document.template === true;
  if (isTemplate && departmentId !== null) throw new YardstickError('invalid_argument', 'Templates belong to the HR library: leave departmentId out for a template.', { departmentId: String(departmentId) });
  assertCanWriteDepartment(user, departmentId);
  requireValidDocument(document);
  assertDocumentBelongs(document, { key: input.key, is_template: isTemplate });
  const hash = contentHash(document);
  if (departmentId !== null) await assertExists(db, 'departments', departmentId, 'department');
  await assertKeyFree(db, input.key);

  const { scheme, version } = await inTransaction(db, async (trx) => {
    const { scheme, version } = await insertSchemeWithFirstVersion(trx, user, { key: input.key, title: input.title, owner_department_id: departmentId, is_template: isTemplate }, document, hash);
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'scheme.create',
      entityType: 'scheme',
      entityId: scheme.id,
      payload: { key: scheme.key, title: scheme.title, departmentId: departmentId === null ? null : String(departmentId), isTemplate, versionId: String(version.id), contentHash: hash },
    });
    return { scheme, version };
  });
  return { scheme: schemeView(scheme, null, [version]), version: versionDetail(version, scheme, inspectScheme(version.document).findings) };
}

/**
 * Insert a scheme row and its draft version 1 holding `document`, both created by `user`.
 * Runs inside the caller's transaction; the caller writes the audit entry.
 */
export async function insertSchemeWithFirstVersion(
  trx: Transaction<DB>,
  user: CurrentUser,
  values: Omit<NewRow<'schemes'>, 'created_by'>,
  document: SchemeDocument,
  hash: string,
) {
  const scheme = await trx
    .insertInto('schemes')
    .values({ ...values, created_by: user.id })
    .returningAll()
    .executeTakeFirstOrThrow();
  const version = await trx
    .insertInto('scheme_versions')
    .values({ scheme_id: scheme.id, number: 1, document, content_hash: hash, created_by: user.id })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { scheme, version };
}

/** 409 with a plain message when the key is taken (the unique index still guards races). */
export async function assertKeyFree(db: Kysely<DB>, key: string): Promise<void> {
  const taken = await db.selectFrom('schemes').select('id').where('key', '=', key).executeTakeFirst();
  if (taken) throw new YardstickError('conflict', `A scheme with key "${key}" already exists (id ${taken.id}); choose another key.`, { key, schemeId: String(taken.id) });
}

/** Version summaries per scheme id, oldest first. */
async function versionSummaries(db: Kysely<DB>, schemeIds: number[]): Promise<Map<number, VersionSummaryRow[]>> {
  const bySchemes = new Map<number, VersionSummaryRow[]>();
  if (schemeIds.length === 0) return bySchemes;
  const rows = await db.selectFrom('scheme_versions').select(SUMMARY_COLUMNS).where('scheme_id', 'in', schemeIds).orderBy('scheme_id').orderBy('number').execute();
  for (const row of rows) bySchemes.set(row.scheme_id, [...(bySchemes.get(row.scheme_id) ?? []), row]);
  return bySchemes;
}

/** Where each cloned scheme came from (scheme key and version number, for "cloned from property-services v2"). */
async function lineageOf(db: Kysely<DB>, schemes: SchemeRow[]): Promise<Map<number, Lineage>> {
  const lineage = new Map<number, Lineage>();
  const sources = [...new Set(schemes.map((s) => s.cloned_from_version_id).filter((v): v is number => v !== null))];
  if (sources.length === 0) return lineage;
  const rows = await db
    .selectFrom('scheme_versions as v')
    .innerJoin('schemes as s', 's.id', 'v.scheme_id')
    .select(['v.id as versionId', 'v.number as versionNumber', 's.id as schemeId', 's.key as schemeKey'])
    .where('v.id', 'in', sources)
    .execute();
  const byVersion = new Map(rows.map((r) => [r.versionId, r]));
  for (const s of schemes) {
    const from = s.cloned_from_version_id === null ? undefined : byVersion.get(s.cloned_from_version_id);
    if (from) lineage.set(s.id, { schemeId: String(from.schemeId), schemeKey: from.schemeKey, versionId: String(from.versionId), versionNumber: from.versionNumber });
  }
  return lineage;
}
