/**
 * Result texts in the studio's languages (`studio/src/i18n/explanations.ts`), in Node: the
 * English catalogue words every message exactly as the engine does (so the two cannot drift),
 * the Chinese one words it from the args, and a text without a usable message is shown as stored.
 */
import { describe, expect, it } from 'vitest';
import { compileScheme, evaluateEmployee, evaluatePopulation, parseScheme } from '../../rules/index.ts';
import { ENGLISH, englishText, say, type MessageArgsByCode, type MessageCode } from '../../rules/4-evaluate/messages.ts';
import type { Message } from '../../rules/4-evaluate/result.ts';
import { EXPLANATIONS, explain, explainAll } from '../../studio/src/i18n/explanations.ts';

const m = (code: MessageCode, args: Record<string, unknown> = {}) => say(code as 'param_blank', args as MessageArgsByCode['param_blank']);
const short = m('rater_group_short', { group: 'peer', count: 1, minimum: 3 });
/** Deciding steps of a score: a formula (no step code) and a worded one. */
const formulaStep = m('trace_step', { text: 'max(0, 80) = 80' });
const aboveLast = m('trace_step', { text: '130 is above the last point [120,100] → 100', step: 'interpolate.above_last', value: '130', point: '[120,100]', result: '100' });

/** Args for every code, with the variants the wording depends on. */
const CASES: { [C in MessageCode]: Array<MessageArgsByCode[C]> } = {
  score: [
    { score: 80 },
    { score: 86.00000000000001, values: 'inputs.x = 2, params.t = 90' },
    // as stored before the steps were messages
    { score: 0, values: 'inputs.complaints = 12', steps: 'max(0, -20) = 0' },
    { score: 100, values: 'inputs.completion = 130', steps: [aboveLast, formulaStep] },
  ],
  trace_step: [
    { text: '3.5 in steps of 1 (floor) = 3', step: 'steps', amount: '3.5', size: '1', mode: 'floor', value: '3' },
    { text: '"A" is not in the table → fallback 0', step: 'lookup.missing', key: '"A"', fallback: '0' },
  ],
  not_assessed: [{ position: 'driver' }, { position: 'default' }],
  rule_invalid: [{ reason: 'indicator "a" depends on itself through a cycle of references' }],
  rule_error: [{ reason: 'The rule took too many steps.' }],
  rule_failed: [{ reason: 'x is not a function' }],
  division_by_zero: [{}],
  division_by_zero_no_fallback: [{}],
  not_usable_number: [{ value: 'Infinity' }],
  not_a_number: [{ value: '"ab"' }, {}],
  param_blank: [{ param: 'target' }],
  dependency_unscored: [{ indicator: 'sales', because: [m('input_missing', { input: 'sales' })] }],
  population_missing: [{ key: 'avg' }],
  problems: [{ problems: [m('param_blank', { param: 't' }), m('input_missing', { input: 'x' })] }],
  input_missing: [{ input: 'x' }],
  input_not_number: [{ input: 'x', value: '"high"' }],
  input_not_integer: [{ input: 'x', value: '2.5' }],
  input_below_minimum: [{ input: 'x', value: '-1', minimum: '0' }],
  input_above_maximum: [{ input: 'x', value: '120', maximum: '100' }],
  input_not_on_scale: [{ input: 'x', value: '2', points: '1, 3, 5' }],
  input_not_boolean: [{ input: 'x', value: '"yes"' }],
  input_not_option: [{ input: 'x', value: '"C"', options: '"A", "B"' }],
  input_not_text: [{ input: 'x' }],
  ratings_need_groups: [{ input: 'x', groups: 'supervisor, peer' }],
  ratings_unknown_group: [{ input: 'x', group: 'boss' }],
  ratings_too_few: [{ input: 'x', group: 'peer', count: 1, minimum: 3 }],
  ratings_too_few_no_peer_mean: [{ input: 'x', group: 'peer', count: 0, minimum: 3 }],
  ratings_no_group: [{ input: 'x' }, { input: 'x', short: [short] }],
  rater_group_short: [{ group: 'peer', count: 1, minimum: 3 }],
  input_default: [{ input: 'x', value: '0' }],
  input_aggregated: [
    { input: 'x', parts: [m('rater_mean', { group: 'supervisor', mean: 8, count: 1, share: 50 }), m('rater_peer_mean', { group: 'peer', mean: 7.5, share: 50 })], value: 7.75 },
    { input: 'x', parts: [m('rater_mean', { group: 'self', mean: 9.5, count: 2, share: 100 })], value: 9.5, short: [short] },
  ],
  rater_mean: [{ group: 'peer', mean: 8, count: 1, share: 30 }, { group: 'peer', mean: 8.333333333, count: 3, share: 71.428571 }],
  rater_peer_mean: [{ group: 'peer', mean: 8, share: 30 }],
  no_derived_score: [{ derived: 'promotion', dimensions: 'behaviour', position: 'default' }, { derived: 'p', dimensions: 'a, b', position: 'driver' }],
  no_total: [{ count: 2, indicators: [m('unscored_indicator', { indicator: 'a', status: 'missing-input' }), m('unscored_indicator', { indicator: 'b', status: 'error' })] }],
  unscored_indicator: [{ indicator: 'a', status: 'missing-param' }],
  no_grade_rule_invalid: [{ reason: 'Unknown operator "x".' }],
  no_grade_rule_failed: [{ reason: 'boom' }],
  no_grade_not_declared: [{ value: '"X"' }],
  no_grade_no_band: [{ total: 55.5 }],
  condition_not_met: [{}],
  not_applied: [{ reason: 'Unknown operator "no_such_op".' }],
  points_not_a_number: [{ value: '"a"' }],
  points: [
    { adjustment: 'Innovation', kind: 'bonus', points: 10, uncapped: 14, cap: 10 },
    { adjustment: 'late', kind: 'deduction', points: 1.5 },
  ],
  no_grade_to_move: [{}],
  grade_fixed_by_veto: [{}],
  grade_changed: [
    { adjustment: 'Violation', kind: 'veto', from: 'A', to: 'D' },
    { adjustment: 'bump', kind: 'grade-bump', to: 'B' },
  ],
  within_quota: [{}],
  exact_share: [
    { rank: 1, size: 5, grade: 'A', count: 1, percent: 20 },
    { rank: 2, size: 5, grade: 'B', count: 4, percent: 80, bandGrade: 'A' },
  ],
  over_limit: [{ grade: 'A', percent: 20, size: 10, limit: 2, rank: 3, among: 4, to: 'B' }],
  group_over_limit: [{ grades: 'A+B', percent: 30, size: 10, limit: 3, from: 'B', to: 'C' }],
  below_minimum: [{ grade: 'E', percent: 20, size: 10, need: 2, rank: 10, from: 'D' }],
  vetoed_outside_distribution: [{ count: 1 }],
  not_forced: [{ size: 2, minimum: 5 }],
  lowest_grade_over_limit: [{ grade: 'E' }],
  population_too_few: [{ count: 2, scope: 'group', group: 'g', minimum: 3 }],
  population_rank: [{ kind: 'rank-linear', source: 'inputs.sat', count: 5, scope: 'department', group: 'D01' }],
  population_statistic: [
    { kind: 'top-share-min', source: 'inputs.sat', count: 20, scope: 'group', group: 'one', value: 98, share: 10, order: 'higher-better' },
    { kind: 'top-share-min', source: 'inputs.sat', count: 20, scope: 'group', group: 'one', value: 3, share: 10, order: 'lower-better' },
    { kind: 'percentile', source: 'inputs.sat', count: 5, scope: 'all', group: 'all', value: 86, percentile: 90 },
    { kind: 'mean', source: 'inputs.sat', count: 0, scope: 'all', group: 'all' },
  ],
};
const built: Message[] = (Object.keys(CASES) as MessageCode[]).flatMap((code) => (CASES[code] as Array<Record<string, unknown>>).map((args) => m(code, args)));

