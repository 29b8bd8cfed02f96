/**
 * @module services/schemes/scheme-format
 * Schemes and versions as the API returns them: ids as strings, camelCase, ISO times.
 * A version summary leaves out the document; the full version carries it and its findings.
 */
import type { Finding } from '../../../rules/index.ts';
import { apiId, apiRecord } from '../api-format.ts';
import type { SchemeRow, VersionRow } from './scheme-access.ts';

/** The columns a version summary needs (lists never load documents). */
export const SUMMARY_COLUMNS = ['id', 'scheme_id', 'number', 'status', 'content_hash', 'revision', 'effective_from', 'effective_to', 'created_at', 'updated_at', 'published_at', 'retired_at', 'note'] as const;
export type VersionSummaryRow = Pick<VersionRow, (typeof SUMMARY_COLUMNS)[number]>;

/** Where a cloned scheme came from. */
export interface Lineage {
  schemeId: string;
  schemeKey: string;
  versionId: string;
  versionNumber: number;
}

/**
 * A version without its document.
 * @example versionSummary(row) // { id: '31', number: 2, status: 'draft', revision: 4, … }
 */
export function versionSummary(v: VersionSummaryRow) {
  return apiRecord(v, ['id', 'number', 'status', 'content_hash', 'revision', 'effective_from', 'effective_to', 'created_at', 'updated_at', 'published_at', 'retired_at', 'note']);
}
export type VersionSummary = ReturnType<typeof versionSummary>;

/**
 * A whole version: the document, who did what, and the findings of the document as it is now.
 * @example versionDetail(row, scheme, inspectScheme(row.document).findings)
 */
export function versionDetail(v: VersionRow, scheme: Pick<SchemeRow, 'key'>, findings: Finding[]) {
  return {
    ...versionSummary(v),
    ...apiRecord(v, ['scheme_id']),
    schemeKey: scheme.key,
    ...apiRecord(v, ['document', 'created_by', 'published_by']),
    findings,
  };
}

/**
 * A scheme with its lineage. `versions` are the summaries, oldest first, when the caller loaded them.
 * @example schemeView(row, lineage, summaries)
 */
export function schemeView(s: SchemeRow, clonedFrom: Lineage | null, versions: VersionSummaryRow[]) {
  const latest = versions.at(-1) ?? null;
  const published = versions.filter((v) => v.status === 'published').at(-1) ?? null;
  return {
    ...apiRecord(s, ['id', 'key', 'title']),
    departmentId: apiId(s.owner_department_id),
    isTemplate: s.is_template,
    clonedFrom,
    ...apiRecord(s, ['created_by', 'created_at']),
    latestVersion: latest && versionSummary(latest),
    /** The newest published version: what a new cycle would use. */
    currentVersion: published && versionSummary(published),
    hasDraft: versions.some((v) => v.status === 'draft'),
  };
}
