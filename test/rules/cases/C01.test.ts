/**
 * C01 — year-end six-indicator point sheet (案例 1 :某部门年终各考核指标的绩效得分汇总).
 * Point sheet: aggregation "sum", indicators with nominal maximum points that bonuses may exceed,
 * per-occurrence deductions, partial responsibility (42.5), and totals above 100.
 * The per-event point values are the case's reconstruction (confidence low); the published
 * per-indicator points and totals are what the test asserts.
 */
import { describe, expect, it } from 'vitest';
import c01json from '../../fixtures/cases/C01-dept-year-end-six-indicator-sheet.json' with { type: 'json' };
import { analysisErrors, build, byId, evaluateAll, goldenCase, populationValue, roundDecimal, score } from './helpers.ts';

const c01 = goldenCase(c01json);

const v = (key: string) => ({ var: `inputs.${key}` });
const when = (key: string, points: number) => ({ if: [v(key), points, 0] });
const per = (key: string, points: unknown) => ({ '*': [points, v(key)] });
const count = (title: string) => ({ type: 'integer', title, unit: '次', minimum: 0, default: 0 });
const flag = (title: string) => ({ type: 'boolean', title, default: false });
const KEYS = ['errors', 'timeliness', 'training_exam', 'archives', 'work_completion', 'process_compliance'] as const;

const { scheme } = build({
  key: 'c01-year-end-sheet',
  title: '某部门年终各考核指标绩效得分汇总',
  period: 'year',
  inputs: {
    no_error_year: flag('年度无差错'),
    class_b_errors: count('乙类差错(全部责任)'),
    class_b_half: count('乙类差错(承担一半责任)'),
    class_c_errors: count('丙类差错'),
    late: count('核算不及时'),
    exam_failed: flag('考试不合格'),
    exam_top3: flag('考试前三名'),
    archive_index: flag('有档案的索引'),
    outstanding: flag('工作完成出色'),
    adhoc_not_done: count('临时任务未完成'),
    process_lapses: count('流程执行不当'),
    approval_mistakes: count('审批流程失误'),
    missing_records: count('原始记录缺'),
  },
  params: {
    class_b_points: { title: '乙类差错每次扣分(推算)', value: 15 },
    class_c_points: { title: '丙类差错每次扣分(推算)', value: 1 },
    half_share: { title: '承担一半责任的扣分比例', value: 0.5 },
  },
  indicators: [
    {
      key: 'errors',
      title: '差错次数',
      max: 50,
      unit: '分',
      polarity: 'lower-better',
      // 50 + 2 for a year without errors − 15 per class-B − 1 per class-C − 15 × ½ per half-responsibility class-B
      score: {
        max: [
          0,
          {
            '-': [
              { '+': [50, when('no_error_year', 2)] },
              {
                '+': [
                  per('class_b_errors', { var: 'params.class_b_points' }),
                  per('class_c_errors', { var: 'params.class_c_points' }),
                  per('class_b_half', { '*': [{ var: 'params.class_b_points' }, { var: 'params.half_share' }] }),
                ],
              },
            ],
          },
        ],
      },
    },
    { key: 'timeliness', title: '核算的及时性', max: 10, unit: '分', polarity: 'lower-better', score: { max: [0, { '-': [10, per('late', 2)] }] } },
    { key: 'training_exam', title: '培训与考核', max: 15, unit: '分', polarity: 'higher-better', score: { '+': [15, when('exam_top3', 2), { '-': [when('exam_failed', 2)] }] } },
    { key: 'archives', title: '档案管理', max: 5, unit: '分', polarity: 'higher-better', score: { '+': [5, when('archive_index', 1)] } },
    { key: 'work_completion', title: '工作完成情况', max: 10, unit: '分', polarity: 'higher-better', score: { '-': [{ '+': [10, when('outstanding', 2)] }, per('adhoc_not_done', 3)] } },
    {
      key: 'process_compliance',
      title: '流程与制度执行情况',
      max: 10,
      unit: '分',
      polarity: 'lower-better',
      score: { max: [0, { '-': [10, { '+': [per('process_lapses', 2), per('approval_mistakes', 3), per('missing_records', 2)] }] }] },
    },
  ],
  aggregation: 'sum',
  weights: { default: { indicators: Object.fromEntries(KEYS.map((k) => [k, 1])) } },
  // The 合计 row: the mean of each column.
  population: { values: KEYS.map((k) => ({ key: `mean_${k}`, kind: 'mean', source: `indicators.${k}` })) },
  grading: { grades: [{ key: 'n/a', title: '只汇总得分,不分等级' }], bands: [{ grade: 'n/a' }] },
});

