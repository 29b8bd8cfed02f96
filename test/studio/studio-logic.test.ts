/**
 * The studio's pure helpers, in Node: rule patterns (a form shows a rule only when it
 * regenerates it exactly), file decoding (UTF-8 with or without BOM, GBK/GB18030), CSV
 * reading and writing, quota head counts and the navigation's active section.
 */
import { describe, expect, it } from 'vitest';
import { templates } from '../../rules/templates/index.ts';
import { compileLogic } from '../../rules/logic/index.ts';
import { PATTERNS, bandRowJson, canonical, generate, initialState, recognize, upsertRankLinear } from '../../studio/src/lib/rule-patterns.ts';
import { decodeText, parseCsv, toCsv } from '../../studio/src/lib/csv.ts';
import { allowedCounts } from '../../studio/src/lib/quotas.ts';

describe('rule patterns', () => {
  it.each(PATTERNS)('%s: the starting form generates a valid rule that reads back as the same pattern', (pattern) => {
    const state = initialState(pattern, { var: 'inputs.x' });
    const rule = generate(state);
    expect(() => compileLogic(rule)).not.toThrow();
    // A rank-linear rule reads a population value: it is recognised with the scheme that defines it.
    const doc = {};
    if (state.pattern === 'rank-linear') upsertRankLinear(doc, state);
    expect(recognize(rule, doc)).toEqual(state);
  });

  it('recognises every template rule it can regenerate exactly, and nothing else', () => {
    let recognised = 0;
    let total = 0;
    for (const t of templates) {
      for (const indicator of t.scheme.indicators) {
        total++;
        const state = recognize(indicator.score);
        if (state) {
          recognised++;
          expect(canonical(generate(state))).toBe(canonical(indicator.score));
        }
      }
    }
    const patternsOf = (key: string) => templates.find((t) => t.key === key)!.scheme.indicators.map((i) => recognize(i.score)?.pattern ?? 'raw');
    // The property-services template is written entirely in patterns.
    expect(patternsOf('property-services')).toEqual(['step-deduction', 'band', 'direct', 'per-occurrence', 'per-occurrence']);
    expect(patternsOf('operations-bsc').slice(0, 4)).toEqual(['ratio', 'ratio', 'raw', 'direct']);
    // The KPI library's 优秀/良好/尚可/一般 lines are threshold ladders on parameters.
    expect(new Set(patternsOf('kpi-library-hr-admin'))).toContain('ladder');
    expect(recognised / total).toBeGreaterThan(0.5);
  });

  it('scores as written: step deduction, per occurrence with floor, capped bonus, band edges, rating', () => {
    const step = compileLogic(generate({ pattern: 'step-deduction', direction: 'below', actual: { var: 'inputs.rate' }, target: { kind: 'number', value: 95 }, full: 100, step: 1, points: { kind: 'number', value: 5 }, floor: 0, rounding: 'floor' }));
    expect(step({ inputs: { rate: 90 } })).toBe(75); // 94.7% of target: 5 whole points below → 5 × 5
    expect(step({ inputs: { rate: 99 } })).toBe(100); // above target counts as 100%
    const perOccurrence = compileLogic(generate({ pattern: 'per-occurrence', count: { var: 'inputs.n' }, points: { kind: 'number', value: 30 }, full: 100, floor: 10 }));
    expect(perOccurrence({ inputs: { n: 5 } })).toBe(10);
    const bonus = compileLogic(generate({ pattern: 'capped-bonus', count: { var: 'inputs.n' }, points: { kind: 'number', value: 2 }, cap: { kind: 'number', value: 10 }, base: 0 }));
    expect(bonus({ inputs: { n: 7 } })).toBe(10);
    const band = compileLogic(
      generate({
        pattern: 'band',
        x: { var: 'inputs.m' },
        rows: [
          { min: null, includeMin: true, max: 15, includeMax: true, value: 100 },
          { min: 15, includeMin: false, max: null, includeMax: false, value: 50 },
        ],
        fallback: 0,
      }),
    );
    expect([band({ inputs: { m: 15 } }), band({ inputs: { m: 15.01 } })]).toEqual([100, 50]);
    const rating = compileLogic(generate({ pattern: 'rating', x: { var: 'inputs.r' }, table: [{ point: 1, score: 0 }, { point: 2, score: 60 }, { point: 3, score: 100 }], fallback: null }));
    expect([rating({ inputs: { r: 2 } }), rating({ inputs: { r: 4 } })]).toEqual([60, null]);
  });

  it('writes both edges of a band explicitly, and an open row with min: null', () => {
    expect(bandRowJson({ min: 80, includeMin: true, max: 90, includeMax: false, value: 80 })).toEqual({ min: 80, includeMin: true, max: 90, includeMax: false, value: 80 });
    expect(bandRowJson({ min: null, includeMin: true, max: null, includeMax: false, value: 1 })).toEqual({ min: null, value: 1 });
  });

  it('leaves a rule it cannot regenerate exactly to the raw editor', () => {
    expect(recognize({ max: [0, { '-': [100, { '*': [{ var: 'inputs.n' }, 5] }] }] })).toBeNull(); // count × points, reversed
    expect(recognize({ if: [{ var: 'inputs.x' }, 1, 0] })).toBeNull();
  });
});

