/**
 * Result texts carry a message (code + args) next to their English wording, so the studio can
 * show them in Chinese. Small schemes produce each code; the tests check the code and the values
 * a reader would look for (indicator key, position, parameter, score, values used), and that the
 * English text is the message's English wording.
 */
import { describe, expect, it } from 'vitest';
import { compileScheme, evaluateEmployee, evaluatePopulation, parseScheme, type EmployeeResult, type PopulationResult } from '../../../rules/index.ts';
import { ENGLISH, englishText, type MessageCode } from '../../../rules/4-evaluate/messages.ts';
import type { Message } from '../../../rules/4-evaluate/result.ts';
import { baseScheme, scoreScheme, scored } from './build.ts';

type Doc = Record<string, unknown>;
const one = (scheme: ReturnType<typeof parseScheme>, inputs: Doc, extra: Doc = {}) => evaluateEmployee(compileScheme(scheme), { id: 'E1', inputs, ...extra });
const indicator = (r: EmployeeResult, key: string) => r.indicators.find((i) => i.key === key)!;
const noteMessage = (r: { notes: string[]; noteMessages?: Message[] }, code: MessageCode) => r.noteMessages!.find((m) => m.code === code);

/** Every text of a result with its message, nested messages included (as message only). */
function pairs(result: EmployeeResult | PopulationResult): Array<{ text: string; message: Message | undefined }> {
  const out: Array<{ text: string; message: Message | undefined }> = [];
  const employee = (e: EmployeeResult) => {
    for (const i of e.indicators) if (i.explanation) out.push({ text: i.explanation, message: i.explanationMessage });
    for (const a of e.adjustments) out.push({ text: a.note, message: a.noteMessage });
    if (e.distribution) out.push({ text: e.distribution.reason, message: e.distribution.reasonMessage });
    expect(e.noteMessages).toHaveLength(e.notes.length);
    e.notes.forEach((text, k) => out.push({ text, message: e.noteMessages![k] }));
  };
  if ('employees' in result) {
    result.employees.forEach(employee);
    for (const v of result.populationValues) out.push({ text: v.explanation, message: v.explanationMessage });
    for (const g of result.distribution) {
      expect(g.noteMessages).toHaveLength(g.notes.length);
      g.notes.forEach((text, k) => out.push({ text, message: g.noteMessages![k] }));
    }
  } else employee(result);
  return out;
}

/** Codes of messages and of the messages nested in their args. */
function codes(message: Message): MessageCode[] {
  return [message.code, ...Object.values(message.args).flatMap((v) => (Array.isArray(v) ? (v as Message[]).flatMap(codes) : []))];
}

const seen = new Set<MessageCode>();
/** Check that every text is its message's English wording, and remember the codes seen. */
function checked<R extends EmployeeResult | PopulationResult>(result: R): R {
  for (const { text, message } of pairs(result)) {
    expect(message, text).toBeDefined();
    expect(englishText(message!)).toBe(text);
    codes(message!).forEach((c) => seen.add(c));
  }
  return result;
}

