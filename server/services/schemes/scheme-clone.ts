/**
 * @module services/schemes/scheme-clone
 * Clone a scheme, usually one of HR's templates, into a department: a new scheme whose draft
 * version 1 is the source version's document with the new key and title and `template: false`.
 * Template blanks stay blank, so analysis reports them as errors until the department fills
 * them in, and publishing is refused until then.
 *
 * The source must be a published (or retired) version: those never change, so the lineage
 * (`cloned_from_version_id`) and "what differs from the template" keep meaning the same thing.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import { inspectScheme } from '../../../rules/index.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { appendAudit } from '../audit/audit.ts';
import { readableScheme, type SchemeRow, type VersionRow } from './scheme-access.ts';
import { contentHash, type SchemeDocument } from './scheme-documents.ts';
import { schemeView, versionDetail } from './scheme-format.ts';
import { assertExists } from '../org/org.ts';
import { assertKeyFree, insertSchemeWithFirstVersion } from './schemes.ts';
import { actorOf, assertCanWriteDepartment } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

export interface CloneRequest {
  key: string;
  title: string;
  /** The department that will own the copy; null (HR only) puts the copy in the library. */
  departmentId: number | null;
  /** A published or retired version of the source; default its newest published version. */
  versionId?: number;
}

/**
 * Clone the scheme into a department.
 * @example
 * await cloneScheme(db, manager, templateId, { key: 'cs-monthly', title: 'CS monthly', departmentId: 3 })
 * // { scheme: { clonedFrom: { schemeKey: 'property-services', versionNumber: 2, … } }, version: { number: 1, status: 'draft', findings: [param_unfilled …] } }
 */
export async function cloneScheme(db: Kysely<DB>, user: CurrentUser, sourceId: number, request: CloneRequest) {
  const source = await readableScheme(db, user, sourceId);
  assertCanWriteDepartment(user, request.departmentId);
  const from = await sourceVersion(db, source, request.versionId);
  if (request.departmentId !== null) await assertExists(db, 'departments', request.departmentId, 'department');
  await assertKeyFree(db, request.key);

  const document = structuredClone(from.document) as SchemeDocument;
  document.key = request.key;
  document.title = request.title;
  if (document.template !== undefined) document.template = false;
  const hash = contentHash(document);

  const { scheme, version } = await inTransaction(db, async (trx) => {
    const { scheme, version } = await insertSchemeWithFirstVersion(
      trx,
      user,
      { key: request.key, title: request.title, owner_department_id: request.departmentId, is_template: false, cloned_from_version_id: from.id },
      document,
      hash,
    );
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'scheme.clone',
      entityType: 'scheme',
      entityId: scheme.id,
      payload: {
        key: scheme.key,
        title: scheme.title,
        departmentId: request.departmentId === null ? null : String(request.departmentId),
        from: { schemeId: String(source.id), schemeKey: source.key, versionId: String(from.id), versionNumber: from.number, contentHash: from.content_hash },
        versionId: String(version.id),
        contentHash: hash,
      },
    });
    return { scheme, version };
  });
  const lineage = { schemeId: String(source.id), schemeKey: source.key, versionId: String(from.id), versionNumber: from.number };
  return { scheme: schemeView(scheme, lineage, [version]), version: versionDetail(version, scheme, inspectScheme(version.document).findings) };
}

async function sourceVersion(db: Kysely<DB>, source: SchemeRow, versionId: number | undefined): Promise<VersionRow> {
  if (versionId === undefined) {
    const latest = await db.selectFrom('scheme_versions').selectAll().where('scheme_id', '=', source.id).where('status', '=', 'published').orderBy('number', 'desc').limit(1).executeTakeFirst();
    if (!latest) throw new YardstickError('invalid_transition', `${source.key} has no published version to clone; publish one first or name a version.`, { schemeId: String(source.id) });
    return latest;
  }
  const version = await db.selectFrom('scheme_versions').selectAll().where('id', '=', versionId).where('scheme_id', '=', source.id).executeTakeFirst();
  if (!version) throw new YardstickError('not_found', `Scheme ${source.key} has no version with id ${versionId}.`, { versionId: String(versionId) });
  if (version.status === 'draft') {
    throw new YardstickError('invalid_transition', `Version ${version.number} of ${source.key} is a draft; only published or retired versions can be cloned, because a draft may still change.`, { versionId: String(versionId) });
  }
  return version;
}