/** Messages of real evaluations, as stored: through JSON. */
function evaluated(): Array<{ text: string; message: Message }> {
  const scheme = parseScheme({
    key: 's',
    title: 'S',
    period: 'year',
    inputs: { sales: { type: 'number', minimum: 0 }, complaints: { type: 'integer', minimum: 0 }, bonus: { type: 'integer', default: 0 } },
    params: { target: { type: 'number', value: 100 } },
    indicators: [
      { key: 'sales', title: 'Sales', score: { min: [120, { '*': [100, { '/': [{ var: 'inputs.sales' }, { var: 'params.target' }] }] }] } },
      { key: 'complaints', title: 'Complaints', score: { max: [0, { '-': [100, { '*': [10, { var: 'inputs.complaints' }] }] }] } },
    ],
    weights: { default: { indicators: { sales: 70, complaints: 30 } }, positions: { clerk: { indicators: { complaints: 100 } } } },
    adjustments: [{ key: 'award', title: 'Award', kind: 'bonus', points: { '*': [3, { var: 'inputs.bonus' }] }, cap: 5 }],
    grading: { grades: [{ key: 'A' }, { key: 'B' }, { key: 'C' }], bands: [{ grade: 'A', min: 90 }, { grade: 'B', min: 70, max: 90 }, { grade: 'C', max: 70 }] },
    population: { distribution: { quotas: { A: { max: 0.34 } } } },
  });
  const rows = [
    { id: 'a', inputs: { sales: 130, complaints: 0, bonus: 2 } },
    { id: 'b', inputs: { sales: 101, complaints: 1 } },
    { id: 'c', inputs: { sales: 95.5, complaints: 0 } },
    { id: 'd', position: 'clerk', inputs: { complaints: 3 } },
    { id: 'e', inputs: { sales: 90 } },
    { id: 'f', inputs: { sales: -5, complaints: 1.5 } },
  ];
  const population = JSON.parse(JSON.stringify(evaluatePopulation(compileScheme(scheme), rows, { explain: true })));
  const single = JSON.parse(JSON.stringify(evaluateEmployee(compileScheme(scheme), rows[0])));
  const out: Array<{ text: string; message: Message }> = [];
  for (const e of [...population.employees, single]) {
    for (const i of e.indicators) out.push({ text: i.explanation, message: i.explanationMessage });
    for (const a of e.adjustments) out.push({ text: a.note, message: a.noteMessage });
    if (e.distribution) out.push({ text: e.distribution.reason, message: e.distribution.reasonMessage });
    e.notes.forEach((text: string, k: number) => out.push({ text, message: e.noteMessages[k] }));
  }
  for (const g of population.distribution) g.notes.forEach((text: string, k: number) => out.push({ text, message: g.noteMessages[k] }));
  return out;
}