describe('indicator explanation messages', () => {
  it('explains a score with the score, the values used and the deciding steps', () => {
    const r = checked(one(baseScheme(), { sales: 95, target: 100, complaints: 2 }));
    const c = indicator(r, 'complaints');
    expect(c.explanationMessage).toEqual({ code: 'score', args: { score: 80, values: 'inputs.complaints = 2', steps: [{ code: 'trace_step', args: { text: 'max(0, 80) = 80' } }] } });
    expect(c.explanation).toBe('80 points from inputs.complaints = 2 (max(0, 80) = 80)');
  });

  it('nests each deciding step as a message: its text, and its trace code and args when it has words', () => {
    const scheme = baseScheme({
      indicators: [
        { key: 'sales_ratio', title: 'Completion', score: { interpolate: [{ var: 'inputs.sales' }, [[60, 0], [120, 100]]] } },
        { key: 'complaints', title: 'C', score: { if: [{ '>': [{ var: 'inputs.complaints' }, 3] }, 0, { max: [0, { '-': [100, { var: 'inputs.complaints' }] }] }] } },
      ],
    });
    const r = checked(one(scheme, { sales: 130, target: 100, complaints: 2 }));
    expect(indicator(r, 'sales_ratio').explanationMessage?.args.steps).toEqual([
      { code: 'trace_step', args: { text: '130 is above the last point [120,100] → 100', step: 'interpolate.above_last', value: '130', point: '[120,100]', result: '100' } },
    ]);
    expect(indicator(r, 'sales_ratio').explanation).toBe('100 points from inputs.sales = 130 (130 is above the last point [120,100] → 100)');
    expect(indicator(r, 'complaints').explanationMessage?.args.steps).toEqual([
      { code: 'trace_step', args: { text: 'max(0, 98) = 98' } },
      { code: 'trace_step', args: { text: 'no condition is true: took the else branch', step: 'if.else' } },
    ]);
    expect(indicator(r, 'complaints').explanation).toBe('98 points from inputs.complaints = 2 (max(0, 98) = 98; no condition is true: took the else branch)');
  });

  it('shows the steps without binary float noise', () => {
    const scheme = baseScheme({ indicators: [{ key: 'sales_ratio', title: 'S', score: { max: [0, { '+': [{ var: 'inputs.sales' }, 0.2] }] } }, { key: 'complaints', title: 'C', score: 100 }] });
    const r = checked(one(scheme, { sales: 0.1 }));
    expect(indicator(r, 'sales_ratio').trace.map((s) => s.text)).toEqual(['inputs.sales = 0.1', '0.1 + 0.2 = 0.3', 'max(0, 0.3) = 0.3']);
    expect(indicator(r, 'sales_ratio').explanationMessage?.args.steps).toEqual([{ code: 'trace_step', args: { text: 'max(0, 0.3) = 0.3' } }]);
  });

  it('builds no message for ok scores in bulk runs, but does for scores that are missing', () => {
    const r = evaluatePopulation(compileScheme(baseScheme()), [{ id: 'a', inputs: { sales: 95, target: 100 } }], { explain: false }).employees[0];
    expect(indicator(r, 'sales_ratio')).toMatchObject({ status: 'ok', explanation: '' });
    expect(indicator(r, 'sales_ratio').explanationMessage).toBeUndefined();
    expect(indicator(r, 'complaints').explanationMessage).toEqual({ code: 'input_missing', args: { input: 'complaints' } });
  });

  it('says which position does not assess an indicator', () => {
    const scheme = baseScheme({ weights: { default: { indicators: { sales_ratio: 70, complaints: 30 } }, positions: { clerk: { indicators: { complaints: 100 } } } } });
    const r = checked(one(scheme, { sales: 1, target: 1, complaints: 0 }, { position: 'clerk' }));
    expect(indicator(r, 'sales_ratio').explanationMessage).toEqual({ code: 'not_assessed', args: { position: 'clerk' } });
  });

  it('names a blank parameter, a missing input, and both when both block a score', () => {
    const scheme = baseScheme({
      params: { target: { title: 'Target' } },
      indicators: [{ key: 'sales_ratio', title: 'Sales', score: { '*': [100, { '/': [{ var: 'inputs.sales' }, { var: 'params.target' }] }] } }, { key: 'complaints', title: 'C', score: 100 }],
    });
    const r = checked(one(scheme, { target: 1, complaints: 0 }));
    expect(indicator(r, 'sales_ratio').explanationMessage).toEqual({
      code: 'problems',
      args: { problems: [{ code: 'param_blank', args: { param: 'target' } }, { code: 'input_missing', args: { input: 'sales' } }] },
    });
    expect(indicator(r, 'sales_ratio').explanation).toBe('parameter "target" has no value yet; input "sales" is missing');
  });

  it('names the unscored indicator a rule reads, with that indicator’s own reason', () => {
    const scheme = baseScheme({
      indicators: [
        { key: 'sales_ratio', title: 'S', score: { var: 'inputs.sales' } },
        { key: 'complaints', title: 'C', score: { '+': [{ var: 'indicators.sales_ratio' }, 1] } },
      ],
    });
    const r = checked(one(scheme, { target: 1, complaints: 0 }));
    expect(indicator(r, 'complaints').explanationMessage).toEqual({ code: 'dependency_unscored', args: { indicator: 'sales_ratio', because: [{ code: 'input_missing', args: { input: 'sales' } }] } });
  });

  it('names an unavailable population value', () => {
    const scheme = scoreScheme({ population: { values: [{ key: 'avg', kind: 'mean', source: 'inputs.score' }] }, indicators: [{ key: 'score', title: 'S', score: { var: 'population.avg' } }] });
    const r = checked(one(scheme, { score: 80 }));
    expect(indicator(r, 'score').explanationMessage).toEqual({ code: 'population_missing', args: { key: 'avg' } });
  });

  it('says why a rule result is not a score: division by zero, no number, not a usable number', () => {
    const rule = (score: unknown) => baseScheme({ indicators: [{ key: 'sales_ratio', title: 'S', score }, { key: 'complaints', title: 'C', score: 100 }] });
    const divides = checked(one(rule({ '/': [100, { var: 'inputs.target' }] }), { target: 0 }));
    expect(indicator(divides, 'sales_ratio').explanationMessage).toEqual({ code: 'division_by_zero', args: {} });
    const noFallback = checked(one(rule({ div: [100, { var: 'inputs.target' }] }), { target: 0 }));
    expect(indicator(noFallback, 'sales_ratio').explanationMessage?.code).toBe('division_by_zero_no_fallback');
    const text = checked(one(rule({ cat: ['a', 'b'] }), {}));
    expect(indicator(text, 'sales_ratio').explanationMessage).toEqual({ code: 'not_a_number', args: { value: '"ab"' } });
    const huge = checked(one(rule({ '*': [1e308, 10] }), {}));
    expect(indicator(huge, 'sales_ratio').explanationMessage).toEqual({ code: 'not_usable_number', args: { value: 'Infinity' } });
  });

  it('passes on why a rule cannot run at all', () => {
    const scheme = baseScheme({
      indicators: [
        { key: 'sales_ratio', title: 'S', score: { var: 'indicators.complaints' } },
        { key: 'complaints', title: 'C', score: { var: 'indicators.sales_ratio' } },
      ],
    });
    const r = checked(one(scheme, {}));
    const why = indicator(r, 'sales_ratio').explanationMessage!;
    expect(why.code).toBe('rule_invalid');
    expect(why.args.reason).toBe(indicator(r, 'sales_ratio').explanation);
    expect(why.args.reason).toContain('cycle');
  });
});

