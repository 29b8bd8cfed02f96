/**
 * The rule builder's newer patterns, in Node: each generates JSON Logic that the real engine
 * scores as worked out by hand (edges included), reads back as the same form, and refuses a
 * hand-written rule that differs slightly. Rank-linear is checked through a whole population
 * evaluation, since the engine computes ranks across peers.
 */
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { compileLogic } from '../../rules/logic/index.ts';
import { compileScheme } from '../../rules/3-compile/compile.ts';
import { evaluatePopulation } from '../../rules/4-evaluate/evaluate.ts';
import { templates } from '../../rules/templates/index.ts';
import { curveAscending, dropUnusedPopulationValue, duplicateKeys, generate, initialState, recognize, recognizeAll, upsertRankLinear, type PatternState } from '../../studio/src/lib/rule-patterns.ts';

const n = (value: number) => ({ kind: 'number' as const, value });
const v = (path: string) => ({ var: path });

/** The rule of a state, compiled by the engine, as a function of the inputs. */
function scorer(state: PatternState): (inputs: Record<string, unknown>, params?: Record<string, unknown>) => unknown {
  const run = compileLogic(generate(state));
  return (inputs, params = {}) => run({ inputs, params });
}

describe('step deduction above target (cost, complaint rate)', () => {
  const state: PatternState = { pattern: 'step-deduction', direction: 'above', actual: v('inputs.cost'), target: n(100), full: 100, step: 1, points: n(1.5), floor: 0, rounding: 'floor' };

  it('deducts 1.5 points per whole 1% above plan, nothing on or under plan, down to the floor', () => {
    const score = scorer(state);
    expect(score({ cost: 100 })).toBe(100); // on plan
    expect(score({ cost: 95 })).toBe(100); // under budget: no bonus, no deduction
    expect(score({ cost: 103.5 })).toBe(95.5); // 3.5% above: 3 whole steps × 1.5
    expect(score({ cost: 200 })).toBe(0); // 100 steps × 1.5 = 150 > 100: floor
    expect(scorer({ ...state, rounding: 'ceil' })({ cost: 103.5 })).toBe(94); // a partial step counts: 4 × 1.5
  });

  it('measures the excess in % of a per-employee target', () => {
    const score = scorer({ ...state, target: { kind: 'input', key: 'plan' }, step: 5, points: n(2) });
    expect(score({ cost: 88, plan: 80 })).toBe(96); // 110% of plan: 10% above = 2 steps of 5% × 2
    expect(score({ cost: 83, plan: 80 })).toBe(100); // 103.75%: less than one step
  });

  it('reads back with its direction; below-target rules (templates included) stay "below"', () => {
    expect(recognize(generate(state))).toEqual(state);
    const below = { ...state, direction: 'below' as const };
    expect(recognize(generate(below))).toEqual(below);
    const property = templates.find((t) => t.key === 'property-services')!.scheme.indicators[0]!;
    expect(recognize(property.score)).toMatchObject({ pattern: 'step-deduction', direction: 'below' });
    // Below target still scores as before: 94.7% of 95 → 5 whole points short × 5.
    expect(scorer({ ...below, actual: v('inputs.rate'), target: n(95), points: n(5) })({ rate: 90 })).toBe(75);
  });

  it('does not take a slightly different rule for its own', () => {
    const rule = generate(state) as { max: [number, { '-': [number, { '*': [unknown, { steps: [unknown, number, string] }] }] }] };
    const excessFrom90 = structuredClone(rule);
    const steps = excessFrom90.max[1]['-'][1]['*'][1].steps;
    steps[0] = { '-': [(steps[0] as { '-': unknown[] })['-'][0], 90] };
    expect(recognize(excessFrom90)).toBeNull();
    const exact = structuredClone(rule);
    exact.max[1]['-'][1]['*'][1].steps[2] = 'exact';
    expect(recognize(exact)).toBeNull();
  });
});

