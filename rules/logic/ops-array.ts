/**
 * @module rules/logic/ops-array
 * Array operators. `map`, `filter`, `reduce`, `all`, `none` and `some` are lazy: their second
 * argument is evaluated once per item with the item as its data (`reduce` gets
 * `{"current", "accumulator"}`). Every iteration is charged to the work budget, so nested
 * loops over large arrays stop with `limit_exceeded` instead of hanging.
 */
import { YardstickError } from '../errors.ts';
import { truthy } from './coerce.ts';
import { show } from './format.ts';
import { K_ANY, K_ARRAY, K_BOOLEAN } from './kinds.ts';
import { chargeWork, checkArrayLength } from './limits.ts';
import { traceMessage, verdict } from './messages.ts';
import { MANY, type EagerOperator, type LazyOperator } from './operator.ts';
import type { EvalContext, Evaluator } from './types.ts';

// Captured once: data arrays may carry own "map"/"indexOf" properties, and functions found in data are never called.
const arrayMap = Array.prototype.map;
const arrayFilter = Array.prototype.filter;
const arrayReduce = Array.prototype.reduce;
const arrayIndexOf = Array.prototype.indexOf;
const stringIndexOf = String.prototype.indexOf;

const first = (args: readonly Evaluator[]): Evaluator => args[0] as Evaluator;
const perItem = (args: readonly Evaluator[], ctx: EvalContext): ((item: unknown) => unknown) => {
  const body = args[1] as Evaluator;
  return (item) => body(item, ctx);
};

type Each = (item: unknown) => unknown;

/** json-logic-js `map` once the array is known: non-arrays give []. */
export function mapItems(ctx: EvalContext, items: unknown, each: Each): unknown[] {
  if (!Array.isArray(items)) return [];
  chargeWork(ctx, items.length, 'map');
  return arrayMap.call(items, each);
}

/** json-logic-js `filter` once the array is known. */
export function filterItems(ctx: EvalContext, items: unknown, test: Each): unknown[] {
  if (!Array.isArray(items)) return [];
  chargeWork(ctx, items.length, 'filter');
  return arrayFilter.call(items, (item: unknown) => truthy(test(item)));
}

/** json-logic-js `reduce` once the array and initial value are known; `step` sees {current, accumulator}. */
export function reduceItems(ctx: EvalContext, items: unknown, step: Each, initial: unknown): unknown {
  if (!Array.isArray(items)) return initial;
  chargeWork(ctx, items.length, 'reduce');
  return arrayReduce.call(items, (accumulator: unknown, current: unknown) => step({ current, accumulator }), initial);
}

/** Per-item argument of a scoped operator, evaluated per item by a helper taking (ctx, items, each). */
function scopedCall(helper: (ctx: EvalContext, items: unknown, each: Each) => unknown): LazyOperator['compile'] {
  return (site) => `${site.ref(helper)}(${site.context()}, ${site.arg(0)}, ${site.scoped(1)})`;
}

function scoped(name: string, returns: number, run: LazyOperator['run'], compile: LazyOperator['compile'], explain: LazyOperator['explain'], doc: LazyOperator['doc'], max = 2): LazyOperator {
  // The second argument runs once per item, with the item as its data.
  return { name, family: 'array', lazy: true, scopedArgs: [1], arity: { min: 2, max }, returns, run, compile, explain, doc };
}

/** `map`. @example {"map":[{"var":"scores"},{"*":[{"var":""},2]}]} with {"scores":[1,2]} → [2,4] */
export const map = scoped(
  'map',
  K_ARRAY,
  (args, data, ctx) => mapItems(ctx, first(args)(data, ctx), perItem(args, ctx)),
  scopedCall(mapItems),
  ({ args, result }) => (Array.isArray(args[0]) ? traceMessage('map.items', { count: args[0].length, value: show(result) }) : traceMessage('array.not_array', { value: show(args[0]) })),
  { summary: 'Applies the second argument to every item of the array (the item is the data inside).', example: { rule: { map: [{ var: 'scores' }, { '*': [{ var: '' }, 2] }] }, data: { scores: [1, 2] }, result: [2, 4] } },
);

/** `filter`. @example {"filter":[[1,5,9],{">":[{"var":""},4]}]} → [5,9] */
export const filter = scoped(
  'filter',
  K_ARRAY,
  (args, data, ctx) => filterItems(ctx, first(args)(data, ctx), perItem(args, ctx)),
  scopedCall(filterItems),
  ({ args, result }) =>
    Array.isArray(args[0]) ? traceMessage('filter.kept', { kept: (result as unknown[]).length, count: args[0].length, value: show(result) }) : traceMessage('array.not_array', { value: show(args[0]) }),
  { summary: 'Keeps the items for which the second argument is truthy.', example: { rule: { filter: [[1, 5, 9], { '>': [{ var: '' }, 4] }] }, data: null, result: [5, 9] } },
);

