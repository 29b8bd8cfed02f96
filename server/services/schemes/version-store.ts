/**
 * @module services/schemes/version-store
 * The one store of parsed and compiled scheme documents in the server, keyed by content hash:
 * evaluation, explanations, reproduction and the preview endpoint all compile a version through
 * it, so each document is parsed and compiled once per process. A content hash names exactly one
 * document, so an entry never goes stale — across drafts being saved (a new hash), several
 * databases in one process (tests) and server instances. Parse failures are kept too, so a broken
 * draft answers 400 without being validated again.
 *
 * @example
 * const entry = compiledDocument(row.content_hash, row.document);
 * if (entry.ok) evaluatePopulation(entry.compiled, employees, { explain: false });
 */
import { checkScheme, compileScheme, type CompiledScheme, type ParseIssue, type Scheme } from '../../../rules/index.ts';
import { LruCache, type CacheStats } from '../../../rules/logic/cache.ts';

/** A document as the store keeps it: parsed and compiled, or the reasons it does not parse. */
export type StoredDocument = { ok: true; scheme: Scheme; compiled: CompiledScheme } | { ok: false; issues: ParseIssue[] };

/** 64 covers every scheme an organisation evaluates or edits at once. */
const byContentHash = new LruCache<StoredDocument>(64);

/**
 * The stored entry for a content hash, if this process has compiled it (no document needed).
 * @example compiledIfKnown(row.content_hash) ?? compiledDocument(row.content_hash, await readDocument())
 */
export function compiledIfKnown(contentHash: string): StoredDocument | undefined {
  return byContentHash.get(contentHash);
}

/**
 * Parse and compile a stored document once; later calls with the same hash get the same entry.
 * The document is cloned first, so rules code never touches the row object a caller holds.
 * @example const entry = compiledDocument(version.content_hash, version.document);
 */
export function compiledDocument(contentHash: string, document: unknown): StoredDocument {
  const hit = byContentHash.get(contentHash);
  if (hit) return hit;
  const checked = checkScheme(structuredClone(document));
  const entry: StoredDocument = checked.ok ? { ok: true, scheme: checked.scheme, compiled: compileScheme(checked.scheme) } : { ok: false, issues: checked.issues };
  byContentHash.set(contentHash, entry);
  return entry;
}

/**
 * Counters of the store, for monitoring and tests.
 * @example versionStoreStats().hits
 */
export function versionStoreStats(): CacheStats {
  return byContentHash.stats();
}