describe('input problem messages', () => {
  const typed = parseScheme({
    key: 'typed',
    title: 'Typed',
    period: 'month',
    inputs: {
      whole: { type: 'integer', minimum: 0, maximum: 10 },
      rate: { type: 'number' },
      mark: { type: 'rating', scale: { points: [{ value: 1 }, { value: 3 }, { value: 5 }] } },
      flag: { type: 'boolean' },
      level: { type: 'enum', options: [{ value: 'A' }, { value: 'B' }] },
      remark: { type: 'text' },
      extra: { type: 'number', required: false, default: 0 },
    },
    indicators: ['whole', 'rate', 'mark', 'flag', 'level', 'remark', 'extra'].map((k) => ({ key: k, title: k, score: { if: [{ var: `inputs.${k}` }, 1, 0] } })),
    weights: { default: { indicators: { whole: 40, rate: 10, mark: 10, flag: 10, level: 10, remark: 10, extra: 10 } } },
    grading: { grades: [{ key: 'ok' }], bands: [{ grade: 'ok' }] },
  });
  const why = (inputs: Doc, key: string) => indicator(checked(one(typed, inputs)), key).explanationMessage;

  it('names the input and echoes the bad value as given', () => {
    expect(why({ whole: 2.5 }, 'whole')).toEqual({ code: 'input_not_integer', args: { input: 'whole', value: '2.5' } });
    expect(why({ whole: -1 }, 'whole')).toEqual({ code: 'input_below_minimum', args: { input: 'whole', value: '-1', minimum: '0' } });
    expect(why({ whole: 11 }, 'whole')).toEqual({ code: 'input_above_maximum', args: { input: 'whole', value: '11', maximum: '10' } });
    expect(why({ rate: 'high' }, 'rate')).toEqual({ code: 'input_not_number', args: { input: 'rate', value: '"high"' } });
    expect(why({ mark: 2 }, 'mark')).toEqual({ code: 'input_not_on_scale', args: { input: 'mark', value: '2', points: '1, 3, 5' } });
    expect(why({ flag: 'yes' }, 'flag')).toEqual({ code: 'input_not_boolean', args: { input: 'flag', value: '"yes"' } });
    expect(why({ level: 'C' }, 'level')).toEqual({ code: 'input_not_option', args: { input: 'level', value: '"C"', options: '"A", "B"' } });
    expect(why({ remark: 5 }, 'remark')).toEqual({ code: 'input_not_text', args: { input: 'remark' } });
  });

  it('notes a default used for an input not given', () => {
    const r = checked(one(typed, { whole: 1, rate: 1, mark: 1, flag: true, level: 'A', remark: 'x' }));
    expect(r.noteMessages).toEqual([{ code: 'input_default', args: { input: 'extra', value: '0' } }]);
    expect(r.notes).toEqual(['extra: not given; default 0 used']);
  });
});