/** `reduce`. @example {"reduce":[[1,2,3],{"+":[{"var":"current"},{"var":"accumulator"}]},0]} → 6 */
export const reduce = scoped(
  'reduce',
  K_ANY,
  (args, data, ctx) => {
    const items = first(args)(data, ctx);
    const initial = args.length > 2 ? (args[2] as Evaluator)(data, ctx) : null;
    return reduceItems(ctx, items, perItem(args, ctx), initial);
  },
  (site) => `${site.ref(reduceItems)}(${site.context()}, ${site.arg(0)}, ${site.scoped(1)}, ${site.argCount > 2 ? site.arg(2) : 'null'})`,
  ({ args, result }) =>
    Array.isArray(args[0]) ? traceMessage('reduce.items', { count: args[0].length, value: show(result) }) : traceMessage('reduce.not_array', { value: show(args[0]), initial: show(result) }),
  {
    summary: 'Folds the array: the second argument sees {"current", "accumulator"}; the third is the initial accumulator (default null).',
    example: { rule: { reduce: [[1, 2, 3], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }, data: null, result: 6 },
  },
  3,
);

/** json-logic-js `all`/`none`/`some` once the array is known; each tested item costs one unit of work. */
function quantifierOf(name: 'all' | 'none' | 'some'): (ctx: EvalContext, items: unknown, test: Each) => boolean {
  const onEmpty = name === 'none';
  const stopWhen = name !== 'all'; // all stops at the first failure, none and some at the first pass
  return (ctx, items, test) => {
    if (!Array.isArray(items) || items.length === 0) return onEmpty;
    for (let i = 0; i < items.length; i++) {
      chargeWork(ctx, 1, name);
      if (truthy(test(items[i])) === stopWhen) return name === 'some';
    }
    return name !== 'some';
  };
}

function quantifier(name: 'all' | 'none' | 'some', doc: LazyOperator['doc']): LazyOperator {
  const quantify = quantifierOf(name);
  const stopWhen = name !== 'all';
  return scoped(
    name,
    K_BOOLEAN,
    (args, data, ctx) => quantify(ctx, first(args)(data, ctx), perItem(args, ctx)),
    scopedCall(quantify),
    ({ args, calls, result }) => {
      if (!Array.isArray(args[0]) || args[0].length === 0) return traceMessage('quantifier.empty', { value: show(args[0]), result: verdict(result) });
      const seen = calls[1] ?? 0;
      const count = args[0].length;
      const decided = name === 'some' ? result === true : result === false;
      if (decided) return traceMessage(stopWhen ? 'quantifier.item_passes' : 'quantifier.item_fails', { index: seen, count, result: verdict(result) });
      return traceMessage(stopWhen ? 'quantifier.none_pass' : 'quantifier.all_pass', { count, result: verdict(result) });
    },
    doc,
  );
}

/** `all`. @example {"all":[[1,2],{">":[{"var":""},0]}]} → true */
export const all = quantifier('all', { summary: 'True when the array is non-empty and every item passes the test.', example: { rule: { all: [[1, 2], { '>': [{ var: '' }, 0] }] }, data: null, result: true } });
/** `none`. @example {"none":[[1,2],{">":[{"var":""},5]}]} → true */
export const none = quantifier('none', { summary: 'True when no item passes the test (also for an empty array).', example: { rule: { none: [[1, 2], { '>': [{ var: '' }, 5] }] }, data: null, result: true } });
/** `some`. @example {"some":[[1,7],{">":[{"var":""},5]}]} → true */
export const some = quantifier('some', { summary: 'True when at least one item passes the test.', example: { rule: { some: [[1, 7], { '>': [{ var: '' }, 5] }] }, data: null, result: true } });

/**
 * `merge`: one flat array from arrays and single values (one level deep).
 * @example {"merge":[[1,2],3,[[4]]]} → [1,2,3,[4]]
 */
export const merge: EagerOperator = {
  name: 'merge',
  family: 'array',
  lazy: false,
  readsData: false,
  arity: { min: 0, max: MANY },
  returns: K_ARRAY,
  apply: (values, ctx) => {
    let merged: unknown[] = [];
    for (const value of values) merged = merged.concat(value);
    chargeWork(ctx, merged.length, 'merge');
    checkArrayLength(ctx, merged.length, 'merge');
    return merged;
  },
  explain: ({ args, result }) => traceMessage('merge', { parts: args.length, count: (result as unknown[]).length, value: show(result) }),
  doc: { summary: 'Concatenates arrays and single values into one array (one level deep).', example: { rule: { merge: [[1, 2], 3, [[4]]] }, data: null, result: [1, 2, 3, [4]] } },
};

/**
 * json-logic-js `in`: substring of a string or item of an array (===). Another value that has
 * an `indexOf` property is an error there (it tries to call it); here too, without calling it.
 */
export function isIn(ctx: EvalContext, needle: unknown, haystack: unknown): boolean {
  if (!haystack) return false;
  if (typeof haystack === 'string') return stringIndexOf.call(haystack, needle as string) !== -1;
  if (Array.isArray(haystack)) {
    chargeWork(ctx, haystack.length, 'in');
    return arrayIndexOf.call(haystack, needle) !== -1;
  }
  if ((haystack as { indexOf?: unknown }).indexOf === undefined) return false;
  throw new YardstickError('invalid_input', '"in" needs a string or an array to search in; got an object with an "indexOf" property.', { op: 'in' });
}

/** `in`. @example {"in":["Spring", "Springfield"]} → true */
export const inside: EagerOperator = {
  name: 'in',
  family: 'array',
  lazy: false,
  readsData: false,
  arity: { min: 2, max: 2 },
  returns: K_BOOLEAN,
  apply: ([needle, haystack], ctx) => isIn(ctx, needle, haystack),
  compile: (site) => `${site.ref(isIn)}(${site.context()}, ${site.arg(0)}, ${site.arg(1)})`,
  explain: ({ args, result }) => traceMessage(result ? 'in.found' : 'in.not_found', { needle: show(args[0]), haystack: show(args[1]) }),
  doc: { summary: 'True when the first argument is an item of the array, or a substring of the string.', example: { rule: { in: [{ var: 'grade' }, ['A', 'B']] }, data: { grade: 'B' }, result: true } },
};

export const ARRAY_OPERATORS: readonly (EagerOperator | LazyOperator)[] = [map, filter, reduce, all, none, some, merge, inside];
