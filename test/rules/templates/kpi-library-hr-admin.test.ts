import { describe, expect, it } from 'vitest';
import { analyzeScheme, parseScheme, type Scheme } from '../../../rules/index.ts';
import { getTemplate } from '../../../rules/templates/index.ts';
import c08json from '../../fixtures/cases/C08-kpi-library-per-position-weight-matrix.json' with { type: 'json' };
import c09Scheme from '../cases/schemes/C09-five-level-bands.json' with { type: 'json' };
import { analysisErrors, evaluateOne, goldenCase, indicator, score, withParams } from '../cases/helpers.ts';

const c08 = goldenCase(c08json);

const scheme = getTemplate('kpi-library-hr-admin')!.scheme;

/** The two names the seed writes differently for one indicator (see the template description). */
const ALIAS: Record<string, string> = { 下属员工成效: '下属员工管理成效', 车辆百公里耗油控制率: '车辆百公里油耗控制率' };
const keyOfTitle = new Map(scheme.indicators.map((i) => [i.title, i.key]));

/** C08 rows as {row id, weight set of the template, seed weights keyed by template indicator key}. */
const rows = c08.employees.map((row) => {
  const isDepartment = row.id.startsWith('人力资源与公共事务部');
  const position = isDepartment ? undefined : row.id.split(' ')[1];
  const set = position === undefined ? scheme.weights.default : scheme.weights.positions![position];
  const seed = Object.fromEntries(
    Object.entries(row.inputs.weights_pct as Record<string, number>).map(([name, w]) => {
      const key = keyOfTitle.get(ALIAS[name] ?? name);
      if (key === undefined) throw new Error(`C08 indicator ${name} (${row.id}) is not in the template`);
      return [key, w];
    }),
  );
  return { id: row.id, position, set, seed, expected: row.expected as { sum_of_listed_weights_pct: number; seed_declared_total_pct: number } };
});

const sum = (weights: Record<string, number>) => Object.values(weights).reduce((a, b) => a + b, 0);