/** The events of the case, as the scheme's inputs (anything not mentioned: no event → full points). */
const EVENTS: Record<string, Record<string, number | boolean>> = {
  A: { no_error_year: true, outstanding: true }, // 年度无差错; 出色
  B: { no_error_year: true, archive_index: true }, // 年度无差错; 有档案的索引
  C: { class_b_errors: 1, class_c_errors: 1, exam_failed: true, process_lapses: 3 }, // 乙类、丙类差错各1次; 考试不合格; 流程执行不当3次
  D: { class_b_half: 1 }, // 乙类差错一次,承担一半责任
  E: { late: 1, exam_top3: true, approval_mistakes: 1 }, // 不及时1次; 考试前三名; 审批流程失误
  F: { late: 2, adhoc_not_done: 1, missing_records: 1 }, // 不及时2次; 临时任务未完成; 原始记录缺
};

const people = c01.employees.filter((e) => Object.hasOwn(EVENTS, e.id));
const result = evaluateAll(scheme, people.map((e) => ({ id: e.id, inputs: EVENTS[e.id] })));
/** The printed figures of one row (numbers only; the 合计 row also nests its unrounded recomputation). */
const printed = (e: (typeof people)[number]) => e.expected as Record<string, number>;

describe('C01 year-end six-indicator sheet', () => {
  it('is a valid scheme without analysis errors', () => {
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it.each(people.map((e) => [e.id, e] as const))('employee %s: the published points per indicator', (id, e) => {
    const r = byId(result, id);
    for (const key of KEYS) expect(score(r, key), key).toBe(printed(e)[key]);
  });

  it('bonuses exceed the nominal maximum (52 of 50, 17 of 15, 6 of 5, 12 of 10) and totals exceed 100 (A 104, B 103)', () => {
    expect(score(byId(result, 'A'), 'errors')).toBe(52);
    expect(score(byId(result, 'E'), 'training_exam')).toBe(17);
    expect(byId(result, 'A').total).toBe(104);
    expect(byId(result, 'B').total).toBe(103);
  });

  it('partial responsibility halves the deduction: one class-B error at half responsibility → 42.5', () => {
    expect(score(byId(result, 'D'), 'errors')).toBe(42.5);
    expect(byId(result, 'D').total).toBe(92.5);
  });

  it('totals equal the sum of the components; E is 97, not the printed 96 (SEED ARITHMETIC MISMATCH)', () => {
    for (const e of people) {
      const correct = printed(e).total_recomputed_from_components ?? printed(e).total;
      expect(byId(result, e.id).total, e.id).toBe(correct);
    }
    expect(printed(people.find((p) => p.id === 'E')!).total).toBe(96); // printed
    expect(byId(result, 'E').total).toBe(97); // 50 + 8 + 17 + 5 + 10 + 7
  });

  it('the 合计 row: column means to one decimal, half-up; the mean total is 93.9 with E at 97 (printed 93.8 follows E’s 96)', () => {
    const row = printed(c01.employees.find((e) => e.id.startsWith('column_average'))!);
    // 280.5 / 6 = 46.75 → 46.8; 31 / 6 = 5.1667 → 5.2; 59 / 6 = 9.8333 → 9.8; 49 / 6 = 8.1667 → 8.2
    for (const key of KEYS) expect(roundDecimal(populationValue(result, `mean_${key}`)!, 1), key).toBe(row[key]);
    const meanTotal = result.employees.reduce((a, r) => a + r.total!, 0) / result.employees.length;
    // (104 + 103 + 76 + 92.5 + 97 + 91) / 6 = 563.5 / 6 = 93.9167
    expect(roundDecimal(meanTotal, 1)).toBe(93.9);
    expect(row.total).toBe(93.8);
  });
});
