/**
 * Analysis findings in every language (`rules/2-analyze/wording.ts`): each code and variant is
 * worded in English and Chinese from its args, stored sample findings keep their English text,
 * lists stay lists, and a finding without a known code or a needed arg keeps its own message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, finding, type FindingArgs, type FindingCode } from '../../../rules/2-analyze/codes.ts';
import type { Finding } from '../../../rules/2-analyze/types.ts';
import { FINDING_MESSAGES, findingMessage } from '../../../rules/2-analyze/wording.ts';

const root = new URL('./samples/', import.meta.url);
const sampleFindings: Finding[] = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => JSON.parse(readFileSync(new URL(`${d.name}/findings.json`, root), 'utf8')) as Finding[]);

const om = { owner: 'Indicator "x" score rule', message: 'Something is wrong.' };
/** Args for every code, with the variants the wording depends on. */
const CASES: { [C in FindingCode]: Array<FindingArgs<C>> } = {
  weights_not_100: [{ row: {}, sum: 90 }, { row: { position: 'p' }, sum: 90 }, { row: {}, dimension: 'd', sum: 90 }, { row: { position: 'p' }, dimension: 'd', sum: 110 }],
  dimension_weights_not_100: [{ row: {}, sum: 90 }, { row: { position: 'p' }, sum: 90 }],
  derived_weights_not_100: [{ derived: 'total2', sum: 95 }],
  unknown_weight_indicator: [{ row: {}, key: 'k' }, { row: { position: 'p' }, key: 'k' }],
  unknown_weight_dimension: [{ row: {}, key: 'k' }, { row: { position: 'p' }, key: 'k' }, { derived: 'dv', key: 'k' }],
  unknown_dimension: [{ indicator: 'i', dimension: 'd' }],
  missing_dimension: [{ indicator: 'i' }],
  missing_dimension_weight: [{ row: {}, dimension: 'd' }, { row: { position: 'p' }, dimension: 'd' }],
  default_row_empty: [{}],
  band_gap: [{ what: 'totals', noun: 'band', range: 'at 50' }, { where: 'W', what: 'values', noun: 'band row', range: 'at 50' }],
  band_gap_fallback: [{ what: 'values', noun: 'band row', range: 'at 50' }, { where: 'W', what: 'values', noun: 'band row', range: 'at 50' }],
  band_overlap: [
    { nouns: 'bands', names: ['"A"', '"B"'], range: 'at 90', point: true },
    { where: 'W', nouns: 'band rows', names: ['1', '2', '3'], range: 'from 1 to 2', point: false },
    { nouns: 'bands', names: ['"A"', '"B"', '"C"'], range: 'at 90', point: true },
  ],
  band_inverted: [{ name: 'band "A"', min: 5, max: 1 }, { where: 'W', name: 'band row 2', min: 5, max: 5 }],
  band_row_invalid: [{ where: 'W', row: 2, problem: 'has no value' }],
  band_table_unchecked: [{ rows: 900, max: 500 }, { where: 'W', rows: 900, max: 500 }],
  undeclared_grade: [{ subject: 'Adjustment "veto" forces grade', grade: 'E' }],
  quota_shares_not_1: [{ sum: 0.9 }],
  quota_mixed: [{ grade: 'A' }],
  quota_wrong_mode: [{ grade: 'A', field: 'share', mode: 'limits' }, { grade: 'A', field: 'min', mode: 'exact' }],
  quota_min_above_max: [{ grade: 'A', min: 0.3, max: 0.2 }],
  quota_infeasible: [{ reason: 'the minimums add up to more than everyone' }],
  unknown_reference: [{ owner: 'Indicator "x" score rule', path: 'inputs.y', why: 'which is not a declared input' }],
  self_reference: [{ indicator: 'x' }],
  dynamic_var: [{ owner: 'Indicator "x" score rule' }],
  unknown_operator: [om],
  bad_arity: [om],
  too_deep: [om],
  too_many_nodes: [om],
  string_too_long: [om],
  array_too_long: [om],
  forbidden_path: [om],
  not_json: [om],
  indicator_cycle: [{ cycle: ['a', 'b', 'a'] }],
  polarity_mismatch: [
    { indicator: 'x', polarity: 'lower-better', input: 'x', from: 0, to: 100, scoreFrom: 0, scoreTo: 100 },
    { indicator: 'x', polarity: 'higher-better', input: 'x', from: 0, to: 100, scoreFrom: 100, scoreTo: 0 },
  ],
  count_unit_decimals: [{ input: 'x', unit: '次', problem: 'allows decimals' }],
  percent_unit_range: [{ input: 'x', maximum: 5000 }],
  unit_polarity_suspect: [{ indicator: 'x', title: '差错', unit: '元' }],
  param_unfilled: [{ param: 't', template: true }, { param: 't', template: false }],
  param_type_mismatch: [{ param: 't', declared: 'number', actual: 'a string' }],
  unused_param: [{ param: 't' }],
  unused_input: [{ input: 'x' }],
  unused_population_value: [{ key: 'avg' }],
  kpi_count_advice: [{ row: {}, count: 1 }, { row: { position: 'p' }, count: 12 }],
  weight_below_5: [{ row: {}, indicator: 'x', weight: 2 }, { row: { position: 'p' }, indicator: 'x', weight: 3 }],
  indicator_missing_unit: [{ indicator: 'x' }],
  indicator_missing_polarity: [{ indicator: 'x' }],
  duplicate_key: [{ what: 'indicator', key: 'k', first: '/indicators/0', again: '/indicators/4' }],
  rater_weights_not_100: [{ sum: 90 }],
  raters_missing: [{ input: 'x' }],
  raters_unused: [{}],
  population_missing_field: [{ key: 'rank', kind: 'rank-linear', fields: ['best'] }, { key: 'rank', kind: 'rank-linear', fields: ['best', 'worst'] }],
};
const built = (Object.keys(CASES) as FindingCode[]).flatMap((code) =>
  (CASES[code] as Array<FindingArgs<typeof code>>).map((args) => finding(code, '/x', args as never)),
);