describe('deductions by severity class', () => {
  const state: PatternState = {
    pattern: 'severity',
    classes: [
      { count: v('inputs.minor'), points: n(2) },
      { count: v('inputs.major'), points: n(5) },
      { count: v('inputs.serious'), points: { kind: 'param', key: 'serious_points' } },
    ],
    full: 100,
    floor: 0,
  };

  it('takes each class’s points per occurrence off full points, down to the floor', () => {
    const score = scorer(state);
    const params = { serious_points: 10 };
    expect(score({ minor: 0, major: 0, serious: 0 }, params)).toBe(100);
    expect(score({ minor: 3, major: 1, serious: 0 }, params)).toBe(89); // 100 − 3×2 − 1×5
    expect(score({ minor: 1, major: 2, serious: 1 }, params)).toBe(78); // 100 − 2 − 10 − 10
    expect(score({ minor: 0, major: 0, serious: 11 }, params)).toBe(0); // 110 off: 扣完为止
    expect(scorer({ ...state, floor: 40 })({ minor: 0, major: 20, serious: 0 }, params)).toBe(40);
  });

  it('generates a readable sum and reads it back', () => {
    expect(generate(state)).toEqual({
      max: [0, { '-': [100, { '+': [{ '*': [2, v('inputs.minor')] }, { '*': [5, v('inputs.major')] }, { '*': [v('params.serious_points'), v('inputs.serious')] }] }] }],
    });
    expect(recognize(generate(state))).toEqual(state);
  });

  it('does not take a slightly different rule for its own', () => {
    expect(recognize({ max: [0, { '-': [100, { '+': [{ '*': [2, v('inputs.minor')] }, { '*': [v('inputs.major'), 5] }] }] }] })).toBeNull(); // count × points
    expect(recognize({ max: [0, { '-': [100, { '+': [{ '*': [2, v('inputs.minor')] }, 3] }] }] })).toBeNull(); // a constant term
    expect(recognize({ min: [0, { '-': [100, { '+': [{ '*': [2, v('inputs.minor')] }] }] }] })).toBeNull(); // min, not a floor
  });
});

describe('piecewise curve', () => {
  const state: PatternState = { pattern: 'curve', x: v('inputs.achievement'), points: [{ x: 60, y: 0 }, { x: 80, y: 60 }, { x: 100, y: 100 }, { x: 120, y: 110 }] };

  it('is linear between points, exact on a point, and flat beyond both ends', () => {
    const score = scorer(state);
    expect(generate(state)).toEqual({ interpolate: [v('inputs.achievement'), [[60, 0], [80, 60], [100, 100], [120, 110]]] });
    expect(score({ achievement: 50 })).toBe(0); // below the first point
    expect(score({ achievement: 60 })).toBe(0);
    expect(score({ achievement: 70 })).toBe(30); // halfway from (60, 0) to (80, 60)
    expect(score({ achievement: 80 })).toBe(60); // on a point
    expect(score({ achievement: 90 })).toBe(80);
    expect(score({ achievement: 110 })).toBe(105);
    expect(score({ achievement: 130 })).toBe(110); // beyond the last point
    expect(score({})).toBeNull(); // no value, no score
  });

  it('reads back, and flags points out of order (the engine gives no score for them)', () => {
    expect(recognize(generate(state))).toEqual(state);
    const unordered: PatternState = { ...state, points: [{ x: 80, y: 60 }, { x: 60, y: 0 }] };
    expect(curveAscending(unordered.points)).toBe(false);
    expect(scorer(unordered)({ achievement: 70 })).toBeNull();
  });

  it('does not take a slightly different rule for its own', () => {
    expect(recognize({ interpolate: [v('inputs.achievement'), [[60, 0, 1], [80, 60]]] })).toBeNull();
    expect(recognize({ interpolate: [{ var: ['inputs.achievement', 0] }, [[60, 0]]] })).toBeNull();
    expect(recognize({ interpolate: [v('inputs.achievement'), []] })).toBeNull();
  });
});

