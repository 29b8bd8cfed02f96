/**
 * C26 — labelled rating scales (业绩考核得分采用 5 分制。 5分 非常优秀 4分 优秀 3分 合格 2分 待提高 1分 不称职).
 * Expressed as rating inputs with anchored scales (only the scale's points are accepted; any
 * other value makes the indicator out-of-range), enum inputs for the verbal verdicts and the
 * interview form, and the 奥瑞金 department survey as ten multi-rater items on 0/2/4/6/8/10,
 * averaged. Scale values and labels are read from the case file. The scheme is a record form:
 * every scale is selected (sum aggregation; the sum itself means nothing) and the grade is the
 * label of the HR 5-point rating, looked up by a grading rule. The case's "departments convert to
 * HR's 5-point scale" gives no conversion table, so none is modelled.
 */
import { describe, expect, it } from 'vitest';
import c26 from '../../fixtures/cases/C26-rating-scales-and-normalisation-targets.json' with { type: 'json' };
import { analysisErrors, build, evaluateOne, indicator, score } from './helpers.ts';

const ruleOf = (key: string) => c26.indicators.find((i) => i.key === key)!.rule;
/** "5 非常优秀, 4 优秀, …" → [{ value: 5, label: '非常优秀' }, …]; stops at ';'. */
const points = (key: string) =>
  ruleOf(key)
    .split(';')[0]
    .split(', ')
    .map((part) => {
      const [value, label] = part.trim().split(' ');
      return { value: Number(value), label };
    });
/** "考核人: 满意/基本满意/待提高; 被考核人: 同意/…" → the options after "who:". */
const options = (key: string, who?: string) => {
  const text = who === undefined ? ruleOf(key).split(' for ')[0] : ruleOf(key).split('; ').find((s) => s.startsWith(who))!.split(': ')[1];
  return text.split('/').map((value) => ({ value }));
};

const HR5 = points('hr_5pt');
const GOAL4 = [...points('goal_4pt')].sort((a, b) => b.value - a.value);
const COMPETENCY4 = [...points('competency_4pt')].sort((a, b) => b.value - a.value);
const SURVEY = points('survey_10pt').map((p) => ({ ...p, evidenceRequired: [10, 2, 0].includes(p.value) }));
const ITEMS = Array.from({ length: 10 }, (_, i) => `item${String(i + 1).padStart(2, '0')}`);

const { scheme } = build({
  key: 'c26-rating-scales',
  title: '评价量表',
  period: 'year',
  inputs: {
    hr_5pt: { type: 'rating', title: '人力资源部 5 分制', scale: { points: HR5 } },
    goal_4pt: { type: 'rating', title: '绩效(目标达成)', scale: { points: GOAL4 } },
    competency_4pt: { type: 'rating', title: '胜任能力', scale: { points: COMPETENCY4 } },
    assessor_verdict: { type: 'enum', title: '考核人总体评价', options: options('overall_verdict', '考核人') },
    employee_verdict: { type: 'enum', title: '被考核人意见', options: options('overall_verdict', '被考核人') },
    interview_result: { type: 'enum', title: '绩效面谈表 结果评估', options: options('interview_form') },
    ...Object.fromEntries(ITEMS.map((k, i) => [k, { type: 'rating', title: `满意度调查第 ${i + 1} 项`, scale: { points: SURVEY }, multiRater: true }])),
  },
  raters: { groups: [{ key: 'respondents', title: '被调查部门人员', weight: 100 }] },
  indicators: [
    { key: 'hr_rating', title: '业绩考核得分(5 分制)', unit: '分', polarity: 'higher-better', score: { var: 'inputs.hr_5pt' } },
    { key: 'goal', title: '绩效', unit: '分', polarity: 'higher-better', score: { var: 'inputs.goal_4pt' } },
    { key: 'competency', title: '胜任能力', unit: '分', polarity: 'higher-better', score: { var: 'inputs.competency_4pt' } },
    { key: 'survey', title: '部门满意度(10 项平均)', unit: '分', polarity: 'higher-better', score: { '/': [{ '+': ITEMS.map((k) => ({ var: `inputs.${k}` })) }, ITEMS.length] } },
    { key: 'signed_off', title: '双方确认(考核人不评「待提高」且被考核人无保留意见)', unit: '是/否', polarity: 'none', score: { if: [{ and: [{ '!=': [{ var: 'inputs.assessor_verdict' }, '待提高'] }, { '!=': [{ var: 'inputs.employee_verdict' }, '保留意见'] }] }, 1, 0] } },
  ],
  aggregation: 'sum',
  // A record form: every scale is collected (sum aggregation only selects them; the sum itself is
  // not used), and the grade is the label of the HR 5-point rating.
  weights: { default: { indicators: { hr_rating: 1, goal: 1, competency: 1, survey: 1, signed_off: 1 } } },
  grading: {
    grades: HR5.map((p) => ({ key: p.label, title: `${p.value}分` })),
    // The 5-point result is one of the scale's points, so its grade is that point's label.
    rule: { lookup: [Object.fromEntries(HR5.map((p) => [String(p.value), p.label])), { var: 'indicators.hr_rating' }] },
  },
});

