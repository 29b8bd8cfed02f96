/**
 * C07 — how the annual result combines monthly results (个人月度考核作为年终考核的一部分,以 60% 的权重进入年度考核中).
 * Two schemes: the monthly review (manager: task 70 + management 30; staff: task 70 + problem
 * solving, teamwork and discipline 30 — one indicator, since the seed does not split the 30) and
 * the annual review (manager: company/department result 10 + mean of the monthly scores 60 +
 * annual task performance 20 + peer "surrounding performance" 10; staff: monthly mean 90 + peer 10).
 *
 * SEED INCONSISTENCY (C07 notes): the staff's annual weights are 90/10 in table 6B but 80/20 in
 * the 填表说明 text. The scheme uses table 6B (the table is what HR fills in); the text variant is
 * built as a second scheme to show both pass analysis and how far the results differ.
 */
import { describe, expect, it } from 'vitest';
import c07 from '../../fixtures/cases/C07-monthly-to-annual-weight-configuration.json' with { type: 'json' };
import { resolveWeights, type Scheme } from '../../../rules/index.ts';
import { analysisErrors, build, evaluateOne, score } from './helpers.ts';

const expected = c07.employees[0].expected;
const MONTHS = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
const grades = { grades: [{ key: 'n/a' }], bands: [{ grade: 'n/a' }] };
const pct = { type: 'number', unit: '分', minimum: 0, maximum: 100 };

const { scheme: monthly } = build({
  key: 'c07-monthly',
  title: '月度考核',
  period: 'month',
  inputs: {
    task: { ...pct, title: '任务绩效(KPI + 月度工作计划)', provider: '直接上级' },
    management: { ...pct, title: '管理绩效(员工管理 + 成本控制)', provider: '直接上级' },
    ability_attitude: { ...pct, title: '问题解决、团队协作与纪律', provider: '直接上级' },
  },
  indicators: [
    { key: 'task', title: '任务绩效', unit: '分', polarity: 'higher-better', score: { var: 'inputs.task' } },
    { key: 'management', title: '管理绩效', unit: '分', polarity: 'higher-better', score: { var: 'inputs.management' } },
    { key: 'ability_attitude', title: '问题解决、团队协作与纪律', unit: '分', polarity: 'higher-better', score: { var: 'inputs.ability_attitude' } },
  ],
  weights: {
    default: { title: '一般职员/工勤人员', indicators: { task: 70, ability_attitude: 30 } },
    positions: { manager: { title: '部门经理', indicators: { task: 70, management: 30 } } },
  },
  grading: grades,
});

const annualDoc = (staff: Record<string, number>) => ({
  key: 'c07-annual',
  title: '年度考核',
  period: 'year',
  inputs: {
    ...Object.fromEntries(MONTHS.map((m, i) => [m, { ...pct, title: `${i + 1} 月考核得分` }])),
    company_result: { ...pct, title: '公司或部门效益指标得分' },
    annual_task: { ...pct, title: '年度任务绩效(直接上级)', provider: '直接上级' },
    peer: { ...pct, title: '周边绩效(同级)', multiRater: true, provider: '同级' },
  },
  raters: { groups: [{ key: 'peers', title: '同级', weight: 100 }], minRaters: 3, fallback: 'missing' },
  indicators: [
    { key: 'company_result', title: '公司或部门效益指标', unit: '分', polarity: 'higher-better', score: { var: 'inputs.company_result' } },
    { key: 'monthly_mean', title: '月度考核平均值', unit: '分', polarity: 'higher-better', score: { '/': [{ '+': MONTHS.map((m) => ({ var: `inputs.${m}` })) }, 12] } },
    { key: 'annual_task', title: '年度任务绩效', unit: '分', polarity: 'higher-better', score: { var: 'inputs.annual_task' } },
    { key: 'peer', title: '周边绩效', unit: '分', polarity: 'higher-better', score: { var: 'inputs.peer' } },
  ],
  weights: {
    default: { title: '一般职员', indicators: staff },
    positions: { manager: { title: '部门经理', indicators: { company_result: 10, monthly_mean: 60, annual_task: 20, peer: 10 } } },
  },
  grading: grades,
  rounding: { totalDecimals: 2 },
});
const { scheme: annual } = build(annualDoc({ monthly_mean: 90, peer: 10 }));
const { scheme: annualText } = build(annualDoc({ monthly_mean: 80, peer: 20 }));

const fractions = (scheme: Scheme, position: string | null) => Object.values(resolveWeights(scheme, position).indicators).map((w) => w / 100);
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const months = [80, 82, 84, 86, 88, 90, 84, 86, 88, 80, 82, 90]; // sum 1020, mean 85
const monthInputs = Object.fromEntries(MONTHS.map((m, i) => [m, months[i]]));

describe('C07 monthly → annual weight configuration', () => {
  it('weights: manager monthly 70/30 and annual 10/60/20/10 sum to 1; staff annual 0.9/0.1 (table 6B) and 0.8/0.2 (text)', () => {
    expect(sumOf(fractions(monthly, 'manager'))).toBeCloseTo(expected.monthly_mgr_sum, 12);
    expect(sumOf(fractions(annual, 'manager'))).toBeCloseTo(expected.annual_mgr_sum, 12);
    expect(fractions(annual, null)).toEqual(expected.annual_staff_table_6B);
    expect(fractions(annualText, null)).toEqual(expected.annual_staff_text);
  });

  it('all three schemes pass analysis', () => {
    expect(analysisErrors(monthly)).toEqual([]);
    expect(analysisErrors(annual)).toEqual([]);
    expect(analysisErrors(annualText)).toEqual([]);
  });

  it('monthly: a manager with task 90 and management 80 scores 0.7 × 90 + 0.3 × 80 = 87', () => {
    const r = evaluateOne(monthly, { id: 'M', position: 'manager', inputs: { task: 90, management: 80 } });
    expect(r.total).toBe(87);
  });

  it('annual manager: 10% × 90 + 60% × 85 + 20% × 88 + 10% × 85 = 9 + 51 + 17.6 + 8.5 = 86.1', () => {
    const r = evaluateOne(annual, { id: 'M', position: 'manager', inputs: { ...monthInputs, company_result: 90, annual_task: 88, peer: [90, 80, 85] } });
    // monthly mean 1020 / 12 = 85; peer mean (90 + 80 + 85) / 3 = 85
    expect(score(r, 'monthly_mean')).toBe(85);
    expect(score(r, 'peer')).toBe(85);
    expect(r.total).toBe(86.1);
  });

  it('annual staff: table 6B 90% × 85 + 10% × 95 = 86; the text’s 80/20 gives 87 instead', () => {
    const staff = { id: 'S', inputs: { ...monthInputs, peer: [95, 95, 95, 95] } };
    expect(evaluateOne(annual, staff).total).toBe(86);
    expect(evaluateOne(annualText, staff).total).toBe(87);
  });

  it('peer surrounding performance needs at least 3 peers', () => {
    const r = evaluateOne(annual, { id: 'S', inputs: { ...monthInputs, peer: [95, 90] } });
    expect(r.total).toBeNull();
  });
});
