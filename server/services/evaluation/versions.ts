/**
 * @module services/evaluation/versions
 * Published scheme versions as the evaluation needs them: the stored document, parsed and
 * compiled once. Published versions are immutable (the database enforces it), so the compiled
 * form is cached by content hash and never goes stale.
 */
import type { Kysely } from 'kysely';
import { compileScheme, type CompiledScheme, type Scheme } from '../../../rules/index.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, JsonObject, SchemeVersionStatus } from '../../db/types.ts';
import { requireValidDocument } from '../scheme-documents.ts';

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

const compiledByHash = new Map<string, { scheme: Scheme; compiled: CompiledScheme }>();
const CACHE_LIMIT = 50;

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
  const hit = compiledByHash.get(contentHash);
  if (hit) return hit;
  // A clone, so rules code can never touch the row object other callers hold.
  const scheme = requireValidDocument(structuredClone(document), `Scheme version ${id}`, { versionId: String(id) });
  const entry = { scheme, compiled: compileScheme(scheme) };
  if (compiledByHash.size >= CACHE_LIMIT) compiledByHash.delete(compiledByHash.keys().next().value!);
  compiledByHash.set(contentHash, entry);
  return entry;
}
