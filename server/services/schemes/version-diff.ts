/**
 * @module services/schemes/version-diff
 * Human-readable differences between two versions, of the same scheme or of different ones
 * ("what does our department's copy change from the template?").
 */
import type { Kysely } from 'kysely';
import { diffSchemes, type Scheme } from '../../../rules/index.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { readableVersion, type SchemeRow, type VersionRow } from './scheme-access.ts';
import { requireValidDocument } from './scheme-documents.ts';

/**
 * What changed from version `againstId` (the older side, `from`) to version `id` (`to`).
 * Both must be readable by the user and both documents must parse (400 naming the one that does not).
 * @example
 * await diffVersions(db, user, 45, 12)
 * // { from: { id: '12', number: 2, schemeKey: 'property-services' }, to: { id: '45', number: 1, schemeKey: 'cs-monthly' },
 * //   changes: [{ kind: 'changed', path: 'params.target_close_rate', text: 'param "target_close_rate": value (blank) → 0.95' }, …] }
 */
export async function diffVersions(db: Kysely<DB>, user: CurrentUser, id: number, againstId: number) {
  const to = await readableVersion(db, user, id);
  const from = await readableVersion(db, user, againstId);
  const changes = diffSchemes(parsed(from), parsed(to));
  return { from: side(from), to: side(to), changes };
}

function side({ version, scheme }: { version: VersionRow; scheme: SchemeRow }) {
  return { id: String(version.id), number: version.number, schemeId: String(scheme.id), schemeKey: scheme.key, status: version.status, contentHash: version.content_hash };
}

function parsed({ version, scheme }: { version: VersionRow; scheme: SchemeRow }): Scheme {
  return requireValidDocument(version.document, `Version ${version.number} of ${scheme.key}`, { versionId: String(version.id) });
}