describe('checklist: passed ÷ applicable × full (实得分 ÷ 应得分)', () => {
  const state: PatternState = { pattern: 'checklist', earned: v('inputs.passed'), applicable: { kind: 'input', key: 'applicable' }, full: 50, none: 50 };

  it('scores the share passed, caps bad data at full points, and gives its own score when nothing applies', () => {
    const score = scorer(state);
    expect(generate(state)).toEqual({ min: [50, { div: [{ '*': [v('inputs.passed'), 50] }, v('inputs.applicable'), 50] }] });
    expect(score({ passed: 18, applicable: 20 })).toBe(45);
    expect(score({ passed: 20, applicable: 20 })).toBe(50);
    expect(score({ passed: 0, applicable: 20 })).toBe(0);
    expect(score({ passed: 0, applicable: 0 })).toBe(50); // nothing applicable
    expect(score({ passed: 22, applicable: 20 })).toBe(50); // more passed than applicable: capped
    // 「20x (车辆数-车辆事故次数)/车辆总数」: 8 vehicles, 7 without an accident.
    expect(scorer({ ...state, applicable: n(8), full: 20, none: 20 })({ passed: 7 })).toBe(17.5);
  });

  it('reads back; not a ratio-to-target rule, and not without its cap', () => {
    expect(recognize(generate(state))).toEqual(state);
    expect(recognize({ div: [{ '*': [v('inputs.passed'), 50] }, v('inputs.applicable'), 50] })).toBeNull();
    expect(recognize({ min: [50, { div: [{ '*': [v('inputs.passed'), 100] }, v('inputs.applicable'), 50] }] })).toBeNull(); // × 100 but capped at 50
    expect(recognize({ min: [50, { div: [{ '*': [v('inputs.passed'), 50] }, v('inputs.applicable'), null] }] })).toBeNull();
  });
});

describe('lookup table with text keys', () => {
  const state: PatternState = { pattern: 'lookup', x: v('inputs.level'), table: [{ key: '优秀', score: 100 }, { key: '良好', score: 85 }, { key: '合格', score: 70 }, { key: '不合格', score: 0 }], fallback: 0 };

  it('gives each text value its score and the fallback for any other value', () => {
    const score = scorer(state);
    expect(score({ level: '良好' })).toBe(85);
    expect(score({ level: '不合格' })).toBe(0);
    expect(score({ level: '很好' })).toBe(0); // unknown key → fallback
    expect(scorer({ ...state, fallback: null })({ level: '很好' })).toBeNull();
    expect(scorer({ ...state, fallback: 60 })({})).toBe(60); // no value → fallback
  });

  it('reads back as lookup; a numeric table is a rating scale first but can open as a lookup', () => {
    expect(recognize(generate(state))).toEqual(state);
    const grades: PatternState = { pattern: 'lookup', x: v('inputs.grade'), table: [{ key: 'A', score: 1.2 }, { key: 'B', score: 1 }], fallback: null };
    expect(recognize(generate(grades))).toEqual(grades);
    const numeric = { lookup: [{ '1': 0, '2': 100 }, v('inputs.r'), null] };
    expect(recognizeAll(numeric).map((s) => s.pattern)).toEqual(['rating', 'lookup']);
  });

  it('flags duplicate keys and refuses tables it cannot regenerate', () => {
    expect(duplicateKeys([{ key: 'A' }, { key: 'B' }, { key: 'A' }])).toEqual(['A']);
    expect(recognize({ lookup: [{ 优秀: 'A' }, v('inputs.level'), 0] })).toBeNull(); // a text score
    expect(recognize({ lookup: [{ 优秀: 100 }, v('inputs.level')] })).toBeNull(); // no fallback written
  });
});

