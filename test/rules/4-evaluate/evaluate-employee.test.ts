import { describe, expect, it } from 'vitest';
import { compileScheme, evaluateEmployee, parseScheme, YardstickError } from '../../../rules/index.ts';
import { baseScheme } from './build.ts';

const evaluate = (scheme: ReturnType<typeof baseScheme>, inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  evaluateEmployee(compileScheme(scheme), { id: 'E1', inputs, ...extra });

describe('evaluateEmployee: scores, weights and grade', () => {
  it('weights indicator scores into a total and a band grade', () => {
    // sales 95/100 → 95; complaints 2 → 80; total 0.7×95 + 0.3×80 = 66.5 + 24 = 90.5 → A
    const r = evaluate(baseScheme(), { sales: 95, target: 100, complaints: 2 });
    expect(r.indicators.map((i) => [i.key, i.status, i.score, i.weighted])).toEqual([
      ['sales_ratio', 'ok', 95, 66.5],
      ['complaints', 'ok', 80, 24],
    ]);
    expect(r.total).toBeCloseTo(90.5, 10);
    expect(r.grade).toBe('A');
    expect(r.coefficient).toBe(1.15);
    expect(r.status).toBe('ok');
  });

  it('explains each score with the values used and the steps taken', () => {
    const r = evaluate(baseScheme(), { sales: 95, target: 100, complaints: 12 });
    const complaints = r.indicators[1];
    expect(complaints.score).toBe(0);
    expect(complaints.used).toEqual({ 'inputs.complaints': 12 });
    expect(complaints.explanation).toContain('inputs.complaints = 12');
    expect(complaints.trace.map((s) => s.text)).toContain('max(0, -20) = 0');
  });

  it('reports a missing input by name and leaves total and grade empty', () => {
    const r = evaluate(baseScheme(), { sales: 95, target: 100 });
    expect(r.indicators[1].status).toBe('missing-input');
    expect(r.indicators[1].explanation).toContain('"complaints"');
    expect(r.indicators[1].score).toBeNull();
    expect(r.status).toBe('incomplete');
    expect(r.total).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.notes.join(' ')).toContain('complaints (missing-input)');
  });

  it('reports division by zero instead of storing Infinity or NaN', () => {
    const r = evaluate(baseScheme(), { sales: 95, target: 0, complaints: 0 });
    expect(r.indicators[0].status).toBe('division-by-zero');
    expect(r.indicators[0].score).toBeNull();
    expect(r.total).toBeNull();
    const zeroByZero = evaluate(baseScheme(), { sales: 0, target: 0, complaints: 0 });
    expect(zeroByZero.indicators[0].status).toBe('division-by-zero');
  });

  it('reports out-of-range and wrongly typed inputs', () => {
    const r = evaluate(baseScheme(), { sales: -5, target: 100, complaints: 1.5 });
    expect(r.indicators[0].status).toBe('out-of-range');
    expect(r.indicators[0].explanation).toContain('below the minimum 0');
    expect(r.indicators[1].status).toBe('out-of-range');
    expect(r.indicators[1].explanation).toContain('whole number');
  });

  it('reports a blank template parameter as missing-param', () => {
    const scheme = baseScheme({
      params: { target: { title: 'Target' } },
      indicators: [{ key: 'sales_ratio', title: 'Sales', score: { '*': [100, { '/': [{ var: 'inputs.sales' }, { var: 'params.target' }] }] } }, { key: 'complaints', title: 'C', score: 100 }],
    });
    const r = evaluate(scheme, { sales: 1, target: 1, complaints: 0 });
    expect(r.indicators[0].status).toBe('missing-param');
    expect(r.indicators[0].explanation).toContain('parameter "target" has no value yet');
  });

  it('reports a rule that does not give a number as invalid-result', () => {
    const scheme = baseScheme({ indicators: [{ key: 'sales_ratio', title: 'S', score: { cat: ['a', 'b'] } }, { key: 'complaints', title: 'C', score: 100 }] });
    expect(evaluate(scheme, { sales: 1, target: 1, complaints: 0 }).indicators[0].status).toBe('invalid-result');
  });

  it('gives status error to indicators with unknown operators or in a reference cycle, and still scores the rest', () => {
    const scheme = baseScheme({
      indicators: [
        { key: 'sales_ratio', title: 'S', score: { method: ['x', 'toUpperCase'] } },
        { key: 'complaints', title: 'C', score: 100 },
        { key: 'a', title: 'A', score: { var: 'indicators.b' } },
        { key: 'b', title: 'B', score: { var: 'indicators.a' } },
      ],
      weights: { default: { indicators: { sales_ratio: 50, complaints: 30, a: 10, b: 10 } } },
    });
    const r = evaluate(scheme, { sales: 1, target: 1, complaints: 0 });
    const byKey = Object.fromEntries(r.indicators.map((i) => [i.key, i]));
    expect(byKey.sales_ratio.status).toBe('error');
    expect(byKey.sales_ratio.explanation).toContain('method');
    expect(byKey.complaints.status).toBe('ok');
    expect(byKey.a.status).toBe('error');
    expect(byKey.a.explanation).toContain('cycle');
  });

  it('uses the weight matrix row of the position and skips indicators that do not apply', () => {
    const scheme = baseScheme({ weights: { default: { indicators: { sales_ratio: 70, complaints: 30 } }, positions: { clerk: { indicators: { complaints: 100 } } } } });
    const r = evaluate(scheme, { complaints: 1 }, { position: 'clerk' });
    expect(r.indicators[0]).toMatchObject({ key: 'sales_ratio', status: 'not-applicable', weight: null });
    expect(r.indicators[1]).toMatchObject({ key: 'complaints', status: 'ok', weight: 100, score: 90 });
    expect(r.total).toBe(90);
    expect(r.status).toBe('ok');
    // An unknown position uses the default row.
    expect(evaluate(scheme, { sales: 100, target: 100, complaints: 0 }, { position: 'nobody' }).total).toBe(100);
  });

  it('rejects an employee record without an id, naming the field', () => {
    expect(() => evaluateEmployee(compileScheme(baseScheme()), { id: '', inputs: {} })).toThrowError(YardstickError);
    expect(() => evaluateEmployee(compileScheme(baseScheme()), { id: '', inputs: {} })).toThrow(/no employee id/);
  });
});

