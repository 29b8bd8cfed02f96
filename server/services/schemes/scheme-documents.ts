/**
 * @module services/schemes/scheme-documents
 * What the server checks about a stored scheme document, and what it computes from one:
 * its canonical size, its content hash, and its findings (parse issues or analysis).
 *
 * A draft is saved even when it does not validate yet (HR saves work in progress), so a
 * document here is any JSON object; only publishing requires it to parse and analyse cleanly.
 */
import { canonicalJson, sha256Tagged } from '../../../rules/hash.ts';
import { checkScheme, type ParseIssue, type Scheme } from '../../../rules/index.ts';
import { MAX_DOCUMENT_BYTES } from '../../../rules/1-parse/parse.ts';
import '../../native-hash.ts';
import { YardstickError } from '../../../rules/errors.ts';


/** A document as read from the database or a request: a JSON object of unknown shape. */
export type SchemeDocument = Record<string, unknown>;

/** What services accept as a document: untyped JSON from a request, or a typed `Scheme` (seeds, tests). */
export type DocumentInput = SchemeDocument | Scheme;

/**
 * The content hash of a document: `sha256:` + hex SHA-256 of its canonical JSON.
 * This is exactly `contentHash(document)` (`rules/hash.ts`), computed here from the canonical
 * text that the size check needs anyway, and defined for drafts that do not parse yet, so a
 * draft's hash turns into its published hash without changing.
 * Refuses documents over 2 MB and the character U+0000 (jsonb cannot store it).
 * @example contentHash({ key: 'cs' }) // 'sha256:…' (same as hashScheme({ key: 'cs' }))
 */
export function contentHash(document: SchemeDocument): string {
  const text = canonicalJson(document);
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    throw new YardstickError('payload_too_large', `The scheme document is larger than ${MAX_DOCUMENT_BYTES / 1_000_000} MB; split it or remove unused parts.`);
  }
  if (text.includes('\\u0000')) throw new YardstickError('invalid_argument', 'A scheme document cannot contain the character U+0000.');
  return sha256Tagged(text);
}

/**
 * Parse a document that must be valid, or throw 400 `invalid_scheme` naming `what` and listing
 * every issue (`extra` joins the error's details). The one "parse or answer 400" of the server.
 * @example const scheme = requireValidDocument(version.document, `Version 3 of cs-monthly`, { versionId: '31' });
 */
export function requireValidDocument(document: unknown, what = 'The scheme document', extra: Record<string, unknown> = {}): Scheme {
  const checked = checkScheme(document);
  if (checked.ok) return checked.scheme;
  throw invalidDocument(checked.issues, what, extra);
}

/** 400 `invalid_scheme` naming the first issue and listing all of them in `details.issues`. */
export function invalidDocument(issues: ParseIssue[], what: string, extra: Record<string, unknown> = {}): YardstickError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new YardstickError('invalid_scheme', `${what} is not a valid scheme: ${first ? `${first.path || '(document)'}: ${first.message}` : 'invalid'}${more}.`, { ...extra, issues });
}

/**
 * A document must name the scheme it belongs to: its `key` is the scheme's key and its
 * `template` flag the scheme's. Checked on every write, even of drafts, because the key is how
 * exported files, diffs and the CLI say which scheme they are. A missing key is left to the
 * parser (a draft may be incomplete).
 * @example assertDocumentBelongs({ key: 'cs-x' }, { key: 'cs-monthly', is_template: false }) // 400
 */
export function assertDocumentBelongs(document: SchemeDocument, scheme: { key: string; is_template: boolean }): void {
  const issues: ParseIssue[] = [];
  if (document.key !== undefined && document.key !== scheme.key) {
    issues.push({ pointer: '/key', path: 'key', keyword: 'const', message: `must be the scheme's key "${scheme.key}" (got ${JSON.stringify(document.key)})` });
  }
  // A template's document must say so, or analysis would treat its blanks as errors.
  if (scheme.is_template ? document.template !== true : document.template === true) {
    issues.push({ pointer: '/template', path: 'template', keyword: 'const', message: scheme.is_template ? 'must be true: this scheme is a library template' : 'must be false or absent: this scheme is not a template' });
  }
  if (issues.length > 0) throw new YardstickError('invalid_argument', `The document does not belong to scheme ${scheme.key}: ${issues[0]!.path} ${issues[0]!.message}.`, { issues });
}