describe('rank among peers, linear (a population value)', () => {
  const state: Extract<PatternState, { pattern: 'rank-linear' }> = { pattern: 'rank-linear', key: 'adherence_rank', source: 'inputs.adherence', order: 'higher-better', scope: 'all', best: 10, worst: 6 };

  function scheme(): Scheme {
    return {
      key: 'rank-test',
      title: 'Rank test',
      period: 'month',
      inputs: { adherence: { type: 'number', minimum: 0, maximum: 100 } },
      indicators: [{ key: 'adherence', title: '遵时度排名', score: generate(state) }],
      weights: { default: { indicators: { adherence: 100 } } },
      grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 8 }, { grade: 'B', max: 8 }] },
    } as Scheme;
  }

  /** Each employee's adherence score, evaluated across the population by the real pipeline. */
  function scores(doc: Scheme, staff: Array<[string, string, number]>): Record<string, number | null> {
    const result = evaluatePopulation(compileScheme(doc), staff.map(([id, department, adherence]) => ({ id, department, inputs: { adherence } })));
    return Object.fromEntries(result.employees.map((e) => [e.employeeId, e.indicators[0]!.score]));
  }

  it('writes the population value the rule reads, and the engine scores best 10 … worst 6 by rank', () => {
    const doc = scheme();
    expect(generate(state)).toEqual({ var: 'population.adherence_rank' });
    expect(upsertRankLinear(doc, state, '遵时度排名得分')).toBe(true);
    expect(doc.population?.values).toEqual([{ key: 'adherence_rank', title: '遵时度排名得分', kind: 'rank-linear', source: 'inputs.adherence', order: 'higher-better', scope: 'all', best: 10, worst: 6 }]);
    const staff: Array<[string, string, number]> = [['e1', 'd1', 98], ['e2', 'd1', 95], ['e3', 'd2', 95], ['e4', 'd2', 90], ['e5', 'd2', 80]];
    // Ranks 1, 2, 2 (shared), 4, 5 of 5: 10 − (rank − 1) × (10 − 6) ÷ 4.
    expect(scores(doc, staff)).toEqual({ e1: 10, e2: 9, e3: 9, e4: 7, e5: 6 });

    // Lower is better, ranked within each department.
    upsertRankLinear(doc, { ...state, order: 'lower-better', scope: 'department' });
    expect(scores(doc, staff)).toEqual({ e1: 6, e2: 10, e3: 6, e4: 8, e5: 10 });
  });

  it('reads back only with the scheme, keeps fields the form does not edit, and leaves an up-to-date entry alone', () => {
    const doc = scheme();
    doc.population = { values: [{ key: 'adherence_rank', title: 'kept', kind: 'rank-linear', source: 'inputs.adherence', best: 10, worst: 6, minCount: 3 }] };
    expect(recognize(generate(state), doc)).toEqual(state);
    expect(recognize(generate(state))?.pattern).toBe('direct'); // without the scheme it is just a value
    expect(upsertRankLinear(doc, state)).toBe(false); // order and scope defaults stay unwritten
    expect(doc.population.values![0]).not.toHaveProperty('scope');
    expect(upsertRankLinear(doc, { ...state, best: 12 })).toBe(true);
    expect(doc.population.values![0]).toMatchObject({ title: 'kept', minCount: 3, best: 12 });
    // A peer mean is not a rank: the plain-value form shows it.
    doc.population.values![0]!.kind = 'mean';
    expect(recognize(generate(state), doc)?.pattern).toBe('direct');
  });

  it('drops the ranking once no rule reads it any more', () => {
    const doc = scheme();
    upsertRankLinear(doc, state);
    expect(dropUnusedPopulationValue(doc, 'adherence_rank')).toBe(false); // the indicator still reads it
    doc.indicators[0]!.score = { clamp: [v('inputs.adherence'), 0, 100] };
    expect(dropUnusedPopulationValue(doc, 'adherence_rank')).toBe(true);
    expect(doc.population?.values).toEqual([]);
  });

  it('starts from the chosen input with a fresh key', () => {
    expect(initialState('rank-linear', v('inputs.adherence'), { populationKey: 'adherence_rank_2' })).toEqual({ pattern: 'rank-linear', key: 'adherence_rank_2', source: 'inputs.adherence', order: 'higher-better', scope: 'all', best: 100, worst: 0 });
  });
});