describe('files', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('decodes UTF-8 with and without a byte-order mark, and falls back to GB18030', () => {
    expect(decodeText(utf8('employee,备注\r\n'))).toEqual({ text: 'employee,备注\r\n', encoding: 'utf-8' });
    expect(decodeText(utf8('\ufeffemployee\r\n'))).toEqual({ text: 'employee\r\n', encoding: 'utf-8-bom' });
    // 不适用 in GBK
    expect(decodeText(new Uint8Array([0x61, 0x2c, 0xb2, 0xbb, 0xca, 0xca, 0xd3, 0xc3]))).toEqual({ text: 'a,不适用', encoding: 'gb18030' });
  });

  it('reads and writes CSV with quotes, commas and line breaks', () => {
    const rows = [['employee', 'note'], ['CS01', 'a, "b"\nc'], ['CS02', '']];
    const text = toCsv(rows);
    expect(text).toBe('employee,note\r\nCS01,"a, ""b""\nc"\r\nCS02,\r\n');
    expect(parseCsv(text)).toEqual(rows);
    expect(parseCsv('a,b\nc,d', 1)).toEqual([['a', 'b']]);
  });

  it('writes downloads with formula-looking text neutralised and numbers numeric, and .xlsx uploads converted for the import unchanged', () => {
    // The results export: rank, code, name, department, position, total, grade, status.
    const rows = [[1, 'E01', '=HYPERLINK("http://127.0.0.1:9/","Click me")', '@SUM(A1)', '-1+2', -3.5, 'A', 'ok']];
    expect(toCsv(rows)).toBe(`1,E01,"'=HYPERLINK(""http://127.0.0.1:9/"",""Click me"")",'@SUM(A1),'-1+2,-3.5,A,ok\r\n`);
    expect(toCsv([['=1+1', '-5', new Date('2026-09-30T00:00:00Z')]], { spreadsheetSafe: false })).toBe('=1+1,-5,2026-09-30\r\n');
  });
});

describe('quota head counts', () => {
  it('rounds as the scheme says and skips small groups', () => {
    expect(allowedCounts({ quotas: { A: { max: 0.2 } }, rounding: 'floor' }, 18)).toEqual({ A: { max: 3 } });
    expect(allowedCounts({ mode: 'exact', quotas: { A: { share: 0.1 } }, rounding: 'half-up' }, 15)).toEqual({ A: { min: 2, max: 2 } });
    expect(allowedCounts({ quotas: { A: { max: 0.2 } }, minPopulation: 5 }, 4)).toEqual({});
  });
});