const valid = {
  hr_5pt: 4,
  goal_4pt: 3,
  competency_4pt: 2,
  assessor_verdict: '满意',
  employee_verdict: '同意',
  interview_result: '良好',
  ...Object.fromEntries(ITEMS.map((k, i) => [k, [[10, 8, 8, 6, 8, 10, 6, 4, 8, 8][i], 8]])),
};

describe('C26 rating scales', () => {
  it('scale sizes as the case lists them: 5, 4, 4 and 6 levels', () => {
    const sizes = c26.employees[0].expected;
    expect([HR5.length, GOAL4.length, COMPETENCY4.length, SURVEY.length]).toEqual([sizes.hr_5pt, sizes.goal_4pt, sizes.competency_4pt, sizes.survey_levels]);
    expect(HR5).toEqual([
      { value: 5, label: '非常优秀' },
      { value: 4, label: '优秀' },
      { value: 3, label: '合格' },
      { value: 2, label: '待提高' },
      { value: 1, label: '不称职' },
    ]);
    // items rated 10, 2 or 0 need examples
    expect(SURVEY.filter((p) => p.evidenceRequired).map((p) => p.value)).toEqual([10, 2, 0]);
  });

  it('grades are the HR scale’s labels; the scheme has no analysis errors', () => {
    expect(analysisErrors(scheme)).toEqual([]);
    const r = evaluateOne(scheme, { id: 'E', inputs: valid });
    expect(r.grade).toBe('优秀');
  });

  it('values on the scales are accepted; the survey is the mean of the ten item means', () => {
    const r = evaluateOne(scheme, { id: 'E', inputs: valid });
    expect([score(r, 'hr_rating'), score(r, 'goal'), score(r, 'competency')]).toEqual([4, 3, 2]);
    // item means (10+8)/2 = 9, 8, 8, 7, 8, 9, 7, 6, 8, 8 → 78 / 10 = 7.8
    expect(score(r, 'survey')).toBeCloseTo(7.8, 12);
    expect(score(r, 'signed_off')).toBe(1);
  });

  it('a value between scale points is rejected: status out-of-range, no total', () => {
    const r = evaluateOne(scheme, { id: 'E', inputs: { ...valid, hr_5pt: 3.5 } });
    expect(indicator(r, 'hr_rating').status).toBe('out-of-range');
    expect(r.total).toBeNull();
    expect(indicator(evaluateOne(scheme, { id: 'E', inputs: { ...valid, goal_4pt: 5 } }), 'goal').status).toBe('out-of-range');
  });

  it('each survey rating must be on 0/2/4/6/8/10, although the mean need not be', () => {
    const r = evaluateOne(scheme, { id: 'E', inputs: { ...valid, item03: [8, 7] } });
    expect(indicator(r, 'survey').status).toBe('out-of-range');
  });

  it('verbal verdicts and the interview form accept only their own words', () => {
    expect(indicator(evaluateOne(scheme, { id: 'E', inputs: { ...valid, employee_verdict: '不同意' } }), 'signed_off').status).toBe('out-of-range');
    expect(score(evaluateOne(scheme, { id: 'E', inputs: { ...valid, employee_verdict: '保留意见' } }), 'signed_off')).toBe(0);
    expect(options('interview_form').map((o) => o.value)).toEqual(['优', '良好', '尚可', '欠佳', '不佳']);
  });
});