describe('multi-rater messages', () => {
  const raters = (fallback: string, groups: unknown[] = [{ key: 'supervisor', weight: 50 }, { key: 'peer', weight: 30, minRaters: 3 }, { key: 'self', weight: 20 }]) =>
    parseScheme({
      key: 'r',
      title: '360',
      period: 'year',
      inputs: { attitude: { type: 'number', minimum: 0, maximum: 10, multiRater: true } },
      raters: { groups, fallback },
      indicators: [{ key: 'attitude', title: 'Attitude', score: { '*': [10, { var: 'inputs.attitude' }] } }],
      weights: { default: { indicators: { attitude: 100 } } },
      grading: { grades: [{ key: 'ok' }], bands: [{ grade: 'ok' }] },
    });

  it('notes how the ratings were averaged, and which groups were left out', () => {
    const r = checked(one(raters('renormalize'), { attitude: { supervisor: [8], peer: [2], self: [10, 9] } }));
    expect(r.noteMessages).toEqual([
      {
        code: 'input_aggregated',
        args: {
          input: 'attitude',
          parts: [
            { code: 'rater_mean', args: { group: 'supervisor', mean: 8, count: 1, share: (50 / 70) * 100 } },
            { code: 'rater_mean', args: { group: 'self', mean: 9.5, count: 2, share: (20 / 70) * 100 } },
          ],
          value: (8 * 50 + 9.5 * 20) / 70,
          short: [{ code: 'rater_group_short', args: { group: 'peer', count: 1, minimum: 3 } }],
        },
      },
    ]);
    expect(r.notes[0]).toBe('attitude: supervisor 8 (1 rating) × 71.4286% + self 9.5 (2 ratings) × 28.5714% = 8.4286; left out: peer has 1 rating(s), needs 3, weights renormalised');
  });

  it('names the rater group short of ratings, by fallback', () => {
    const missing = checked(one(raters('missing'), { attitude: { supervisor: [8], peer: [2], self: [10] } }));
    expect(indicator(missing, 'attitude').explanationMessage).toEqual({ code: 'ratings_too_few', args: { input: 'attitude', group: 'peer', count: 1, minimum: 3 } });
    const noPeer = checked(one(raters('peer-mean'), { attitude: { supervisor: [8], peer: [2], self: [10] } }));
    expect(indicator(noPeer, 'attitude').explanationMessage?.code).toBe('ratings_too_few_no_peer_mean');
    const none = checked(one(raters('renormalize', [{ key: 'peer', weight: 100, minRaters: 2 }]), { attitude: { peer: [5] } }));
    expect(indicator(none, 'attitude').explanationMessage).toEqual({
      code: 'ratings_no_group',
      args: { input: 'attitude', short: [{ code: 'rater_group_short', args: { group: 'peer', count: 1, minimum: 2 } }] },
    });
    const flat = checked(one(raters('renormalize'), { attitude: [5, 6] }));
    expect(indicator(flat, 'attitude').explanationMessage).toEqual({ code: 'ratings_need_groups', args: { input: 'attitude', groups: 'supervisor, peer, self' } });
    const unknown = checked(one(raters('renormalize'), { attitude: { boss: [5] } }));
    expect(indicator(unknown, 'attitude').explanationMessage).toEqual({ code: 'ratings_unknown_group', args: { input: 'attitude', group: 'boss' } });
  });

  it('notes a peer mean used for a group short of ratings', () => {
    const r = checked(
      evaluatePopulation(compileScheme(raters('peer-mean')), [
        { id: 'a', inputs: { attitude: { supervisor: [8], peer: [7, 8, 9], self: [10] } } },
        { id: 'b', inputs: { attitude: { supervisor: [6], peer: [5], self: [10] } } },
      ]),
    );
    const parts = r.employees[1].noteMessages![0].args.parts as Message[];
    expect(parts[1]).toEqual({ code: 'rater_peer_mean', args: { group: 'peer', mean: 8, share: 30 } });
  });
});