describe('evaluateEmployee: dimensions, indicator references and rounding', () => {
  // C03-like: behaviours 50/30/20 inside a 30% dimension, the result section 70%.
  const nested = parseScheme({
    key: 'nested',
    title: 'Nested',
    period: 'year',
    inputs: { truth: { type: 'number' }, service: { type: 'number' }, team: { type: 'number' }, result: { type: 'number' } },
    dimensions: [
      { key: 'result', title: 'Result', weight: 70 },
      { key: 'behaviour', title: 'Behaviour', weight: 30 },
    ],
    indicators: [
      { key: 'result', title: 'Work goals', dimension: 'result', score: { var: 'inputs.result' } },
      { key: 'truth', title: 'Truth', dimension: 'behaviour', score: { var: 'inputs.truth' } },
      { key: 'service', title: 'Service', dimension: 'behaviour', score: { var: 'inputs.service' } },
      { key: 'team', title: 'Team', dimension: 'behaviour', score: { var: 'inputs.team' } },
    ],
    weights: { default: { indicators: { result: 100, truth: 50, service: 30, team: 20 } } },
    grading: { grades: [{ key: 'pass' }], bands: [{ grade: 'pass' }] },
    rounding: { totalDecimals: 2 },
  });

  it('computes dimension subtotals and combines them with dimension weights', () => {
    const r = evaluateEmployee(compileScheme(nested), { id: 'cashier', inputs: { truth: 4, service: 2, team: 3, result: 4.5 } });
    expect(r.dimensions.map((d) => [d.key, d.subtotal])).toEqual([
      ['result', 4.5],
      ['behaviour', expect.closeTo(3.2, 10)],
    ]);
    expect(r.total).toBe(4.11); // 0.7 × 4.5 + 0.3 × 3.2 = 3.15 + 0.96
  });

  it('lets an indicator read another and rounds indicator scores half-up as configured', () => {
    const scheme = baseScheme({
      indicators: [
        { key: 'sales_ratio', title: 'Sales', score: { '*': [100, { '/': [{ var: 'inputs.sales' }, { var: 'inputs.target' }] }] }, decimals: 1 },
        { key: 'complaints', title: 'Twice', score: { '-': [{ var: 'indicators.sales_ratio' }, 50] } },
      ],
    });
    // 100 × 1/16 = 6.25 → 6.3 (half-up on the decimal, as the source tables print it)
    const r = evaluate(scheme, { sales: 1, target: 16, complaints: 0 });
    expect(r.indicators[0].score).toBe(6.3);
    expect(r.indicators[1].score).toBeCloseTo(-43.7, 10);
    expect(r.indicators[1].used).toEqual({ 'indicators.sales_ratio': 6.3 });
  });

  it('sums points in a point-sheet scheme, where bonuses may take the total above 100', () => {
    const scheme = baseScheme({
      aggregation: 'sum',
      indicators: [
        { key: 'sales_ratio', title: 'Errors (50)', max: 50, score: { '+': [50, 2] } },
        { key: 'complaints', title: 'Timeliness (50)', max: 50, score: 52 },
      ],
      weights: { default: { indicators: { sales_ratio: 50, complaints: 50 } } },
    });
    expect(evaluate(scheme, {}).total).toBe(104);
  });

  it('computes derived scores from dimension subtotals with other weights', () => {
    const scheme = parseScheme({ ...nested, derivedScores: [{ key: 'promotion', dimensions: { result: 30, behaviour: 70 } }] });
    const r = evaluateEmployee(compileScheme(scheme), { id: 'x', inputs: { truth: 4, service: 2, team: 3, result: 4.5 } });
    expect(r.derived.promotion).toBe(3.59); // 0.3 × 4.5 + 0.7 × 3.2 = 1.35 + 2.24
  });
});

