/**
 * One canonical JSON and one SHA-256 helper (rules/hash.ts) replace four serialisers and four
 * digest helpers. Hashes already stored (content hashes, inputs and results hashes, audit
 * payload and row hashes) must come out byte-identical, so each old implementation, frozen here
 * exactly as it was at commit 8c3dfc5, is compared with its replacement on hand-written edge
 * cases and on random JSON.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, ruleCacheKey, sha256Hex, sha256Tagged, stringifyCanonical, useNativeSha256 } from '../../rules/hash.ts';

// ── the old implementations, verbatim (rejections simplified to a plain throw) ──────────────
const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const reject = (pointer: string, why: string): never => {
  throw new Error(`${pointer}: ${why}`);
};
function oldwrite(value: unknown, pointer: string, open: Set<object>): string {
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
        return Array.isArray(value) ? oldwriteArray(value, pointer, open) : oldwriteObject(value, pointer, open);
      } finally {
        open.delete(value);
      }
    default:
      return reject(pointer, `${typeof value} is not a JSON value`);
  }
}

function oldwriteArray(items: readonly unknown[], pointer: string, open: Set<object>): string {
  // Array.from visits holes as undefined, which are then rejected like explicit undefined.
  return `[${Array.from(items, (item, i) => oldwrite(item, `${pointer}/${i}`, open)).join(',')}]`;
}

function oldwriteObject(obj: object, pointer: string, open: Set<object>): string {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) reject(pointer, `${obj.constructor?.name ?? 'object'} is not a plain JSON object`);
  const record = obj as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the order RFC 8785 prescribes; localeCompare would not be stable.
  const keys = Object.keys(record).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${oldwrite(item, `${pointer}/${escapeSegment(key)}`, open)}`);
  }
  return `{${parts.join(',')}}`;
}

/** rules/hash.ts canonicalJson (content hashes, inputs hashes, audit payloads). */
const oldCanonicalJson = (value: unknown) => oldwrite(value, '', new Set());

/** server/services/evaluation/employee-data.ts sortedJson (results hashes). */
function oldSortedJson(value: unknown): string {
  let indexLike = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(v).sort()) {
      if (/^(?:0|[1-9]\d*)$/.test(key)) indexLike = true;
      sorted[key] = (v as Record<string, unknown>)[key];
    }
    return sorted;
  });
  return indexLike ? oldCanonicalJson(JSON.parse(text)) : text;
}