describe('template kpi-library-hr-admin', () => {
  it('has the department row and every position of C08 (27 positions: 3.01–3.28 without 3.17, which the case omits)', () => {
    expect(rows).toHaveLength(28);
    for (const row of rows) expect(row.set, row.id).toBeDefined();
    expect(Object.keys(scheme.weights.positions!)).toHaveLength(27);
  });

  it('uses C08’s weights exactly for every row whose seed weights sum to 100', () => {
    for (const row of rows.filter((r) => r.expected.sum_of_listed_weights_pct === 100)) {
      expect(row.set!.indicators, row.id).toEqual(row.seed);
    }
  });

  it('completes the two rows whose seed weights do not sum to the declared 100, keeping their proportions', () => {
    // SEED INCONSISTENCY (C08 notes): 3.24 车辆环卫主管 sums to 80 and 3.25 驾驶员 to 90, both declared 合计 100.
    const short = rows.filter((r) => r.expected.sum_of_listed_weights_pct !== 100);
    expect(short.map((r) => [r.id, sum(r.seed), r.expected.seed_declared_total_pct])).toEqual([
      ['3.24 车辆环卫主管', 80, 100],
      ['3.25 驾驶员', 90, 100],
    ]);
    for (const row of short) {
      const weights = row.set!.indicators!;
      expect(Object.keys(weights).sort(), row.id).toEqual(Object.keys(row.seed).sort());
      expect(sum(weights), row.id).toBeCloseTo(100, 9);
      // Every weight is the seed weight scaled by 100 / seed sum (to 2 decimals; the last takes the residue).
      for (const [key, w] of Object.entries(row.seed)) expect(Math.abs(weights[key] - (w * 100) / sum(row.seed)), `${row.id} ${key}`).toBeLessThanOrEqual(0.015);
    }
    expect(scheme.weights.positions!['车辆环卫主管'].indicators).toEqual({ 环卫管理达标率: 37.5, 车辆安全管理达标率: 18.75, 车辆管理: 18.75, 车辆百公里油耗控制率: 12.5, 车辆单位公里维修费用控制率: 12.5 });
    // The description states the change and the reason.
    expect(scheme.description).toContain('30+15+15+10+10 = 80');
    expect(scheme.description).toContain('25+25+15+15+10 = 90');
  });

  it('has no analysis errors (design-advice warnings and template blanks are allowed)', () => {
    expect(analysisErrors(scheme)).toEqual([]);
    const findings = analyzeScheme(scheme);
    // 总机话务员 and 办公楼服务员 have 4 KPIs: advice, not an error.
    expect(findings.filter((f) => f.code === 'kpi_count_advice').map((f) => f.severity)).toContain('warning');
    // Every 「达到 %以上」 threshold is a blank parameter, reported as info in a template.
    const blanks = findings.filter((f) => f.code === 'param_unfilled');
    expect(blanks.length).toBe(Object.values(scheme.params ?? {}).filter((p) => p.value === undefined).length);
    expect(blanks.length).toBeGreaterThan(0);
    expect(new Set(blanks.map((f) => f.severity))).toEqual(new Set(['info']));
  });

  it('the seed weights as printed would not pass analysis: weights_not_100 for exactly the two short rows', () => {
    const seedScheme = structuredClone(scheme) as Scheme;
    for (const row of rows.filter((r) => r.position === '车辆环卫主管' || r.position === '驾驶员')) seedScheme.weights.positions![row.position!].indicators = row.seed;
    const errors = analysisErrors(parseScheme(seedScheme));
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['weights_not_100', 'weights.positions.车辆环卫主管.indicators'],
      ['weights_not_100', 'weights.positions.驾驶员.indicators'],
    ]);
  });

  it('a department copy must fill the blank thresholds before the five-level scores can be computed', () => {
    const driver = {
      id: 'DRV1',
      position: '驾驶员',
      inputs: {
        车辆安全管理达标率_车辆数: 1,
        车辆安全管理达标率_事故次数: 0,
        车辆安全管理达标率_万元以上事故次数: 0,
        车辆保养和保洁: 80,
        车辆百公里油耗控制率: 98,
        车辆百公里维修费用控制率: 112,
        劳动纪律遵守情况: 100,
      },
    };
    const blank = evaluateOne(scheme, driver);
    expect(indicator(blank, '车辆百公里油耗控制率').status).toBe('missing-param');
    expect(blank.total).toBeNull();

    const lowerBetter = (key: string) => ({ [`${key}_优秀线`]: 95, [`${key}_良好线`]: 100, [`${key}_尚可线`]: 105, [`${key}_一般线`]: 110 });
    const filled = withParams(scheme, { ...lowerBetter('车辆百公里油耗控制率'), ...lowerBetter('车辆百公里维修费用控制率') });
    const r = evaluateOne(filled, driver);
    // 1 vehicle, no accident → 100; fuel 98% ≤ 100 (良好) → 80; repairs 112% > 110 → 0
    expect([score(r, '车辆安全管理达标率'), score(r, '车辆百公里油耗控制率'), score(r, '车辆百公里维修费用控制率')]).toEqual([100, 80, 0]);
    // completed weights 27.78/27.78/16.67/16.67/11.1:
    // 100×.2778 + 80×.2778 + 80×.1667 + 0×.1667 + 100×.111 = 27.78 + 22.224 + 13.336 + 0 + 11.1 = 74.44 → 良好 (70–90)
    expect(r.total).toBe(74.44);
    expect(r.grade).toBe('良好');
  });

  it('reverse-deduction indicators follow the library’s own rules (R02), including the combined −5', () => {
    const r = evaluateOne(scheme, {
      id: 'HR1',
      position: '招聘管理员',
      inputs: {
        交办事项完成效率和质量_仅延迟次数: 1,
        交办事项完成效率和质量_仅质量不达标次数: 1,
        交办事项完成效率和质量_延迟且质量不达标次数: 1,
        人力资源信息管理_缺资料次数: 30,
        人力资源信息管理_不规范次数: 50,
      },
    });
    // 100 − 2 (late) − 2 (quality) − 5 (both at once, not 2 + 2) = 91
    expect(score(r, '交办事项完成效率和质量')).toBe(91);
    // 100 − 2 × 30 − 1 × 50 = −10 → 扣完为止 → 0
    expect(score(r, '人力资源信息管理')).toBe(0);
  });

  it('qualitative indicators accept only the five-level points; a missing input is missing-input', () => {
    const r = evaluateOne(scheme, { id: 'SEC1', position: '总经理秘书', inputs: { 日常文秘工作满意度: 95, 印章文件资料管理的有序性: 75 } });
    expect(indicator(r, '印章文件资料管理的有序性').status).toBe('out-of-range');
    expect(indicator(r, '工作保密性').status).toBe('missing-input');
    expect(r.total).toBeNull();
  });

  it('indicators scored by a C09 table use exactly the C09 case rows', () => {
    const bandRows = (rule: unknown): unknown[] => {
      const found: unknown[] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          if ('band' in node) found.push((node as { band: unknown[] }).band[1]);
          Object.values(node).forEach(walk);
        }
      };
      walk(rule);
      return found;
    };
    const tableOf = (key: string) => bandRows(c09Scheme.indicators.find((i) => i.key === key)!.score);
    const uses: Record<string, string> = {
      公关和法律事务处理效果: 'legal',
      法律事务处理效果: 'legal',
      大型综合活动_会议筹办效果: 'event',
      各类事故报告的及时性: 'alarm',
      监控设备_系统的维护与管理的有效性: 'faults',
      监控记录的完整性: 'records',
      工作保密性: 'secrecy',
      安全管理状态: 'loss',
      '5S现场管理检查及整改力度': '5s',
      '组织5S现场检查及整改力度': '5s',
    };
    for (const [key, table] of Object.entries(uses)) {
      const ind = scheme.indicators.find((i) => i.key === key);
      expect(ind, key).toBeDefined();
      expect(bandRows(ind!.score), key).toEqual(tableOf(table));
    }
  });
});
