/**
 * @module services/schemes/version-lifecycle
 * draft → published → retired.
 *
 * - **Publish** parses and analyses the draft; any parse issue or error finding refuses with
 *   422 `analysis_failed` listing the findings. Otherwise the version becomes published (from then
 *   on the database refuses any change to it) with `content_hash = hashScheme(document)`,
 *   `effective_from` (default today, UTC), who and when. Its findings are stored with it
 *   (`version-findings.ts`), so later reads do not analyse it again.
 *   Publishing does not touch the scheme's earlier published version: several published
 *   versions may coexist (a running cycle keeps the one it was opened with) until someone
 *   retires the old one explicitly. This keeps publishing a single-row change and leaves the
 *   choice of which version a cycle uses to the cycle.
 * - **Retire** marks a published version as no longer to be used for new cycles: `retired_at`
 *   now, `effective_to` the given day or today (never before `effective_from`). Results already
 *   computed with it stay reproducible: the version itself never changes.
 */
import type { Kysely } from 'kysely';
import { hashScheme, inspectScheme } from '../../../rules/index.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { parseDay, todayUtc } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { assertDraft, writableVersion } from './scheme-access.ts';
import { versionDetail } from './scheme-format.ts';
import { storeFindings, versionFindings } from './version-findings.ts';
import { actorOf } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

export interface PublishRequest {
  /** First day the version applies, YYYY-MM-DD (default today, UTC). */
  effectiveFrom?: string;
  note?: string;
  /** When given, publish only if the draft is still at this revision (what the publisher reviewed). */
  revision?: number;
}

/**
 * Publish a draft that parses and has no analysis errors.
 * @example
 * await publishVersion(db, hr, 31, { effectiveFrom: '2027-01-01', note: 'Q1 rules' }) // { status: 'published', … }
 * await publishVersion(db, hr, 32, {}) // 422 analysis_failed, details.findings: [{ code: 'weights_not_100', … }]
 */
export async function publishVersion(db: Kysely<DB>, user: CurrentUser, id: number, request: PublishRequest) {
  const { version, scheme } = await writableVersion(db, user, id);
  assertDraft(version, scheme, 'published again');
  if (request.revision !== undefined && request.revision !== version.revision) throw staleRevision(version, scheme.key, request.revision);
  const effectiveFrom = request.effectiveFrom === undefined ? todayUtc() : parseDay(request.effectiveFrom, 'effectiveFrom');
  const { scheme: parsed, findings } = inspectScheme(version.document);
  const errors = findings.filter((f) => f.severity === 'error');
  if (!parsed || errors.length > 0) {
    const first = errors[0]!;
    throw new YardstickError('analysis_failed', `Version ${version.number} of ${scheme.key} cannot be published: ${first.path ? `${first.path}: ` : ''}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : ''}.`, {
      versionId: String(id),
      findings,
    });
  }
  const hash = hashScheme(parsed);
  const published = await inTransaction(db, async (trx) => {
    const now = new Date();
    // Guarded by the revision that was analysed: a save in between must not be published unchecked.
    const row = await trx
      .updateTable('scheme_versions')
      .set({ status: 'published', content_hash: hash, effective_from: effectiveFrom, published_by: user.id, published_at: now, updated_at: now, note: request.note ?? version.note })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('revision', '=', version.revision)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new YardstickError('stale_write', `Version ${version.number} of ${scheme.key} changed while it was being published; reload it and publish again.`, { versionId: String(id) });
    await storeFindings(trx, hash, findings);
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'version.publish',
      entityType: 'scheme_version',
      entityId: id,
      payload: { schemeId: String(scheme.id), schemeKey: scheme.key, number: row.number, revision: row.revision, contentHash: hash, effectiveFrom, note: row.note, warnings: findings.filter((f) => f.severity === 'warning').length },
    });
    return row;
  });
  return versionDetail(published, scheme, findings);
}

/**
 * Retire a published version.
 * @example await retireVersion(db, hr, 31, { effectiveTo: '2026-12-31' }) // { status: 'retired', effectiveTo: '2026-12-31', … }
 */
export async function retireVersion(db: Kysely<DB>, user: CurrentUser, id: number, request: { effectiveTo?: string }) {
  const { version, scheme } = await writableVersion(db, user, id);
  if (version.status !== 'published') {
    throw new YardstickError('invalid_transition', `Version ${version.number} of ${scheme.key} is ${version.status}; only published versions can be retired.`, { versionId: String(id), status: version.status });
  }
  let effectiveTo = request.effectiveTo === undefined ? todayUtc() : parseDay(request.effectiveTo, 'effectiveTo');
  if (version.effective_from !== null && effectiveTo < version.effective_from) {
    if (request.effectiveTo !== undefined) throw new YardstickError('invalid_argument', `effectiveTo ${effectiveTo} is before the version's effectiveFrom ${version.effective_from}.`, { effectiveTo, effectiveFrom: version.effective_from });
    // Retired before it ever applied: it ends on its first day rather than before it.
    effectiveTo = version.effective_from;
  }
  const retired = await inTransaction(db, async (trx) => {
    const now = new Date();
    const row = await trx
      .updateTable('scheme_versions')
      .set({ status: 'retired', retired_at: now, effective_to: effectiveTo, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new YardstickError('invalid_transition', `Version ${version.number} of ${scheme.key} was retired by someone else meanwhile.`, { versionId: String(id) });
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'version.retire',
      entityType: 'scheme_version',
      entityId: id,
      payload: { schemeId: String(scheme.id), schemeKey: scheme.key, number: row.number, contentHash: row.content_hash, effectiveTo },
    });
    return row;
  });
  return versionDetail(retired, scheme, await versionFindings(db, retired));
}

function staleRevision(version: { id: number; number: number; revision: number }, schemeKey: string, yours: number): YardstickError {
  return new YardstickError('stale_write', `Version ${version.number} of ${schemeKey} is at revision ${version.revision}, not ${yours}; review the latest draft before publishing.`, {
    versionId: String(version.id),
    currentRevision: version.revision,
    yourRevision: yours,
  });
}