describe('result note messages', () => {
  it('lists the indicators without a score, with their status, when there is no total', () => {
    const r = checked(one(baseScheme(), { sales: 95, target: 100 }));
    expect(noteMessage(r, 'no_total')).toEqual({ code: 'no_total', args: { count: 1, indicators: [{ code: 'unscored_indicator', args: { indicator: 'complaints', status: 'missing-input' } }] } });
  });

  it('says why there is no grade', () => {
    const gap = baseScheme({ grading: { grades: [{ key: 'A' }], bands: [{ grade: 'A', min: 90 }] } });
    expect(noteMessage(checked(one(gap, { sales: 50, target: 100, complaints: 0 })), 'no_grade_no_band')).toEqual({ code: 'no_grade_no_band', args: { total: 65 } });
    const rule = baseScheme({ grading: { grades: [{ key: 'pass' }], rule: { if: [{ '>=': [{ var: 'total' }, 75] }, 'pass', 'X'] } } });
    expect(noteMessage(checked(one(rule, { sales: 50, target: 100, complaints: 0 })), 'no_grade_not_declared')).toEqual({ code: 'no_grade_not_declared', args: { value: '"X"' } });
  });

  it('names the dimensions a derived score lacks for the position', () => {
    const scheme = parseScheme({
      key: 'd',
      title: 'D',
      period: 'year',
      inputs: { x: { type: 'number' } },
      dimensions: [
        { key: 'result', title: 'Result', weight: 100 },
        { key: 'behaviour', title: 'Behaviour', weight: 0 },
      ],
      indicators: [{ key: 'x', title: 'X', dimension: 'result', score: { var: 'inputs.x' } }],
      weights: { default: { indicators: { x: 100 }, dimensions: { result: 100 } } },
      derivedScores: [{ key: 'promotion', dimensions: { result: 50, behaviour: 50 } }],
      grading: { grades: [{ key: 'ok' }], bands: [{ grade: 'ok' }] },
    });
    const r = checked(one(scheme, { x: 5 }));
    expect(noteMessage(r, 'no_derived_score')).toEqual({ code: 'no_derived_score', args: { derived: 'promotion', dimensions: 'behaviour', position: 'default' } });
  });
});

