/**
 * @module 1-parse/parse
 * Phase 1 of the pipeline: turn untrusted JSON into a `Scheme`, or say precisely what is wrong.
 * Validation is driven by `schemas/scheme.schema.json` (JSON Schema 2020-12), compiled ahead of
 * time into plain code (`schemas/generate-validator.ts`), so it runs unchanged in the browser under
 * a Content-Security-Policy without `unsafe-eval`.
 */
import type { ErrorObject } from 'ajv';
import validate from '../../schemas/generated/validate-scheme.js';
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { YardstickError } from '../errors.ts';
import { escapeSegment } from '../logic/pointer.ts';

export type { Scheme };

/** One thing wrong with a document: where (JSON pointer and readable path) and what was expected. */
export interface ParseIssue {
  pointer: string;
  path: string;
  message: string;
  keyword: string;
}

/** Largest scheme document accepted, in UTF-8 bytes (of the JSON text here, of its canonical JSON when stored). */
export const MAX_DOCUMENT_BYTES = 2_000_000;

/** Whether a text is over the limit in UTF-8 bytes; by its length alone when that decides (a UTF-16 unit is 1 to 3 bytes). */
function tooLarge(text: string): boolean {
  if (text.length > MAX_DOCUMENT_BYTES) return true;
  return text.length * 3 > MAX_DOCUMENT_BYTES && new TextEncoder().encode(text).length > MAX_DOCUMENT_BYTES;
}

/**
 * Validate a scheme document (object or JSON text) and return it typed.
 * Throws `YardstickError('invalid_json' | 'invalid_scheme')` whose details list every issue.
 * @example
 * const scheme = parseScheme(JSON.parse(readFileSync('scheme.json', 'utf8')));
 */
export function parseScheme(doc: unknown): Scheme {
  const result = checkScheme(doc);
  if (!result.ok) {
    const first = result.issues[0];
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
    throw new YardstickError(result.code, `${first ? `${first.path}: ${first.message}` : 'Invalid scheme'}${more}`, { issues: result.issues });
  }
  return result.scheme;
}

/**
 * Like `parseScheme`, but returns the issues instead of throwing.
 * @example
 * const r = checkScheme(doc); if (!r.ok) for (const i of r.issues) console.log(i.path, i.message);
 */
export function checkScheme(doc: unknown):
  | { ok: true; scheme: Scheme }
  | { ok: false; code: 'invalid_json' | 'invalid_scheme'; issues: ParseIssue[] } {
  let value = doc;
  if (typeof doc === 'string') {
    if (tooLarge(doc)) return fail('invalid_scheme', '', 'maxLength', `the document is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    try {
      value = JSON.parse(doc);
    } catch (err) {
      return fail('invalid_json', '', 'json', `not valid JSON: ${(err as Error).message}`);
    }
  }
  if (validate(value)) return { ok: true, scheme: value };
  return { ok: false, code: 'invalid_scheme', issues: describeAjvErrors(validate.errors ?? []) };
}

function fail(code: 'invalid_json' | 'invalid_scheme', pointer: string, keyword: string, message: string) {
  return { ok: false as const, code, issues: [{ pointer, path: readablePath(pointer), keyword, message }] };
}

/**
 * Turn ajv's errors into plain-language issues, dropping the noise that combinators
 * (oneOf/if) add on top of the specific failure underneath them.
 * @example
 * describeAjvErrors(validate.errors) // [{ path: 'indicators[0].key', message: 'is required' }]
 */
export function describeAjvErrors(errors: readonly ErrorObject[]): ParseIssue[] {
  // A oneOf whose branches all failed on a missing field ("bands" or "rule") reads better as one
  // message; a oneOf with a deeper failure inside reads better as that failure.
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  const isBranchRequired = (e: ErrorObject) =>
    e.keyword === 'required' && oneOfs.some((o) => o.instancePath === e.instancePath && e.schemaPath.startsWith(`${o.schemaPath}/`));
  const specific = errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !isBranchRequired(e) &&
      !(e.keyword === 'oneOf' && errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'oneOf' && !isBranchRequired(o))),
  );
  const seen = new Set<string>();
  const issues: ParseIssue[] = [];
  for (const e of specific.length ? specific : errors) {
    const pointer = e.keyword === 'required' ? `${e.instancePath}/${escapeSegment(String(e.params.missingProperty))}` : e.instancePath;
    const message = explain(e);
    const id = `${pointer}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push({ pointer, path: readablePath(pointer), keyword: e.keyword, message });
  }
  return issues;
}

function explain(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return `has an unknown field "${String(p.additionalProperty)}"`;
    case 'type':
      return `must be ${String(p.type).replace(',', ' or ')}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return 'is not a valid key (letters, digits, _ and -, no dots or spaces)';
    case 'propertyNames':
      return `has an invalid key "${String(p.propertyName)}"`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}`;
    case 'minItems':
      return `needs at least ${String(p.limit)} item(s)`;
    case 'maxItems':
      return `has more than ${String(p.limit)} items`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters`;
    case 'maxProperties':
      return `has more than ${String(p.limit)} entries`;
    case 'oneOf':
      return 'must match exactly one of the allowed forms (for grading: either bands or rule)';
    case 'not':
      return 'is a reserved name';
    default:
      return e.message ?? 'is invalid';
  }
}

/**
 * `/indicators/2/score` → `indicators[2].score`; the root is `(document)`.
 * @example readablePath('/weights/positions/engineer') // 'weights.positions.engineer'
 */
export function readablePath(pointer: string): string {
  if (!pointer) return '(document)';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