describe('explanation messages', () => {
  it('has an entry for every message code in both languages', () => {
    for (const { messages } of Object.values(EXPLANATIONS)) expect(Object.keys(messages).sort()).toEqual(Object.keys(ENGLISH).sort());
    expect(new Set(built.map((b) => b.code)).size).toBe(Object.keys(ENGLISH).length);
  });

  it('words every code and variant in English exactly as the engine does, and in Chinese from its args', () => {
    for (const message of built) {
      const text = englishText(message);
      expect(explain(message, 'stored', 'en')).toBe(text);
      const zh = explain(message, 'stored', 'zh-CN');
      expect(zh).not.toBe('stored');
      expect(zh).not.toMatch(/undefined|\{\w+\}|NaN/);
      expect(zh).not.toBe(text);
    }
  });

  it('words the texts of real results (stored as JSON) in English exactly as stored', () => {
    const samples = evaluated();
    expect(new Set(samples.map((s) => s.message.code)).size).toBeGreaterThan(8);
    for (const { text, message } of samples) {
      expect(message, text).toBeDefined();
      expect(explain(message, '', 'en')).toBe(text);
      expect(explain(message, '', 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('words results in Chinese for HR readers', () => {
    expect(explain(m('score', { score: 80, values: 'inputs.complaints = 2', steps: 'max(0, 80) = 80' }), '', 'zh-CN')).toBe('80 分，依据 inputs.complaints = 2（max(0, 80) = 80）');
    expect(explain(m('score', { score: 86.00000000000001 }), '', 'zh-CN')).toBe('86 分');
    expect(explain(m('score', { score: 100, values: 'inputs.completion = 130', steps: [aboveLast] }), '', 'zh-CN')).toBe('100 分，依据 inputs.completion = 130（130 高于最后一个点 [120,100] → 100）');
    expect(explain(m('score', { score: 80, steps: [aboveLast, formulaStep] }), '', 'zh-CN')).toBe('80 分（130 高于最后一个点 [120,100] → 100；max(0, 80) = 80）');
    expect(explain(firstCase('trace_step'), '', 'zh-CN')).toBe('3.5 按每档 1 计（舍去）= 3');
    expect(explain(m('not_assessed', { position: '驾驶员' }), '', 'zh-CN')).toBe('岗位“驾驶员”不考核此项');
    expect(explain(m('param_blank', { param: 'p' }), '', 'zh-CN')).toBe('参数“p”尚未填写');
    expect(explain(firstCase('problems'), '', 'zh-CN')).toBe('参数“t”尚未填写；缺少输入项“x”');
    expect(explain(m('dependency_unscored', { indicator: 'j', because: [m('input_missing', { input: 'sales' })] }), '', 'zh-CN')).toBe('指标“j”没有得分（缺少输入项“sales”）');
    expect(explain(m('points', { adjustment: '创新', kind: 'bonus', points: 3, uncapped: 5, cap: 3 }), '', 'zh-CN')).toBe('创新：+3 分（计算为 5 分，上限 3 分）');
    expect(explain(m('grade_changed', { adjustment: '安全事故', kind: 'veto', from: 'B', to: 'C' }), '', 'zh-CN')).toBe('安全事故：等级 B → C（一票否决）');
    expect(explain(firstCase('no_total'), '', 'zh-CN')).toBe('无法计算总分：2 个指标没有得分：a（缺少输入）、b（规则错误）。');
    expect(explain(m('within_quota'), '', 'zh-CN')).toBe('在名额之内');
  });

  it('shows the stored text for an old result, an unknown code, or a missing or unusable arg', () => {
    expect(explain(undefined, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explain({ code: 'no_such_code', args: {} }, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explain({ code: 'constructor', args: {} }, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explain({ code: 'param_blank', args: {} }, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explain({ code: 'param_blank' }, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explain({ code: 'no_total', args: { count: 1, indicators: [{ code: 'gone', args: {} }] } }, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explain({ code: 'no_total', args: { count: 1, indicators: 'a' } }, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explain({ code: 'score', args: { score: 1, steps: [{ code: 'trace_step', args: { step: 'no.such.code' } }] } }, 'As stored.', 'zh-CN')).toBe('As stored.');
    expect(explainAll(['one', 'two'], undefined, 'zh-CN')).toEqual(['one', 'two']);
    expect(explainAll(['one', 'two'], [m('within_quota')], 'zh-CN')).toEqual(['one', 'two']);
    expect(explainAll(['within quota', 'two'], [m('within_quota'), { code: 'x', args: {} } as unknown as Message], 'zh-CN')).toEqual(['在名额之内', 'two']);
  });

  it('words each deciding step on its own, falling back to its English text', () => {
    const unknownStep = m('trace_step', { text: 'a step of a newer engine', step: 'no.such.code', x: '1' });
    const stepMissingArg = m('trace_step', { text: '130 is above the last point [120,100] → 100', step: 'interpolate.above_last', value: '130' });
    const score = m('score', { score: 100, steps: [aboveLast, unknownStep, stepMissingArg, formulaStep] });
    expect(explain(score, 'stored', 'zh-CN')).toBe('100 分（130 高于最后一个点 [120,100] → 100；a step of a newer engine；130 is above the last point [120,100] → 100；max(0, 80) = 80）');
    expect(explain(score, 'stored', 'en')).toBe(englishText(score));
    const braces = m('score', { score: 1, steps: [m('trace_step', { text: '"{score}" in the table → 1', step: 'lookup.found', key: '"{score}"', value: '1' })] });
    expect(explain(braces, '', 'en')).toBe('1 points ("{score}" in the table → 1)');
    expect(explain(braces, '', 'zh-CN')).toBe('1 分（“{score}” 在对照表中 → 1）');
  });

  it('keeps braces in nested texts as they are', () => {
    const nested = m('dependency_unscored', { indicator: 'j', because: [m('rule_invalid', { reason: 'bad {indicator} here' })] });
    expect(explain(nested, '', 'en')).toBe(englishText(nested));
    const parts = m('input_aggregated', { input: 'x', parts: [m('rater_mean', { group: '{input}', mean: 1, count: 1, share: 100 })], value: 1 });
    expect(explain(parts, '', 'en')).toBe(englishText(parts));
  });
});

/** The message of a code's first case. */
function firstCase(code: MessageCode): Message {
  return m(code, CASES[code][0] as Record<string, unknown>);
}
