/**
 * @module test/rules/logic/trace-cases
 * One small rule per wording variant of the trace: the step it ends with carries that code, and
 * its English text is written out here as the tracer worded it before steps had codes, so a
 * change to the English table shows up as a failing text. Shared by the engine's tests and the
 * studio's (Chinese samples, fallback).
 */
import type { TraceMessageCode } from '../../../rules/logic/messages.ts';

export interface TraceCase {
  readonly code: TraceMessageCode;
  readonly rule: unknown;
  readonly data: unknown;
  /** The English text of the last step. */
  readonly text: string;
  /** Steps to keep (for the "… N more steps" marker). */
  readonly maxSteps?: number;
}

const item = { var: '' };

export const TRACE_CASES: readonly TraceCase[] = [
  { code: 'var.all', rule: { var: '' }, data: { a: 1 }, text: 'the data = {"a":1}' },
  { code: 'var.default', rule: { var: ['inputs.bonus', 5] }, data: { inputs: {} }, text: 'inputs.bonus is missing → default 5' },
  { code: 'missing.none', rule: { missing: ['a'] }, data: { a: 1 }, text: 'nothing is missing' },
  { code: 'missing.some', rule: { missing: ['a', 'b'] }, data: { a: 1 }, text: 'missing: "b"' },
  { code: 'missing_some.enough', rule: { missing_some: [1, ['a', 'b']] }, data: { b: 2 }, text: 'at least 1 of ["a","b"] are present' },
  { code: 'missing_some.short', rule: { missing_some: [2, ['a', 'b']] }, data: { b: 2 }, text: 'fewer than 2 of ["a","b"] are present; missing: "a"' },

  { code: 'if.empty', rule: { if: [] }, data: null, text: 'no conditions: null' },
  { code: 'if.branch', rule: { if: [{ '==': [1, 2] }, 'a', { '==': [1, 1] }, 'b', 'c'] }, data: null, text: 'condition 2 is true: took branch 2' },
  { code: 'if.branch', rule: { '?:': [{ '<': [{ var: 'late' }, 3] }, 'on time', 'late'] }, data: { late: 1 }, text: 'condition 1 is true: took branch 1' },
  { code: 'if.only_value', rule: { if: [5] }, data: null, text: 'no conditions: took the only value' },
  { code: 'if.else', rule: { if: [{ '>': [{ var: 'x' }, 2] }, 1, 2] }, data: { x: 1 }, text: 'no condition is true: took the else branch' },
  { code: 'if.none', rule: { if: [{ var: 'x' }, 1] }, data: { x: false }, text: 'no condition is true and there is no else branch: null' },
  { code: 'and.stopped', rule: { and: [{ var: 'x' }, 1] }, data: { x: 0 }, text: 'value 1 of 2 is falsy → 0' },
  { code: 'and.last_falsy', rule: { and: [1, { var: 'x' }] }, data: { x: 0 }, text: 'value 2 is falsy → 0' },
  { code: 'and.all_truthy', rule: { and: [1, { var: 'x' }] }, data: { x: 2 }, text: 'every value is truthy → 2' },
  { code: 'or.stopped', rule: { or: [{ var: 'x' }, 0] }, data: { x: 1 }, text: 'value 1 of 2 is truthy → 1' },
  { code: 'or.last_truthy', rule: { or: [{ var: 'override' }, 'default'] }, data: {}, text: 'value 2 is truthy → "default"' },
  { code: 'or.none_truthy', rule: { or: [{ var: 'x' }, ''] }, data: { x: 0 }, text: 'no value is truthy → ""' },
  { code: 'not', rule: { '!': [{ var: 'x' }] }, data: { x: [] }, text: '[] is falsy, so "not" gives true' },
  { code: 'not', rule: { '!': [{ var: 'x' }] }, data: { x: 'A' }, text: '"A" is truthy, so "not" gives false' },
  { code: 'truthy', rule: { '!!': [{ var: 'x' }] }, data: { x: '0' }, text: '"0" is truthy' },
  { code: 'truthy', rule: { '!!': [{ var: 'x' }] }, data: { x: 0 }, text: '0 is falsy' },

  { code: 'compare', rule: { '>': [{ var: 'x' }, 2] }, data: { x: 3 }, text: '3 > 2 is true' },
  { code: 'compare', rule: { '==': [{ var: 'x' }, 'B'] }, data: { x: 'A' }, text: '"A" == "B" is false' },
  { code: 'compare.between', rule: { '<=': [0, { var: 'x' }, 10] }, data: { x: 12 }, text: '0 <= 12 <= 10 is false' },

  { code: 'remainder', rule: { '%': [{ var: 'x' }, 3] }, data: { x: 7 }, text: 'remainder of 7 ÷ 3 = 1' },

  { code: 'array.not_array', rule: { map: [{ var: 'x' }, item] }, data: { x: 5 }, text: '5 is not an array → []' },
  { code: 'array.not_array', rule: { filter: [{ var: 'x' }, item] }, data: {}, text: 'null is not an array → []' },
  { code: 'map.items', rule: { map: [{ var: 'xs' }, { '*': [item, 2] }] }, data: { xs: [1, 2] }, text: 'mapped 2 items → [2,4]' },
  { code: 'filter.kept', rule: { filter: [{ var: 'xs' }, { '>': [item, 4] }] }, data: { xs: [1, 5, 9] }, text: 'kept 2 of 3 items → [5,9]' },
  { code: 'reduce.items', rule: { reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }, data: { xs: [1, 2, 3] }, text: 'reduced 3 items → 6' },
  { code: 'reduce.not_array', rule: { reduce: [{ var: 'xs' }, { var: 'current' }, 7] }, data: { xs: 'abc' }, text: '"abc" is not an array → the initial value 7' },
  { code: 'quantifier.empty', rule: { all: [{ var: 'xs' }, item] }, data: { xs: [] }, text: '[] is not a non-empty array → false' },
  { code: 'quantifier.empty', rule: { none: [{ var: 'xs' }, item] }, data: {}, text: 'null is not a non-empty array → true' },
  { code: 'quantifier.item_passes', rule: { some: [{ var: 'xs' }, { '>': [item, 5] }] }, data: { xs: [1, 7, 9] }, text: 'item 2 of 3 passes → true' },
  { code: 'quantifier.item_passes', rule: { none: [{ var: 'xs' }, { '>': [item, 5] }] }, data: { xs: [7] }, text: 'item 1 of 1 passes → false' },
  { code: 'quantifier.item_fails', rule: { all: [{ var: 'xs' }, { '>': [item, 0] }] }, data: { xs: [1, -1, 2] }, text: 'item 2 of 3 fails → false' },
  { code: 'quantifier.all_pass', rule: { all: [{ var: 'xs' }, { '>': [item, 0] }] }, data: { xs: [1, 2] }, text: 'every item of 2 passes → true' },
  { code: 'quantifier.none_pass', rule: { none: [{ var: 'xs' }, { '>': [item, 5] }] }, data: { xs: [1, 2] }, text: 'no item of 2 passes → true' },
  { code: 'quantifier.none_pass', rule: { some: [{ var: 'xs' }, { '>': [item, 5] }] }, data: { xs: [1, 2] }, text: 'no item of 2 passes → false' },
  { code: 'merge', rule: { merge: [{ var: 'xs' }, 3, [[4]]] }, data: { xs: [1, 2] }, text: 'merged 3 values into 4 items → [1,2,3,[4]]' },
  { code: 'in.found', rule: { in: [{ var: 'grade' }, ['A', 'B']] }, data: { grade: 'B' }, text: '"B" is in ["A","B"]' },
  { code: 'in.not_found', rule: { in: [{ var: 'x' }, 'Springfield'] }, data: { x: 'Fall' }, text: '"Fall" is not in "Springfield"' },
  { code: 'cat', rule: { cat: ['Grade ', { var: 'grade' }] }, data: { grade: 'B' }, text: 'joined "Grade ", "B" → "Grade B"' },

  { code: 'div.fallback', rule: { div: [{ var: 'actual' }, { var: 'plan' }, 0] }, data: { actual: 5, plan: 0 }, text: '5 ÷ 0 has no finite result → fallback 0' },
  { code: 'div.fallback', rule: { div: [{ var: 'actual' }, 4] }, data: { actual: 'x' }, text: '"x" ÷ 4 has no finite result → fallback null' },
  { code: 'steps', rule: { steps: [{ var: 'x' }, 1] }, data: { x: 3.5 }, text: '3.5 in steps of 1 (floor) = 3' },
  { code: 'steps', rule: { steps: [{ var: 'x' }, 10, 'ceil'] }, data: { x: 25 }, text: '25 in steps of 10 (ceil) = 3' },
  { code: 'steps', rule: { steps: [{ var: 'x' }, 4, 'exact'] }, data: { x: 10 }, text: '10 in steps of 4 (exact) = 2.5' },
  { code: 'steps', rule: { steps: [{ var: 'x' }, 4, 'other'] }, data: { x: 10 }, text: '10 in steps of 4 (other) = null' },
  { code: 'band.not_number', rule: { band: [{ var: 'x' }, [{ min: 0, value: 1 }], 0] }, data: { x: 'x' }, text: '"x" is not a number → fallback 0' },
  { code: 'band.no_rows', rule: { band: [5, { var: 'rows' }, 0] }, data: { rows: 3 }, text: 'the rows are not an array → fallback 0' },
  { code: 'band.no_row', rule: { band: [{ var: 'x' }, [{ min: 0, value: 1 }], 0] }, data: { x: -5 }, text: '-5 is in no row → fallback 0' },
  { code: 'band.in_row', rule: { band: [{ var: 'x' }, [{ min: 90, value: 100 }, { min: 80, max: 90, value: 80 }]] }, data: { x: 85 }, text: '85 is in [80, 90) → 80' },
  { code: 'band.in_row', rule: { band: [{ var: 'x' }, [{ max: 10, includeMax: true, value: 'A' }]] }, data: { x: 3 }, text: '3 is in (-∞, 10] → "A"' },
  { code: 'lookup.found', rule: { lookup: [{ A: 1.2, B: 1 }, { var: 'grade' }, 0] }, data: { grade: 'A' }, text: '"A" in the table → 1.2' },
  { code: 'lookup.missing', rule: { lookup: [{ B: 1, C: 0.8 }, { var: 'grade' }, 0] }, data: { grade: 'A' }, text: '"A" is not in the table → fallback 0' },
  { code: 'interpolate.unusable', rule: { interpolate: [{ var: 'x' }, [[0, 0]]] }, data: { x: 'x' }, text: 'interpolate needs a number and points with ascending x → null' },
  { code: 'interpolate.below_first', rule: { interpolate: [{ var: 'x' }, [[60, 0], [120, 100]]] }, data: { x: 60 }, text: '60 is at or below the first point [60,0] → 0' },
  { code: 'interpolate.above_last', rule: { interpolate: [{ var: 'completion' }, [[60, 0], [120, 100]]] }, data: { completion: 130 }, text: '130 is above the last point [120,100] → 100' },
  { code: 'interpolate.between', rule: { interpolate: [{ var: 'x' }, [[60, 0], [120, 100]]] }, data: { x: 90 }, text: '90 lies between [60,0] and [120,100] → 50' },

  { code: 'trace.more', rule: { '+': [{ var: 'a' }, { var: 'b' }, { var: 'c' }] }, data: { a: 1 }, text: '… 3 more steps', maxSteps: 1 },
];
