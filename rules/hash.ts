/**
 * @module hash
 * Canonical JSON and the content hash of a scheme. Two documents that differ only in key order
 * or whitespace get the same hash, so a stored result can name the exact scheme version that
 * produced it. Pure and synchronous (`@noble/hashes`), so the studio computes the same hash in
 * the browser as the server does.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scheme } from '../schemas/generated/scheme.ts';
import { YardstickError } from './errors.ts';
import { escapeSegment } from './logic/pointer.ts';

/**
 * Serialise a JSON value canonically: object keys sorted by UTF-16 code units (as in RFC 8785),
 * no whitespace, numbers and strings exactly as `JSON.stringify` prints them.
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
  return write(value, '', new Set());
}

/**
 * The content hash of a scheme: `'sha256:'` + lowercase hex SHA-256 of its UTF-8 canonical JSON.
 * @example
 * hashScheme(scheme) // 'sha256:3f2e…'
 */
export function hashScheme(scheme: Scheme): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(scheme))))}`;
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