describe('adjustment messages', () => {
  const withAdjustments = (adjustments: unknown[]) => baseScheme({ inputs: { ...baseScheme().inputs, innovations: { type: 'integer', default: 0 }, violation: { type: 'boolean', default: false } }, adjustments });

  it('words points, capped points, a condition not met and a points rule that gives no number', () => {
    const scheme = withAdjustments([
      { key: 'innovation', title: 'Innovation', kind: 'bonus', points: { '*': [2, { var: 'inputs.innovations' }] }, cap: 10 },
      { key: 'late', kind: 'deduction', points: 1.5, when: { '>': [{ var: 'inputs.complaints' }, 3] } },
      { key: 'odd', kind: 'bonus', points: { cat: ['a'] } },
      { key: 'bad', kind: 'deduction', points: 1, when: { '>': [{ var: 'inputs.complaints' }, 0] } },
    ]);
    const r = checked(one(scheme, { sales: 80, target: 100, complaints: 1, innovations: 7 }));
    const note = (key: string) => r.adjustments.find((a) => a.key === key)!.noteMessage;
    expect(note('innovation')).toEqual({ code: 'points', args: { adjustment: 'Innovation', kind: 'bonus', points: 10, uncapped: 14, cap: 10 } });
    expect(r.adjustments[0].note).toBe('Innovation: +10 (14 capped at 10)');
    expect(note('late')).toEqual({ code: 'condition_not_met', args: {} });
    expect(note('odd')).toEqual({ code: 'points_not_a_number', args: { value: '"a"' } });
    expect(note('bad')).toEqual({ code: 'points', args: { adjustment: 'bad', kind: 'deduction', points: 1 } });
  });

  it('words a veto, and grade adjustments it blocks or that have no grade to move', () => {
    const scheme = withAdjustments([
      { key: 'violation', title: 'Violation', kind: 'veto', when: { var: 'inputs.violation' }, grade: 'D' },
      { key: 'bump', kind: 'grade-bump', steps: 1 },
    ]);
    const vetoed = checked(one(scheme, { sales: 95, target: 100, complaints: 0, violation: true }));
    expect(vetoed.adjustments[0].noteMessage).toEqual({ code: 'grade_changed', args: { adjustment: 'Violation', kind: 'veto', from: 'A', to: 'D' } });
    expect(vetoed.adjustments[1].noteMessage).toEqual({ code: 'grade_fixed_by_veto', args: {} });
    expect(noteMessage(vetoed, 'grade_changed')).toEqual(vetoed.adjustments[0].noteMessage);
    const ungraded = checked(one(scheme, { sales: 95, target: 100 }));
    expect(ungraded.adjustments[1].noteMessage).toEqual({ code: 'no_grade_to_move', args: {} });
  });

  it('says why a condition could not be evaluated', () => {
    const scheme = withAdjustments([{ key: 'odd', kind: 'bonus', points: 1, when: { no_such_op: [1] } }]);
    const r = checked(one(scheme, { sales: 95, target: 100, complaints: 0 }));
    expect(r.adjustments[0].noteMessage?.code).toBe('not_applied');
    expect(r.adjustments[0].note).toBe(`not applied: ${r.adjustments[0].noteMessage?.args.reason}`);
  });
});

describe('distribution messages', () => {
  const run = (extra: Doc, employees: ReturnType<typeof scored>) => checked(evaluatePopulation(compileScheme(scoreScheme(extra)), employees));

  it('gives each person their rank and the quota that decided their grade', () => {
    const exact = run({ population: { distribution: { mode: 'exact', quotas: { 优: { share: 0.2 }, 良: { share: 0.8 } } } } }, scored([95, 85, 85, 85, 85]));
    expect(exact.employees[0].distribution?.reasonMessage).toEqual({ code: 'exact_share', args: { rank: 1, size: 5, grade: '优', count: 1, percent: 20 } });
    expect(exact.employees[1].distribution?.reasonMessage).toEqual({ code: 'exact_share', args: { rank: 2, size: 5, grade: '良', count: 4, percent: 80 } });

    const limited = run({ population: { distribution: { quotas: { 优: { max: 0.2 } } } } }, scored([99, 98, 97, 96, 85, 85, 75, 65, 55, 50]));
    expect(limited.employees[0].distribution?.reasonMessage).toEqual({ code: 'within_quota', args: {} });
    expect(limited.employees[2].distribution?.reasonMessage).toEqual({ code: 'over_limit', args: { grade: '优', percent: 20, size: 10, limit: 2, rank: 3, among: 4, to: '良' } });

    const floor = run({ population: { distribution: { quotas: { 不合格: { min: 0.2 } } } } }, scored([95, 90, 85, 80, 75, 72, 71, 70, 69, 65]));
    expect(floor.employees[9].distribution?.reasonMessage).toEqual({ code: 'below_minimum', args: { grade: '不合格', percent: 20, size: 10, need: 2, rank: 10, from: '基本合格' } });

    const grouped = run({ population: { distribution: { quotas: {}, groupLimits: [{ grades: ['优', '良'], max: 0.3 }] } } }, scored([95, 94, 88, 87, 86, 75, 74, 73, 72, 71]));
    expect(grouped.employees[4].distribution?.reasonMessage).toEqual({ code: 'group_over_limit', args: { grades: '优+良', percent: 30, size: 10, limit: 3, from: '良', to: '中' } });
  });

  it('notes groups that are not forced, vetoed people left out, and a lowest grade over its limit', () => {
    const small = run({ population: { distribution: { scope: 'department', minPopulation: 5, quotas: { 优: { max: 0.1 } } } } }, scored([95, 94], () => 'D1'));
    expect(small.distribution[0].noteMessages).toEqual([{ code: 'not_forced', args: { size: 2, minimum: 5 } }]);

    const vetoed = checked(
      evaluatePopulation(
        compileScheme(scoreScheme({ inputs: { score: { type: 'number' }, veto: { type: 'boolean', default: false } }, adjustments: [{ key: 'veto', kind: 'veto', when: { var: 'inputs.veto' }, grade: '不合格' }], population: { distribution: { quotas: { 不合格: { max: 0 } } } } })),
        [{ id: 'a', inputs: { score: 95, veto: true } }, { id: 'b', inputs: { score: 50 } }],
      ),
    );
    expect(vetoed.distribution[0].noteMessages).toEqual([
      { code: 'vetoed_outside_distribution', args: { count: 1 } },
      { code: 'lowest_grade_over_limit', args: { grade: '不合格' } },
    ]);
  });
});

