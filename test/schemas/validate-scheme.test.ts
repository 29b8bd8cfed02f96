/**
 * The scheme validator is compiled ahead of time (schemas/generate-validator.ts). These cases pin
 * the exact issues `checkScheme` reported while ajv still compiled at run time (worked out from the
 * schema by hand and confirmed on commit 8c3dfc5), so the switch cannot change what a user reads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScheme } from '../../rules/index.ts';

const valid = () => ({
  key: 'base',
  title: 'Base',
  period: 'month',
  inputs: { sales: { type: 'number', minimum: 0 } },
  indicators: [{ key: 'sales', title: 'Sales', score: { var: 'inputs.sales' } }],
  weights: { default: { indicators: { sales: 100 } } },
  grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 60 }, { grade: 'B', max: 60 }] },
});

const issuesOf = (doc: unknown) => {
  const r = checkScheme(doc);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
};

describe('the ahead-of-time scheme validator', () => {
  it('accepts a valid document', () => {
    expect(checkScheme(valid()).ok).toBe(true);
  });

  it('lists every missing top-level field of a bare object, in schema order', () => {
    expect(issuesOf({ key: 'x' })).toEqual(
      ['title', 'period', 'inputs', 'indicators', 'weights', 'grading'].map((f) => ({ pointer: `/${f}`, path: f, keyword: 'required', message: 'is required' })),
    );
  });

  it('names an unknown field, a wrong enum and a weight above 100', () => {
    const doc: Record<string, unknown> = valid();
    doc.period = 'decade';
    doc.extra = 1;
    (doc.weights as { default: { indicators: Record<string, number> } }).default.indicators.sales = 120;
    const issues = issuesOf(doc);
    expect(issues).toContainEqual({ pointer: '', path: '(document)', keyword: 'additionalProperties', message: 'has an unknown field "extra"' });
    expect(issues).toContainEqual({ pointer: '/weights/default/indicators/sales', path: 'weights.default.indicators.sales', keyword: 'maximum', message: 'must be <= 100' });
    const period = issues.find((i) => i.pointer === '/period');
    expect(period?.keyword).toBe('enum');
    expect(period?.message.startsWith('must be one of: "week", "month"')).toBe(true);
    expect(issues).toHaveLength(3);
  });

  it('reads grading with neither bands nor rule as one oneOf issue', () => {
    const doc = valid();
    delete (doc.grading as { bands?: unknown }).bands;
    expect(issuesOf(doc)).toEqual([
      { pointer: '/grading', path: 'grading', keyword: 'oneOf', message: 'must match exactly one of the allowed forms (for grading: either bands or rule)' },
    ]);
  });

  it('rejects a key with a space and an empty title at their paths', () => {
    const doc = valid();
    doc.indicators[0].key = 'has space';
    doc.indicators[0].title = '';
    expect(issuesOf(doc)).toEqual([
      { pointer: '/indicators/0/key', path: 'indicators[0].key', keyword: 'pattern', message: 'is not a valid key (letters, digits, _ and -, no dots or spaces)' },
      { pointer: '/indicators/0/title', path: 'indicators[0].title', keyword: 'minLength', message: 'must not be empty' },
    ]);
  });

  it('counts characters, not UTF-16 units, for length limits (the runtime helper is loaded)', () => {
    // "😀" is two UTF-16 units but one character, so a one-emoji title is not empty and is valid.
    const doc = valid();
    doc.title = '😀';
    expect(checkScheme(doc).ok).toBe(true);
  });

  it('refuses __proto__ as an input key', () => {
    const doc: Record<string, unknown> = valid();
    doc.inputs = JSON.parse('{"__proto__": {"type": "number"}}');
    expect(issuesOf(doc).some((i) => i.pointer === '/inputs' && i.message === 'has an invalid key "__proto__"')).toBe(true);
  });

  it('measures JSON text in UTF-8 bytes against the 2 MB limit, as the server measures stored documents', () => {
    // 700,000 Chinese characters: 2.1 MB in UTF-8 though only 0.7 M UTF-16 units.
    const text = JSON.stringify({ ...valid(), description: '效'.repeat(700_000) });
    const r = checkScheme(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ pointer: '', path: '(document)', keyword: 'maxLength', message: 'the document is larger than 2000000 bytes' }]);
    // 600,000 of them (1.8 MB) are within the limit and reach the schema check (description: at most 5000 characters).
    const within = checkScheme(JSON.stringify({ ...valid(), description: '效'.repeat(600_000) }));
    expect(within.ok ? [] : within.issues).toEqual([{ pointer: '/description', path: 'description', keyword: 'maxLength', message: 'must be at most 5000 characters' }]);
  });

  it('is plain code: no new Function or eval that a strict CSP would block', () => {
    const source = readFileSync(new URL('../../schemas/generated/validate-scheme.js', import.meta.url), 'utf8');
    expect(source).not.toMatch(/new Function|\beval\(|\brequire\(/);
  });
});
