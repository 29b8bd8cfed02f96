/**
 * @module services/schemes/versions
 * Reading versions, starting a new draft, saving a draft, and checking a draft's document
 * without saving it (for API users; the studio runs the same `inspectScheme` in the browser).
 *
 * Drafts use optimistic concurrency: every save names the revision it was based on and bumps
 * it; a save based on an older revision loses with 409 `stale_write` (and the current revision
 * in details), so two people editing one draft never overwrite each other silently.
 *
 * A draft is saved even when it does not validate yet, so HR can keep work in progress; the
 * response lists the schema issues and analysis findings. Publishing (`version-lifecycle.ts`)
 * is where they must be gone; a published version's findings are then stored and read back
 * (`version-findings.ts`).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { inspectScheme, type Finding, type ParseIssue } from '../../../rules/index.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { appendAudit } from '../audit/audit.ts';
import { assertDraft, readableScheme, readableVersion, writableScheme, writableVersion } from './scheme-access.ts';
import { assertDocumentBelongs, contentHash, type DocumentInput, type SchemeDocument } from './scheme-documents.ts';
import { SUMMARY_COLUMNS, versionDetail, versionSummary } from './scheme-format.ts';
import { actorOf } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';
import { versionFindings } from './version-findings.ts';

/**
 * Every version of a scheme, oldest first, without documents.
 * @example await listVersions(db, user, 12) // { items: [{ id: '31', number: 1, status: 'published', … }] }
 */
export async function listVersions(db: Kysely<DB>, user: CurrentUser, schemeId: number) {
  await readableScheme(db, user, schemeId);
  const rows = await db.selectFrom('scheme_versions').select(SUMMARY_COLUMNS).where('scheme_id', '=', schemeId).orderBy('number').execute();
  return { items: rows.map(versionSummary) };
}

/**
 * One version with its document and the findings of that document.
 * @example (await getVersion(db, user, 31)).findings // [{ severity: 'warning', code: 'kpi_count_advice', … }]
 */
export async function getVersion(db: Kysely<DB>, user: CurrentUser, id: number) {
  const { version, scheme } = await readableVersion(db, user, id);
  return versionDetail(version, scheme, await versionFindings(db, version));
}

/**
 * Start the next draft, a copy of the newest version. 409 when the scheme already has a draft.
 * @example await createDraft(db, hr, 12) // { number: 3, status: 'draft', revision: 1, … }
 */
export async function createDraft(db: Kysely<DB>, user: CurrentUser, schemeId: number) {
  const scheme = await writableScheme(db, user, schemeId);
  const latest = await db.selectFrom('scheme_versions').selectAll().where('scheme_id', '=', schemeId).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
  if (latest.status === 'draft') {
    throw new YardstickError('invalid_transition', `${scheme.key} already has a draft (version ${latest.number}); edit that draft instead of starting another.`, { draftVersionId: String(latest.id) });
  }
  const version = await inTransaction(db, async (trx) => {
    // The partial unique index (one draft per scheme) stops a concurrent second draft: 409 conflict.
    const version = await trx
      .insertInto('scheme_versions')
      .values({ scheme_id: schemeId, number: latest.number + 1, document: latest.document, content_hash: latest.content_hash, created_by: user.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'version.create',
      entityType: 'scheme_version',
      entityId: version.id,
      payload: { schemeId: String(schemeId), schemeKey: scheme.key, number: version.number, copiedFrom: { versionId: String(latest.id), number: latest.number }, contentHash: version.content_hash },
    });
    return version;
  });
  return versionDetail(version, scheme, inspectScheme(version.document).findings);
}

/**
 * Save a draft's document, based on `revision`. The draft is saved even with schema issues or
 * analysis errors (returned as findings); its key and template flag must still be the scheme's.
 * @example
 * await updateDraft(db, hr, 31, { document, revision: 4 }) // { revision: 5, findings: [...] }
 * await updateDraft(db, hr, 31, { document, revision: 4 }) // 409 stale_write, details.currentRevision 5
 */
export async function updateDraft(db: Kysely<DB>, user: CurrentUser, id: number, input: { document: DocumentInput; revision: number }) {
  const document = input.document as SchemeDocument;
  const { version, scheme, hash } = await admitDraftDocument(db, user, id, document);
  const updated = await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('scheme_versions')
      .set({ document, content_hash: hash, revision: sql<number>`revision + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('revision', '=', input.revision)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await whyNotSaved(trx, id, input.revision, scheme.key);
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'version.update',
      entityType: 'scheme_version',
      entityId: id,
      payload: { schemeId: String(scheme.id), schemeKey: scheme.key, number: row.number, revision: row.revision, previousContentHash: version.content_hash, contentHash: hash },
    });
    return row;
  });
  return versionDetail(updated, scheme, inspectScheme(updated.document).findings);
}

/**
 * Check a document as a save of this draft would, without writing anything: the same refusals
 * (403 out of scope, 409 not a draft, 400 wrong key or template flag, 413 too large) and the same
 * parse + analysis (`inspectScheme`, which the studio also runs locally as the user types), so
 * the answer is exactly what saving and publishing this document would report. No revision: nothing is written, so nothing can be stale.
 * @example
 * await checkDraft(db, hr, 31, document) // { issues: [], findings: [{ severity: 'error', code: 'weights_not_100', … }] }
 */
export async function checkDraft(db: Kysely<DB>, user: CurrentUser, id: number, document: SchemeDocument): Promise<{ issues: ParseIssue[]; findings: Finding[] }> {
  await admitDraftDocument(db, user, id, document);
  const { issues, findings } = inspectScheme(document);
  return { issues, findings };
}

/**
 * Everything a draft save checks before it writes, shared by `updateDraft` and `checkDraft` so
 * the two can never disagree: the version is the user's to change, still a draft, the document
 * names this scheme, and it has a storable size and content (its hash).
 */
async function admitDraftDocument(db: Kysely<DB>, user: CurrentUser, id: number, document: SchemeDocument) {
  const { version, scheme } = await writableVersion(db, user, id);
  assertDraft(version, scheme);
  assertDocumentBelongs(document, scheme);
  return { version, scheme, hash: contentHash(document) };
}

/** The reason a conditional draft update matched no row: published meanwhile, or a newer revision. */
async function whyNotSaved(db: Kysely<DB>, id: number, revision: number, schemeKey: string): Promise<YardstickError> {
  const now = await db.selectFrom('scheme_versions').select(['id', 'number', 'status', 'revision']).where('id', '=', id).executeTakeFirst();
  if (!now) return new YardstickError('not_found', `No scheme version with id ${id}.`, { versionId: String(id) });
  if (now.status !== 'draft') {
    return new YardstickError('invalid_transition', `Version ${now.number} of ${schemeKey} is ${now.status}; ${now.status} versions cannot be edited. Create a new draft.`, { versionId: String(id), status: now.status });
  }
  return new YardstickError('stale_write', `Version ${now.number} of ${schemeKey} was changed by someone else (revision ${now.revision}, your edit was based on revision ${revision}). Reload it and apply your change again.`, {
    versionId: String(id),
    currentRevision: now.revision,
    yourRevision: revision,
  });
}