describe('finding messages', () => {
  it('words every code and variant in both languages from its args, leaving no placeholder', () => {
    expect(new Set(built.map((f) => f.code)).size).toBe(Object.keys(CATALOGUE).length);
    for (const f of built) {
      expect(f.message).not.toMatch(/undefined|\{\w+\}|\[object/);
      expect(findingMessage(f, 'zh-CN')).not.toBe(f.message);
      expect(findingMessage(f, 'zh-CN')).not.toMatch(/undefined|\{\w+\}|\[object/);
    }
  });

  it('keeps list args as lists, so a name containing ", " or braces is not split or filled', () => {
    const f = finding('population_missing_field', '/population/values/0', { key: 'rank', kind: 'rank-linear', fields: ['best, worst', '{sum}'] });
    expect(f.args?.fields).toEqual(['best, worst', '{sum}']);
    expect(f.message).toBe('Population value "rank" (rank-linear) needs "best, worst" and "{sum}".');
    expect(findingMessage(f, 'zh-CN')).toBe('群体统计值“rank”（rank-linear）缺少字段：“best, worst”、“{sum}”。');
    const cycle = finding('indicator_cycle', '/indicators', { cycle: ['a', 'b', 'a'] });
    expect(cycle.message).toBe('Indicators form a cycle: a → b → a.');
  });

  it('has an entry for every finding code in both languages', () => {
    for (const catalogue of Object.values(FINDING_MESSAGES)) expect(Object.keys(catalogue).sort()).toEqual(Object.keys(CATALOGUE).sort());
  });

  it('renders a finding in Chinese with its args', () => {
    const f = finding('weights_not_100', '/weights/positions/驾驶员/indicators', { row: { position: '驾驶员' }, sum: 90 });
    expect(findingMessage(f, 'zh-CN')).toBe('岗位“驾驶员”的权重合计为 90，应为 100。');
    expect(findingMessage(finding('weights_not_100', '/weights/default/indicators', { row: {}, sum: 80 }), 'zh-CN')).toBe('默认权重合计为 80，应为 100。');
    expect(findingMessage(f, 'en')).toBe('Weights for position "驾驶员" sum to 90, not 100.');
  });

  it('words every sample finding in English exactly as the analyzer does, and in Chinese from its args', () => {
    expect(sampleFindings.length).toBeGreaterThan(10);
    for (const f of sampleFindings) {
      expect(findingMessage(f, 'en')).toBe(f.message);
      const zh = findingMessage(f, 'zh-CN');
      expect(zh).not.toBe(f.message);
      expect(zh).not.toMatch(/undefined|\{\w+\}/);
    }
  });

  it('falls back to the finding message for an unknown code, missing args or a missing arg', () => {
    const base = { severity: 'error', pointer: '/x', path: 'x', message: 'As sent.' } as const;
    expect(findingMessage({ ...base, code: 'invalid_type', args: {} }, 'zh-CN')).toBe('As sent.');
    expect(findingMessage({ ...base, code: 'weights_not_100' }, 'zh-CN')).toBe('As sent.');
    expect(findingMessage({ ...base, code: 'weights_not_100', args: { position: 'driver' } }, 'zh-CN')).toBe('As sent.');
    expect(findingMessage({ ...base, code: 'constructor', args: {} }, 'zh-CN')).toBe('As sent.');
  });
});