describe('evaluateEmployee: adjustments in order', () => {
  const withAdjustments = (adjustments: unknown[]) =>
    baseScheme({
      inputs: { sales: { type: 'number' }, target: { type: 'number' }, complaints: { type: 'integer' }, innovations: { type: 'integer', default: 0 }, violation: { type: 'boolean', default: false } },
      adjustments,
    });

  it('adds a capped bonus and subtracts deductions before grading', () => {
    const scheme = withAdjustments([
      { key: 'innovation', kind: 'bonus', points: { '*': [2, { var: 'inputs.innovations' }] }, cap: 10 },
      { key: 'late', kind: 'deduction', points: 1.5, when: { '>': [{ var: 'inputs.complaints' }, 3] } },
    ]);
    // base: 0.7 × 80 + 0.3 × 60 = 56 + 18 = 74 (C); +min(2×7, 10) = 84 (B); −1.5 = 82.5 (B)
    const r = evaluate(scheme, { sales: 80, target: 100, complaints: 4, innovations: 7 });
    expect(r.baseTotal).toBeCloseTo(74, 10);
    expect(r.adjustments.filter((a) => a.applied).map((a) => [a.key, a.points])).toEqual([
      ['innovation', 10],
      ['late', -1.5],
    ]);
    expect(r.adjustments[0].note).toContain('14 capped at 10');
    expect(r.total).toBeCloseTo(82.5, 10);
    expect(r.bandGrade).toBe('B');
  });

  it('lets a veto force a grade that later bumps cannot change', () => {
    const scheme = withAdjustments([
      { key: 'violation', kind: 'veto', when: { var: 'inputs.violation' }, grade: 'D' },
      { key: 'bump', kind: 'grade-bump', steps: 1 },
    ]);
    const vetoed = evaluate(scheme, { sales: 100, target: 100, complaints: 0, violation: true });
    expect(vetoed.bandGrade).toBe('A');
    expect(vetoed.grade).toBe('D');
    expect(vetoed.coefficient).toBe(0);
    expect(vetoed.adjustments.find((a) => a.key === 'bump')?.note).toContain('fixed by a veto');
    const bumped = evaluate(scheme, { sales: 85, target: 100, complaints: 0 });
    // 0.7 × 85 + 30 = 89.5 → B, bumped one grade → A
    expect([bumped.bandGrade, bumped.grade]).toEqual(['B', 'A']);
  });

  it('grades with a JSON Logic rule when the scheme has no bands', () => {
    const scheme = baseScheme({ grading: { grades: [{ key: 'pass' }, { key: 'fail' }], rule: { if: [{ '>=': [{ var: 'total' }, 75] }, 'pass', 'fail'] } } });
    expect(evaluate(scheme, { sales: 80, target: 100, complaints: 0 }).grade).toBe('pass');
    expect(evaluate(scheme, { sales: 50, target: 100, complaints: 0 }).grade).toBe('fail');
  });
});