/** studio/src/lib/rule-patterns.ts canonical (comparisons only, never stored). */
function oldStudioCanonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** rules/logic/literal.ts canonicalJson (the rule cache key). */
function oldLiteralCanonical(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(oldLiteralCanonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${oldLiteralCanonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

const oldNodeTagged = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
const oldNobleHex = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

// ── cases ────────────────────────────────────────────────────────────────────────────────
const edgeCases: unknown[] = [
  null, true, 0, -0, 1e21, 1.5e-7, 0.1, 'x', '', '效率', 'a"b\\c\n\u2028', [], {},
  { b: 1, a: 2 },
  { '10': 'ten', '2': 'two', a: 'a', '-1': 'minus', '01': 'zero-one' }, // integer-like keys
  { nested: { '0': [{ '1': 1, z: null }], y: [1, [2, [3]]] } },
  { b: 1, B: 2, 中: 3, a: 4, '😀': 5, 'é': 6 }, // UTF-16 code-unit order
  JSON.parse('{"__proto__": {"x": 1}, "constructor": 2}'),
  { skip: undefined, keep: 1 },
  { list: [-0, 0, -1.25, 9007199254740993] },
];
const jsonArbitrary = fc.jsonValue({ maxDepth: 4 });
const withIntegerKeys = fc.dictionary(fc.oneof(fc.nat(30).map(String), fc.string({ maxLength: 3 })), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });

describe('canonical JSON: old and new agree byte for byte', () => {
  it('canonicalJson (content, inputs and audit payload hashes) on edge cases and random JSON', () => {
    for (const value of edgeCases) expect(canonicalJson(value)).toBe(oldCanonicalJson(value));
    fc.assert(fc.property(fc.oneof(jsonArbitrary, withIntegerKeys), (value) => canonicalJson(value) === oldCanonicalJson(value)), { numRuns: 2000 });
  });

  it('canonicalJson still refuses, as before, what JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [undefined, [1, undefined], { f: () => 1 }, { x: Number.NaN }, [Infinity], { n: 1n }, { d: new Date(0) }, new Map(), cyclic, { toJSON: () => 1 }]) {
      expect(() => oldCanonicalJson(bad)).toThrow();
      expect(() => canonicalJson(bad)).toThrow(/Not canonical JSON/);
    }
  });

  it('stringifyCanonical (results hashes) equals the old sortedJson, including values JSON.stringify converts', () => {
    const converted = [{ when: new Date(0), nan: Number.NaN, inf: -Infinity, holes: [1, undefined, 3], fn: () => 1 }, { '3': [Number.NaN], a: { toJSON: () => ({ z: 1, y: 2 }) } }];
    for (const value of [...edgeCases, ...converted]) expect(stringifyCanonical(value)).toBe(oldSortedJson(value));
    fc.assert(fc.property(fc.oneof(jsonArbitrary, withIntegerKeys), (value) => stringifyCanonical(value) === oldSortedJson(value)), { numRuns: 2000 });
  });

  it('stringifyCanonical equals the studio\'s old canonical except that integer-like keys are now sorted too', () => {
    const hasIntegerKey = (v: unknown): boolean =>
      typeof v === 'object' && v !== null && (Array.isArray(v) ? v.some(hasIntegerKey) : Object.entries(v).some(([k, x]) => /^(?:0|[1-9]\d*)$/.test(k) || hasIntegerKey(x)));
    fc.assert(fc.property(jsonArbitrary.filter((v) => !hasIntegerKey(v)), (value) => stringifyCanonical(value) === oldStudioCanonical(value)), { numRuns: 2000 });
    expect(oldStudioCanonical({ b: 1, '10': 2, '9': 3 })).toBe('{"9":3,"10":2,"b":1}'); // the old bug: numeric order first
    expect(stringifyCanonical({ b: 1, '10': 2, '9': 3 })).toBe('{"10":2,"9":3,"b":1}');
    expect(stringifyCanonical(undefined)).toBe(oldStudioCanonical(undefined));
  });

  it('ruleCacheKey is the old rule-literal text, -0 kept apart from 0', () => {
    for (const value of edgeCases) expect(ruleCacheKey(value)).toBe(oldLiteralCanonical(value));
    fc.assert(fc.property(fc.oneof(jsonArbitrary, withIntegerKeys), (value) => ruleCacheKey(value) === oldLiteralCanonical(value)), { numRuns: 1000 });
    expect(ruleCacheKey({ '-': [-0] })).toBe('{"-":[-0]}');
    expect(canonicalJson({ '-': [-0] })).toBe('{"-":[0]}');
  });
});

describe('SHA-256: old and new agree', () => {
  const texts = ['', 'abc', '{"a":1}', '客服部季度考核 😀', 'x'.repeat(100_000)];

  it('matches the FIPS 180-2 "abc" vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the old node:crypto tagged hashes and the old audit hex digests, with the pure and the native digest', () => {
    for (const text of texts) {
      expect(sha256Tagged(text)).toBe(oldNodeTagged(text));
      expect(sha256Hex(text)).toBe(oldNobleHex(text));
    }
    useNativeSha256((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
    for (const text of texts) {
      expect(sha256Tagged(text)).toBe(oldNodeTagged(text));
      expect(sha256Hex(text)).toBe(oldNobleHex(text));
    }
    useNativeSha256(oldNobleHex);
  });

  it('contentHash is the old server contentHash and hashScheme: tagged hash of the canonical text', () => {
    for (const value of edgeCases.filter((v) => v !== undefined)) expect(contentHash(value)).toBe(oldNodeTagged(oldCanonicalJson(value)));
  });
});
