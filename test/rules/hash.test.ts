import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { isYardstickError } from '../../rules/errors.ts';
import { canonicalJson, hashScheme } from '../../rules/hash.ts';

const scheme: Scheme = {
  key: 'cs-quarterly',
  title: '客服部季度考核',
  period: 'quarter',
  inputs: { complaints: { type: 'integer', minimum: 0, unit: '次' } },
  indicators: [{ key: 'complaints', title: '投诉次数', polarity: 'lower-better', score: { '-': [100, { '*': [5, { var: 'inputs.complaints' }] }] } }],
  weights: { default: { indicators: { complaints: 100 } } },
  grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 90 }, { grade: 'B', max: 90 }] },
};

function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isYardstickError(err) ? err.code : 'not a YardstickError';
  }
  return undefined;
}

describe('canonicalJson', () => {
  it('sorts keys recursively and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('prints numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 1.5e-7, 100])).toBe('[1e+21,0.1,0,1.5e-7,100]');
    expect(canonicalJson({ s: 'a"b\\c\n', z: '效率' })).toBe('{"s":"a\\"b\\\\c\\n","z":"效率"}');
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, 中: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"中":3}');
  });

  it('leaves out undefined object properties like JSON.stringify', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it.each([
    ['undefined at the top', undefined],
    ['undefined in an array', [1, undefined]],
    ['an array hole', [1, , 3]],
    ['a function', { f: () => 1 }],
    ['NaN', { x: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a bigint', { n: 1n }],
    ['a symbol', [Symbol('s')]],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map()],
  ])('rejects %s', (_name, value) => {
    expect(errorCode(() => canonicalJson(value))).toBe('invalid_argument');
  });

  it('rejects cycles but accepts shared (acyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorCode(() => canonicalJson(cyclic))).toBe('invalid_argument');
  });

  it('names where the bad value is', () => {
    expect(() => canonicalJson({ a: [0, { b: Number.NaN }] })).toThrow('/a/1/b');
  });
});

describe('hashScheme', () => {
  it('matches a known vector: the hand-written canonical text hashed by node:crypto', () => {
    const tiny = {
      title: 'T',
      key: 'k',
      period: 'year',
      inputs: {},
      indicators: [{ score: 1, title: 'I', key: 'i' }],
      weights: { default: { indicators: { i: 100 } } },
      grading: { grades: [{ key: 'A' }], bands: [{ grade: 'A' }] },
    } satisfies Scheme;
    const text =
      '{"grading":{"bands":[{"grade":"A"}],"grades":[{"key":"A"}]},"indicators":[{"key":"i","score":1,"title":"I"}],' +
      '"inputs":{},"key":"k","period":"year","title":"T","weights":{"default":{"indicators":{"i":100}}}}';
    expect(canonicalJson(tiny)).toBe(text);
    expect(hashScheme(tiny)).toBe(`sha256:${nodeSha256(text)}`);
  });

  it('is sha256 of the UTF-8 canonical JSON, also with Chinese text', () => {
    const hash = hashScheme(scheme);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hash).toBe(`sha256:${nodeSha256(canonicalJson(scheme))}`);
    expect(canonicalJson(scheme)).toContain('"title":"客服部季度考核"');
  });

  it('does not depend on key order or formatting', () => {
    const reordered = JSON.parse(JSON.stringify({ ...scheme, grading: scheme.grading, key: scheme.key }, null, 2)) as Scheme;
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as Scheme;
    expect(hashScheme(shuffled)).toBe(hashScheme(scheme));
  });

  it('changes when any value changes', () => {
    expect(hashScheme({ ...scheme, title: '客服部季度考核 ' })).not.toBe(hashScheme(scheme));
  });
});