describe('population value messages', () => {
  const callCentre = (values: unknown[]) =>
    parseScheme({
      key: 'cc',
      title: 'Call centre',
      period: 'month',
      inputs: { sat: { type: 'number' } },
      indicators: [{ key: 'x', title: 'X', score: { var: 'inputs.sat' } }],
      weights: { default: { indicators: { x: 100 } } },
      population: { values },
      grading: { grades: [{ key: 'ok' }], bands: [{ grade: 'ok' }] },
    });
  const people = (sats: number[], group = 'g') => sats.map((sat, i) => ({ id: `p${i}`, attributes: { group }, inputs: { sat } }));

  it('says what was computed over which peers', () => {
    const r = checked(
      evaluatePopulation(
        compileScheme(
          callCentre([
            { key: 'rank', kind: 'rank', source: 'inputs.sat', scope: 'group' },
            { key: 'top', kind: 'top-share-min', source: 'inputs.sat', share: 0.2, scope: 'group' },
            { key: 'p90', kind: 'percentile', source: 'inputs.sat', percentile: 90 },
            { key: 'avg', kind: 'mean', source: 'inputs.sat', scope: 'group', minCount: 9 },
          ]),
        ),
        people([90, 80, 70, 60, 50]),
      ),
    );
    const why = (key: string) => r.populationValues.find((v) => v.key === key)!.explanationMessage;
    expect(why('rank')).toEqual({ code: 'population_rank', args: { kind: 'rank', source: 'inputs.sat', count: 5, scope: 'group', group: 'g' } });
    expect(why('top')).toEqual({ code: 'population_statistic', args: { kind: 'top-share-min', source: 'inputs.sat', count: 5, scope: 'group', group: 'g', value: 90, share: 20, order: 'higher-better' } });
    expect(why('p90')).toEqual({ code: 'population_statistic', args: { kind: 'percentile', source: 'inputs.sat', count: 5, scope: 'all', group: 'all', value: 86, percentile: 90 } });
    expect(why('avg')).toEqual({ code: 'population_too_few', args: { count: 5, scope: 'group', group: 'g', minimum: 9 } });
  });
});

describe('message coverage', () => {
  // Codes the small schemes above cannot reach: a rule that throws while running (the engine
  // guards its operators), a broken or throwing grading rule (analysis rejects it first).
  const unreachable: MessageCode[] = ['rule_error', 'rule_failed', 'no_grade_rule_invalid', 'no_grade_rule_failed'];

  it('has seen every other code, each with an English text equal to its wording', () => {
    const missing = (Object.keys(ENGLISH) as MessageCode[]).filter((c) => !seen.has(c) && !unreachable.includes(c));
    expect(missing).toEqual([]);
  });
});
