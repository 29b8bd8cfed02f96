/**
 * @module services/evaluation/versions
 * Published scheme versions as the evaluation needs them: the stored document, parsed and
 * compiled once in the server's one version store (`version-store.ts`, by content hash).
 */
import type { Kysely } from 'kysely';
import type { CompiledScheme, Scheme } from '../../../rules/index.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, JsonObject, SchemeVersionStatus } from '../../db/types.ts';
import { invalidDocument } from '../schemes/scheme-documents.ts';
import { compiledDocument } from '../schemes/version-store.ts';

/** A scheme version ready to evaluate with. */
export interface LoadedVersion {
  id: number;
  schemeId: number;
  schemeKey: string;
  number: number;
  status: SchemeVersionStatus;
  contentHash: string;
  /** The document exactly as stored. */
  document: JsonObject;
  scheme: Scheme;
  compiled: CompiledScheme;
}

/**
 * Load versions by id (unknown ids are left out of the map).
 * @example
 * const versions = await loadVersions(db, [12, 14]);
 * evaluatePopulation(versions.get(12)!.compiled, employees, { explain: false });
 */
export async function loadVersions(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, LoadedVersion>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('scheme_versions as v')
    .innerJoin('schemes as s', 's.id', 'v.scheme_id')
    .select(['v.id', 'v.scheme_id', 's.key as scheme_key', 'v.number', 'v.status', 'v.content_hash', 'v.document'])
    .where('v.id', 'in', [...new Set(ids)])
    .execute();
  const out = new Map<number, LoadedVersion>();
  for (const row of rows) {
    const { scheme, compiled } = compiledFor(row.document, row.content_hash, row.id);
    out.set(row.id, { id: row.id, schemeId: row.scheme_id, schemeKey: row.scheme_key, number: row.number, status: row.status, contentHash: row.content_hash, document: row.document, scheme, compiled });
  }
  return out;
}

/**
 * One version, or 404 naming it.
 * @example const version = await loadVersion(db, 12);
 */
export async function loadVersion(db: Kysely<DB>, id: number): Promise<LoadedVersion> {
  const version = (await loadVersions(db, [id])).get(id);
  if (!version) throw new YardstickError('not_found', `No scheme version with id ${id}.`, { versionId: String(id) });
  return version;
}

function compiledFor(document: JsonObject, contentHash: string, id: number): { scheme: Scheme; compiled: CompiledScheme } {
  const entry = compiledDocument(contentHash, document);
  if (!entry.ok) throw invalidDocument(entry.issues, `Scheme version ${id}`, { versionId: String(id) });
  return entry;
}
