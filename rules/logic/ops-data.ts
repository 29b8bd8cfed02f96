/**
 * @module rules/logic/ops-data
 * `var`, `missing`, `missing_some`: reading the data. Paths are dotted (`inputs.kpi.0`), an
 * empty path is the whole data, and only own properties are ever read (see data-access.ts):
 * inherited or forbidden keys (`__proto__`, `constructor`, `prototype`) read as absent, so they
 * yield the default (or null) at run time; written literally in a rule, the static check rejects
 * them first.
 *
 * Deliberate difference from json-logic-js: it re-evaluates the keys given to `missing` as
 * rules, so a key taken from the data that looks like an operation (`{"var":"x"}`) would run as
 * code. Here keys are always plain values: data never becomes logic.
 */
import { YardstickError } from '../errors.ts';
import { show, showList } from './format.ts';
import { K_ANY, K_ARRAY, K_DEFINED, K_UNDEFINED } from './kinds.ts';
import { chargeWork } from './limits.ts';
import { fixedTraceMessage, traceMessage } from './messages.ts';
import { MANY, type EagerOperator } from './operator.ts';
import { forbiddenSegment, pathReader, readVar, varSegments } from './data-access.ts';
import { keyList, pathOf, someKeyList } from './named-paths.ts';
import type { EvalContext } from './types.ts';

/**
 * `var`: the value at a dotted path, or the default (null when not given).
 * @example {"var":["inputs.complaints", 0]} with {"inputs":{"complaints":3}} → 3
 */
export const variable: EagerOperator = {
  name: 'var',
  family: 'data',
  lazy: false,
  readsData: true,
  arity: { min: 0, max: 2 },
  returns: K_ANY,
  namedPaths: (args, _at, self) => [args.length === 0 ? { path: '', pointer: self, dynamic: false } : pathOf(args[0], self)],
  apply: ([path, fallback], _ctx, data) => readVar(path, fallback, data),
  compile: (site) => {
    const path = site.argLiteral(0);
    const segments = site.argCount === 0 ? null : path === undefined ? undefined : varSegments(path.value);
    // A dynamic path, or a forbidden one (constant folding can turn {"var":{"cat":["__proto__",…]}} into a
    // literal after the static check): the generic call checks every segment at run time.
    if (segments === undefined || (segments !== null && forbiddenSegment(segments) !== undefined)) return undefined;
    if (segments === null) return site.argCount > 1 && site.argLiteral(1) === undefined ? `(${site.arg(1)}, ${site.data})` : site.data;
    const value = site.readPath(segments);
    if (site.argCount < 2) return { code: `(${value} === undefined ? null : ${value})`, kind: K_DEFINED };
    const fallback = site.argLiteral(1);
    if (fallback !== undefined) return { code: `(${value} === undefined ? ${site.literal(fallback.value ?? null)} : ${value})`, kind: K_DEFINED };
    const t = site.temp();
    const notFound = (site.argKind(1) & K_UNDEFINED) === 0 ? t : `(${t} === undefined ? null : ${t})`;
    return { code: `(${t} = ${site.arg(1)}, ${value} === undefined ? ${notFound} : ${value})`, kind: K_DEFINED };
  },
  closure: ([path, fallback]) => {
    const segments = path?.literal === undefined ? null : varSegments(path.literal.value);
    if (segments === null) return undefined;
    const read = pathReader(segments);
    if (fallback === undefined) {
      return (data) => {
        const value = read(data);
        return value === undefined ? null : value;
      };
    }
    const notFound = fallback.evaluate;
    return (data, ctx) => {
      const otherwise = notFound(data, ctx);
      const value = read(data);
      return value === undefined ? (otherwise === undefined ? null : otherwise) : value;
    };
  },
  explain: ({ args, result, data }) => {
    // A plain "path = value" is a formula; "the data" and "is missing → default" are words.
    if (args[0] === undefined || args[0] === null || args[0] === '') return traceMessage('var.all', { value: show(result) });
    const path = String(args[0]);
    if (path !== 'the data' && readVar(args[0], undefined, data) === null && result !== null) return traceMessage('var.default', { path, value: show(result) });
    return `${path} = ${show(result)}`;
  },
  doc: { summary: 'The value at a dotted path in the data ("" = all of it), or the default (null).', example: { rule: { var: ['inputs.complaints', 0] }, data: { inputs: { complaints: 3 } }, result: 3 } },
};

/** json-logic-js `missing` on already evaluated arguments: one array argument is the key list. */
function missingKeys(ctx: EvalContext, args: readonly unknown[], data: unknown): unknown[] {
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  chargeWork(ctx, keys.length, 'missing');
  const missing: unknown[] = [];
  for (const key of keys) {
    // json-logic-js evaluates {"var": key}: an array key is [path, default].
    const value = Array.isArray(key) ? readVar(key[0], key[1], data) : readVar(key, undefined, data);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

/**
 * `missing`: the keys whose value is absent, null or "".
 * @example {"missing":["a","b"]} with {"a":1} → ["b"]
 */
export const missing: EagerOperator = {
  name: 'missing',
  family: 'data',
  lazy: false,
  readsData: true,
  arity: { min: 0, max: MANY },
  returns: K_ARRAY,
  namedPaths: (args, at) => keyList(args, at),
  apply: (values, ctx, data) => missingKeys(ctx, values, data),
  explain: ({ result }) => ((result as unknown[]).length === 0 ? fixedTraceMessage('missing.none') : traceMessage('missing.some', { keys: showList(result as unknown[]) })),
  doc: { summary: 'Lists the keys whose value is absent, null or "" (one array argument is read as the key list).', example: { rule: { missing: ['a', 'b'] }, data: { a: 1 }, result: ['b'] } },
};

/**
 * `missing_some`: [] when at least `need` of the keys are present, else the missing keys.
 * @example {"missing_some":[1, ["a","b"]]} with {"b":2} → []
 */
export const missingSome: EagerOperator = {
  name: 'missing_some',
  family: 'data',
  lazy: false,
  readsData: true,
  arity: { min: 2, max: 2 },
  returns: K_ARRAY,
  namedPaths: (args, at) => someKeyList(args, at),
  apply: ([need, options], ctx, data) => {
    if (options === null || options === undefined) {
      throw new YardstickError('invalid_rule', '"missing_some" needs a list of keys as its second argument.', { op: 'missing_some' });
    }
    const absent = missingKeys(ctx, Array.isArray(options) ? options : [options], data);
    // Loose arithmetic on purpose: json-logic-js reads options.length whatever options is.
    const present = ((options as { length?: unknown }).length as number) - absent.length;
    return present >= (need as number) ? [] : absent;
  },
  explain: ({ args, result }) =>
    (result as unknown[]).length === 0
      ? traceMessage('missing_some.enough', { need: show(args[0]), keys: show(args[1]) })
      : traceMessage('missing_some.short', { need: show(args[0]), keys: show(args[1]), missing: showList(result as unknown[]) }),
  doc: { summary: 'Empty when at least the given number of keys are present; otherwise the missing keys.', example: { rule: { missing_some: [1, ['a', 'b']] }, data: { b: 2 }, result: [] } },
};

export const DATA_OPERATORS: readonly EagerOperator[] = [variable, missing, missingSome];
