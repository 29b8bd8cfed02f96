/**
 * The tracer: readable steps with pointers, in evaluation order, capped, with the same result
 * as the compiled evaluators.
 */
import { describe, expect, it } from 'vitest';
import { isYardstickError } from '../../../rules/errors.ts';
import { compileLogic, DEFAULT_MAX_STEPS, traceLogic } from '../../../rules/logic/index.ts';

const texts = (rule: unknown, data: unknown): string[] => traceLogic(rule, data).steps.map((step) => step.text);

describe('traceLogic', () => {
  it('explains a score formula bottom-up', () => {
    const rule = { max: [0, { '-': [100, { '*': [10, { var: 'inputs.complaints' }] }] }] };
    const { result, steps } = traceLogic(rule, { inputs: { complaints: 12 } });
    expect(result).toBe(0);
    expect(steps).toEqual([
      { pointer: '/max/1/-/1/*/1', op: 'var', text: 'inputs.complaints = 12', value: 12 },
      { pointer: '/max/1/-/1', op: '*', text: '10 × 12 = 120', value: 120 },
      { pointer: '/max/1', op: '-', text: '100 - 120 = -20', value: -20 },
      { pointer: '', op: 'max', text: 'max(0, -20) = 0', value: 0 },
    ]);
  });

  it('says which branch an if took', () => {
    const rule = { if: [{ '>': [{ var: 'inputs.complaints' }, 2] }, { '-': [10, 5] }, 10] };
    expect(texts(rule, { inputs: { complaints: 3 } })).toEqual(['inputs.complaints = 3', '3 > 2 is true', '10 - 5 = 5', 'condition 1 is true: took branch 1']);
    expect(traceLogic(rule, { inputs: { complaints: 3 } }).steps[2]?.pointer).toBe('/if/1');
    expect(texts(rule, { inputs: { complaints: 1 } }).at(-1)).toBe('no condition is true: took the else branch');
    expect(texts({ if: [false, 1] }, null)).toEqual(['no condition is true and there is no else branch: null']);
    expect(texts({ if: [{ '==': [1, 2] }, 'a', { '==': [1, 1] }, 'b', 'c'] }, null).at(-1)).toBe('condition 2 is true: took branch 2');
  });

  it('says which band row matched', () => {
    const rule = {
      band: [
        { var: 'x' },
        [
          { max: 10, value: 0 },
          { min: 10, max: 15, includeMin: false, includeMax: true, value: 5 },
          { min: 15, includeMin: false, value: 10 },
        ],
      ],
    };
    expect(texts(rule, { x: 12 }).at(-1)).toBe('12 is in (10, 15] → 5');
    expect(texts(rule, { x: 3 }).at(-1)).toBe('3 is in (-∞, 10) → 0');
    expect(texts(rule, { x: 20 }).at(-1)).toBe('20 is in (15, ∞) → 10');
    expect(texts({ band: [{ var: 'x' }, [{ min: 90, value: 'A' }], 'none'] }, { x: 1 }).at(-1)).toBe('1 is in no row → fallback "none"');
  });

  it('words var defaults, and/or, domain operators and loops', () => {
    expect(texts({ var: ['kpi.late', 0] }, {})).toEqual(['kpi.late is missing → default 0']);
    expect(texts({ and: [true, 0, 5] }, null)).toEqual(['value 2 of 3 is falsy → 0']);
    expect(texts({ or: [0, ''] }, null)).toEqual(['no value is truthy → ""']);
    expect(texts({ round: [1.005, 2] }, null)).toEqual(['round(1.005, 2) = 1.01']);
    expect(texts({ div: [{ var: 'a' }, 0, 0] }, { a: 5 }).at(-1)).toBe('5 ÷ 0 has no finite result → fallback 0');
    expect(texts({ steps: [25, 10, 'ceil'] }, null)).toEqual(['25 in steps of 10 (ceil) = 3']);
    expect(texts({ interpolate: [75, [[70, 60], [80, 80]]] }, null)).toEqual(['75 lies between [70,60] and [80,80] → 70']);
    expect(texts({ lookup: [{ A: 1, B: 2 }, 'C', 0] }, null)).toEqual(['"C" is not in the table → fallback 0']);
    expect(texts({ all: [[1, 2, 3], { '>': [{ var: '' }, 1] }] }, null).at(-1)).toBe('item 1 of 3 fails → false');
    expect(texts({ some: [[1, 2, 3], { '>': [{ var: '' }, 1] }] }, null).at(-1)).toBe('item 2 of 3 passes → true');
    expect(texts({ filter: [[1, 2, 3], { '>': [{ var: '' }, 1] }] }, null).at(-1)).toBe('kept 2 of 3 items → [2,3]');
  });

  it('caps the steps, closing with a "… N more steps" marker', () => {
    const items = Array.from({ length: 500 }, (_, i) => i);
    const { result, steps } = traceLogic({ map: [{ var: 'items' }, { '*': [{ var: '' }, 2] }] }, { items });
    expect(result).toEqual(items.map((i) => i * 2));
    // 1 (items) + 500 × 2 (var, *) + 1 (map) = 1002 steps, 200 kept
    expect(steps).toHaveLength(DEFAULT_MAX_STEPS + 1);
    expect(steps.at(-1)).toEqual({ pointer: '', op: '…', text: '… 802 more steps', value: null, message: { code: 'trace.more', args: { count: 802 } } });
    expect(traceLogic({ '+': [1, { var: 'a' }] }, {}, { maxSteps: 1 }).steps.map((step) => step.text)).toEqual(['a = null', '… 1 more steps']);
  });

  it('gives the same result as the compiled evaluator, and the same errors', () => {
    const rule = { reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] };
    expect(traceLogic(rule, { xs: [1, 2, 3] }).result).toBe(compileLogic(rule)({ xs: [1, 2, 3] }));
    for (const bad of [{ nope: 1 }, { var: 'a.constructor' }]) {
      expect(() => traceLogic(bad, {})).toThrow(expect.objectContaining({ name: 'YardstickError' }));
    }
    try {
      traceLogic({ map: [{ var: 'xs' }, 1] }, { xs: new Array(100).fill(0) }, { limits: { maxWork: 10 } });
      expect.unreachable();
    } catch (error) {
      expect(isYardstickError(error) && error.code).toBe('limit_exceeded');
    }
  });
});
