/**
 * Domain operators: round, clamp, div, band, lookup, interpolate and steps, at their edges,
 * through every evaluator (json-logic-js has them registered, so it must agree too).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundByDigits } from '../../../rules/logic/decimal.ts';
import { clamp, clampGeneral, round, roundGeneral, safeDivide, safeDivideGeneral } from '../../../rules/logic/ops-domain.ts';
import { roundHalfUp } from '../../../rules/logic/index.ts';
import { EVALUATORS } from './evaluators.ts';

interface Case {
  readonly title: string;
  readonly rule: unknown;
  readonly data?: unknown;
  readonly expected: unknown;
}

const c = (title: string, rule: unknown, expected: unknown, data: unknown = {}): Case => ({ title, rule, data, expected });

const ROUND: Case[] = [
  c('1.005 to 2 places is 1.01 (binary 1.00499… would give 1.00)', { round: [1.005, 2] }, 1.01),
  c('6.25 to 1 place is 6.3', { round: [6.25, 1] }, 6.3),
  c('-2.5 rounds away from zero', { round: [-2.5] }, -3),
  c('2.675 to 2 places is 2.68', { round: [2.675, 2] }, 2.68),
  c('0.5 is 1', { round: [0.5] }, 1),
  c('-0.4 is 0, not -0', { round: [-0.4] }, 0),
  c('9.995 carries to 10', { round: [9.995, 2] }, 10),
  c('1.45 to 1 place is 1.5', { round: [1.45, 1] }, 1.5),
  c('tiny numbers round to 0', { round: [1e-7, 2] }, 0),
  c('large numbers stay', { round: [1e21, 2] }, 1e21),
  c('numeric strings are read', { round: ['2.5'] }, 3),
  c('places default to 0; null is 0', { round: [2.4, null] }, 2),
  c('10 places is allowed', { round: [0.12345678905, 10] }, 0.1234567891),
  c('11 places gives null', { round: [1.5, 11] }, null),
  c('fractional places give null', { round: [1.5, 0.5] }, null),
  c('negative places give null', { round: [15, -1] }, null),
  c('a non-number gives null', { round: ['abc'] }, null),
  c('null gives null', { round: [null] }, null),
  c('a missing var gives null', { round: [{ var: 'x' }, 1] }, null),
  c('NaN from a computation gives null', { round: [{ '/': [0, 0] }] }, null),
  c('Infinity gives null', { round: [{ '/': [1, 0] }] }, null),
];

const CLAMP: Case[] = [
  c('above hi', { clamp: [120, 0, 100] }, 100),
  c('below lo', { clamp: [-5, 0, 100] }, 0),
  c('inside', { clamp: [55.5, 0, 100] }, 55.5),
  c('null lo is unbounded', { clamp: [-500, null, 100] }, -500),
  c('null hi is unbounded', { clamp: [500, 0, null] }, 500),
  c('missing var as bound is unbounded', { clamp: [500, 0, { var: 'cap' }] }, 500),
  c('lo > hi: hi wins', { clamp: [5, 10, 0] }, 0),
  c('a non-number gives null', { clamp: ['x', 0, 1] }, null),
  c('a non-number bound gives null', { clamp: [1, 'low', 2] }, null),
];

const DIV: Case[] = [
  c('plain quotient', { div: [7, 2] }, 3.5),
  c('division by zero gives null', { div: [7, 0] }, null),
  c('division by zero gives the fallback', { div: [7, 0, 0] }, 0),
  c('0/0 gives the fallback', { div: [0, 0, 'n/a'] }, 'n/a'),
  c('overflow gives the fallback', { div: [1e308, 1e-308, -1] }, -1),
  c('a missing operand gives the fallback', { div: [{ var: 'actual' }, { var: 'plan' }, 0] }, 0, { plan: 10 }),
  c('numeric strings are read', { div: ['9', '3'] }, 3),
];

const rows = [
  { max: 10, value: 0 },
  { min: 10, max: 15, includeMin: false, includeMax: true, value: 5 },
  { min: 15, includeMin: false, value: 10 },
];

const BAND: Case[] = [
  c('12 is in (10, 15]', { band: [12, rows] }, 5),
  c('10 matches no row: (-∞, 10) and (10, 15] both exclude it', { band: [10, rows, 'none'] }, 'none'),
  c('15 is in (10, 15] (includeMax)', { band: [15, rows] }, 5),
  c('15.0001 is in (15, ∞)', { band: [15.0001, rows] }, 10),
  c('9.999 is in (-∞, 10)', { band: [9.999, rows] }, 0),
  c('first matching row wins', { band: [5, [{ min: 0, value: 'first' }, { min: 0, max: 10, value: 'second' }]] }, 'first'),
  c('min is inclusive by default', { band: [90, [{ min: 90, value: 'A' }, { min: 0, max: 90, value: 'B' }]] }, 'A'),
  c('includeMin false excludes the edge', { band: [90, [{ min: 90, includeMin: false, value: 'A' }, { min: 0, max: 90, includeMax: true, value: 'B' }]] }, 'B'),
  c('no match gives null by default', { band: [-1, [{ min: 0, value: 'x' }]] }, null),
  c('non-number x gives the fallback', { band: ['abc', rows, 'fallback'] }, 'fallback'),
  c('rows from the data', { band: [{ var: 'x' }, { var: 'table' }] }, 'B', { x: 85, table: [{ min: 90, value: 'A' }, { min: 80, max: 90, value: 'B' }] }),
  c('a row value is data, not logic', { band: [1, [{ min: 0, value: { var: 'x' } }]] }, { var: 'x' }, { x: 'evaluated?' }),
  c('unusable rows (bad edges) are skipped', { band: [1, [{ min: 'low', value: 'bad' }, { min: 0, value: 'good' }]] }, 'good'),
];

const LOOKUP: Case[] = [
  c('own key', { lookup: [{ A: 1.2, B: 1, C: 0.8 }, 'B'] }, 1),
  c('absent key gives null', { lookup: [{ A: 1.2, B: 1 }, 'Z'] }, null),
  c('absent key gives the fallback', { lookup: [{ A: 1.2, B: 1 }, 'Z', 0] }, 0),
  c('array index', { lookup: [['x', 'y', 'z'], 2] }, 'z'),
  c('array index as string', { lookup: [['x', 'y', 'z'], '1'] }, 'y'),
  c('array length is not an index', { lookup: [['x', 'y'], 'length', 'no'] }, 'no'),
  c('inherited keys are absent', { lookup: [{ a: 1, b: 2 }, 'toString', 'no'] }, 'no'),
  c('hasOwnProperty is absent', { lookup: [{ a: 1, b: 2 }, 'hasOwnProperty', 'no'] }, 'no'),
  c('a forbidden key from the data gives the fallback', { lookup: [{ var: 't' }, { var: 'k' }, 'no'] }, 'no', JSON.parse('{"t":{"__proto__":1,"constructor":2},"k":"__proto__"}')),
  c('table from the data', { lookup: [{ var: 'factors' }, { var: 'grade' }] }, 0.8, { factors: { A: 1.2, C: 0.8 }, grade: 'C' }),
];

const INTERPOLATE: Case[] = [
  c('between points', { interpolate: [75, [[70, 60], [80, 80]]] }, 70),
  c('at a point', { interpolate: [80, [[70, 60], [80, 80], [100, 100]]] }, 80),
  c('below the first point', { interpolate: [10, [[70, 60], [80, 80]]] }, 60),
  c('above the last point', { interpolate: [120, [[70, 60], [80, 80]]] }, 80),
  c('single point', { interpolate: [5, [[1, 7]]] }, 7),
  c('a vertical step takes the later segment', { interpolate: [1.5, [[1, 0], [1, 5], [2, 10]]] }, 7.5),
  c('descending xs give null', { interpolate: [5, [[10, 0], [0, 10]]] }, null),
  c('non-numeric x gives null', { interpolate: ['x', [[0, 0], [1, 1]]] }, null),
  c('no points give null', { interpolate: [1, []] }, null),
];

const STEPS: Case[] = [
  c('whole steps (floor by default)', { steps: [25, 10] }, 2),
  c('ceil counts a started step', { steps: [25, 10, 'ceil'] }, 3),
  c('exact is the quotient', { steps: [25, 10, 'exact'] }, 2.5),
  c('0.3 / 0.1 is 3 whole steps, not 2.9999999999999996', { steps: [0.3, 0.1] }, 3),
  c('(1 - 0.7) / 0.1 ceil is 3, not 4', { steps: [{ '-': [1, 0.7] }, 0.1, 'ceil'] }, 3),
  c('amount <= 0 is 0', { steps: [-4, 10] }, 0),
  c('amount 0 is 0', { steps: [0, 10, 'ceil'] }, 0),
  c('size <= 0 is null', { steps: [5, 0] }, null),
  c('unknown mode is null', { steps: [5, 1, 'round'] }, null),
  c('deduct 1 point per 10% below plan', { '-': [100, { steps: [{ '-': [100, { var: 'completion' }] }, 10] }] }, 97, { completion: 68 }),
];

describe.each(EVALUATORS)('domain operators: $name', ({ evaluate }) => {
  describe.each([
    ['round', ROUND],
    ['clamp', CLAMP],
    ['div', DIV],
    ['band', BAND],
    ['lookup', LOOKUP],
    ['interpolate', INTERPOLATE],
    ['steps', STEPS],
  ] as const)('%s', (_name, cases) => {
    it.each(cases)('$title', ({ rule, data, expected }) => {
      expect(evaluate(rule, data)).toEqual(expected);
    });
  });
});

describe('fast paths of round, clamp and div', () => {
  const anything = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, 1, -1, 0.5, 2.5, 10, 11, -1, 1.5, Infinity, -Infinity, Number.NaN, 1e308, 5e-324),
    fc.constantFrom(null, undefined, true, '2.5', '', 'x', [], [1]),
  );
  it('give exactly what the general paths give', () => {
    fc.assert(
      fc.property(anything, anything, anything, (a, b, c) => {
        expect(Object.is(round(a, b), roundGeneral(a, b))).toBe(true);
        expect(Object.is(round(a), roundGeneral(a, undefined))).toBe(true);
        expect(Object.is(clamp(a, b, c), clampGeneral(a, b, c))).toBe(true);
        expect(Object.is(safeDivide(a, b, c), safeDivideGeneral(a, b, c))).toBe(true);
        expect(Object.is(safeDivide(a, b), safeDivideGeneral(a, b, undefined))).toBe(true);
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });
});

describe('roundHalfUp', () => {
  it('takes its arithmetic fast path only where it agrees with rounding the decimal digits', () => {
    const places = fc.integer({ min: 0, max: 10 });
    const values = fc.oneof(
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      // values printed with few decimals, where halves are common: 0.125, 2.675, 1234.5…
      fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => n / 10 ** d),
      fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 8 })).map(([n, d]) => (n + 0.5) / 10 ** d),
    );
    fc.assert(
      fc.property(values, places, (value, n) => Object.is(roundHalfUp(value, n), roundByDigits(value, n))),
      { numRuns: 20_000, seed: 42 },
    );
  });

  it('agrees with exact decimal half-up rounding on every cent from -100.00 to 100.00 at 1 place', () => {
    for (let cents = -10000; cents <= 10000; cents++) {
      const value = cents / 100;
      // Integer arithmetic on the printed digits is the paper-and-pencil answer.
      const tenths = Math.sign(cents) * Math.floor((Math.abs(cents) + 5) / 10);
      expect(roundHalfUp(value, 1)).toBe(tenths / 10 + 0);
    }
  });
});
