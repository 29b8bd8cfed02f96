/**
 * @module services/schemes/version-findings
 * The findings shown with a version. A draft changes, so its findings are those of its document
 * now (parse + analysis). A published or retired document never changes, so its findings were
 * stored when it was published (`version_findings`, keyed by content hash, migration 013) and are
 * read back, never recomputed; a version published before that table existed gets its row on
 * first read.
 */
import type { Kysely } from 'kysely';
import { inspectScheme, type Finding } from '../../../rules/index.ts';
import { json } from '../../db/json.ts';
import type { DB } from '../../db/types.ts';
import type { VersionRow } from './scheme-access.ts';

/**
 * The findings of a version: its document's analysis for a draft, the stored findings otherwise.
 * @example await versionFindings(db, version) // [{ severity: 'warning', code: 'kpi_count_advice', … }]
 */
export async function versionFindings(db: Kysely<DB>, version: Pick<VersionRow, 'status' | 'document' | 'content_hash'>): Promise<Finding[]> {
  if (version.status === 'draft') return inspectScheme(version.document).findings;
  const stored = await db.selectFrom('version_findings').select('findings').where('content_hash', '=', version.content_hash).executeTakeFirst();
  if (stored) return stored.findings;
  const findings = inspectScheme(version.document).findings;
  await storeFindings(db, version.content_hash, findings);
  return findings;
}

/**
 * Keep the findings of a document being published. The same document published twice (or a
 * concurrent first read) keeps the row already there: it was computed from the same bytes.
 * @example await storeFindings(trx, 'sha256:3f2e…', findings)
 */
export async function storeFindings(db: Kysely<DB>, contentHash: string, findings: readonly Finding[]): Promise<void> {
  await db.insertInto('version_findings').values({ content_hash: contentHash, findings: json(findings) }).onConflict((oc) => oc.column('content_hash').doNothing()).execute();
}
