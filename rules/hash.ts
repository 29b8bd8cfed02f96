/**
 * @module hash
 * The one canonical JSON and the one SHA-256 helper of the project (rules, server, studio,
 * results and audit). Two documents that differ only in key order or whitespace get the same
 * hash, so a stored result can name the exact scheme version that produced it. Pure and
 * synchronous (`@noble/hashes`), so the studio computes the same hash in the browser as the
 * server does; the server plugs in Node's native digest for speed (`useNativeSha256`).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scheme } from '../schemas/generated/scheme.ts';
import { YardstickError } from './errors.ts';
import { escapeSegment } from './logic/pointer.ts';

/**
 * Serialise a JSON value canonically: object keys sorted by UTF-16 code units (as in RFC 8785),
 * no whitespace, numbers and strings exactly as `JSON.stringify` prints them. This is the text
 * every stored hash is taken of: content hashes, inputs and results hashes, audit payloads.
 *
 * Object properties whose value is `undefined` are left out, as `JSON.stringify` does (an optional
 * TypeScript field set to `undefined` is the same document as one without the field). Everything
 * else that JSON cannot carry is rejected with `YardstickError('invalid_argument')` instead of
 * being silently turned into `null`: `undefined` at the top or inside an array, functions,
 * symbols, bigints, `NaN`, `±Infinity`, non-plain objects (Date, Map, class instances) and cycles.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null, 'x'] }) // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return stringifySorted(value, true) ?? write(value, '', new Set());
}

/**
 * `JSON.stringify` with canonical key order: the canonical JSON of whatever `JSON.stringify`
 * makes of a value (`toJSON` applied, `NaN`, `±Infinity` and `undefined` array items as `null`,
 * functions left out; `undefined` when stringify gives `undefined`), never a throw for those.
 * For values that are not JSON by construction: stored evaluation results (whose hash is this
 * text's) and the studio's comparison of rules and drafts being edited.
 * @example
 * stringifyCanonical({ b: Number.NaN, a: [undefined] }) // '{"a":[null],"b":null}'
 */
export function stringifyCanonical(value: object): string;
export function stringifyCanonical(value: unknown): string | undefined;
export function stringifyCanonical(value: unknown): string | undefined {
  const text = stringifySorted(value, false);
  if (text !== undefined) return text;
  const plain = JSON.stringify(value);
  return plain === undefined ? undefined : canonicalJson(JSON.parse(plain));
}

/**
 * The text a rule is cached under: canonical key order, but `-0` kept apart from `0`, since
 * `{"-":[0]}` is -0 and `{"-":[-0]}` is 0. Never stored or hashed, so it may differ from
 * `canonicalJson`; only for rules that passed the static check (plain JSON, bounded depth).
 * @example
 * ruleCacheKey({ b: 1, a: [2, -0] }) // '{"a":[2,-0],"b":1}'
 */
export function ruleCacheKey(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(ruleCacheKey).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${ruleCacheKey((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

let hexDigest = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * Lowercase hex SHA-256 of the UTF-8 text (the audit chain's row and payload hashes).
 * @example sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(text: string): string {
  return hexDigest(text);
}

/**
 * `'sha256:'` + lowercase hex SHA-256 of the UTF-8 text: how every stored hash is written.
 * @example sha256Tagged('abc') // 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Tagged(text: string): string {
  return `sha256:${hexDigest(text)}`;
}

/**
 * Let a host with a native SHA-256 (Node's `crypto`, about 6× faster than the pure-JS one on
 * result-sized texts) compute the digests. It must return exactly the lowercase hex digest of
 * the UTF-8 text; the pure one stays the default, so nothing depends on this being called.
 * @example useNativeSha256((text) => createHash('sha256').update(text, 'utf8').digest('hex'))
 */
export function useNativeSha256(digest: (text: string) => string): void {
  hexDigest = digest;
}

/**
 * The content hash of a JSON document (a scheme version's `content_hash`): `sha256Tagged` of its
 * canonical JSON. Defined for any JSON, so a draft that does not parse yet has one too.
 * @example
 * contentHash(version.document) // 'sha256:3f2e…'
 */
export function contentHash(json: unknown): string {
  return sha256Tagged(canonicalJson(json));
}

/**
 * The content hash of a scheme; the same as `contentHash`.
 * @example
 * hashScheme(scheme) // 'sha256:3f2e…'
 */
export function hashScheme(scheme: Scheme): string {
  return contentHash(scheme);
}

const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

/**
 * `JSON.stringify` with each object's keys sorted: the fast path (native speed, about a third
 * faster than `write`). It gives up (undefined) where its text could differ from `write`'s:
 * integer-like keys (JavaScript always orders them first) and, when `strict`, anything `write`
 * rejects or `JSON.stringify` would convert (so `write` can name it).
 */
function stringifySorted(value: unknown, strict: boolean): string | undefined {
  let giveUp = false;
  let text: string | undefined;
  try {
    text = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
      if (strict && !giveUp) giveUp = !isPlainJson((this as Record<string, unknown>)[key], Array.isArray(this));
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const sorted: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(v).sort()) {
        if (INDEX_LIKE.test(k)) giveUp = true;
        sorted[k] = (v as Record<string, unknown>)[k];
      }
      return sorted;
    });
  } catch {
    return undefined; // a cycle or a bigint: `write` says which and where
  }
  return giveUp ? undefined : text;
}

/** Whether `JSON.stringify` writes this value (before `toJSON`) exactly as `write` would. */
function isPlainJson(raw: unknown, inArray: boolean): boolean {
  switch (typeof raw) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(raw);
    case 'undefined':
      return !inArray;
    case 'object': {
      if (raw === null || Array.isArray(raw)) return true;
      const proto: unknown = Object.getPrototypeOf(raw);
      return (proto === Object.prototype || proto === null) && typeof (raw as { toJSON?: unknown }).toJSON !== 'function';
    }
    default:
      return false;
  }
}

function write(value: unknown, pointer: string, open: Set<object>): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) reject(pointer, `${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (open.has(value)) reject(pointer, 'the value contains a cycle');
      open.add(value);
      try {
        return Array.isArray(value) ? writeArray(value, pointer, open) : writeObject(value, pointer, open);
      } finally {
        open.delete(value);
      }
    default:
      return reject(pointer, `${typeof value} is not a JSON value`);
  }
}

function writeArray(items: readonly unknown[], pointer: string, open: Set<object>): string {
  // Array.from visits holes as undefined, which are then rejected like explicit undefined.
  return `[${Array.from(items, (item, i) => write(item, `${pointer}/${i}`, open)).join(',')}]`;
}

function writeObject(obj: object, pointer: string, open: Set<object>): string {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) reject(pointer, `${obj.constructor?.name ?? 'object'} is not a plain JSON object`);
  const record = obj as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the order RFC 8785 prescribes; localeCompare would not be stable.
  const keys = Object.keys(record).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(item, `${pointer}/${escapeSegment(key)}`, open)}`);
  }
  return `{${parts.join(',')}}`;
}

function reject(pointer: string, why: string): never {
  throw new YardstickError('invalid_argument', `Not canonical JSON at ${pointer || '(root)'}: ${why}.`, { pointer });
}
