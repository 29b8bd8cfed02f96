/**
 * @module rules/logic/ops-logic
 * `if`, `?:`, `and`, `or`, `!`, `!!`. `if`/`and`/`or` are lazy: they evaluate only the
 * arguments they need, and `and`/`or` return the deciding value itself, not a boolean
 * (`{"or":[0, "x"]}` is "x"). Truthiness is JSON Logic's: `[]` is false.
 */
import { truthy } from './coerce.ts';
import { show } from './format.ts';
import { K_ARRAY, K_BOOLEAN, K_OTHER, unionKinds, type KindMask } from './kinds.ts';
import { fixedTraceMessage, traceMessage, verdict, type TraceMessage } from './messages.ts';
import { MANY, type CodegenSite, type EagerOperator, type ExplainInput, type LazyOperator } from './operator.ts';
import type { EvalContext, Evaluator } from './types.ts';

function runIf(args: readonly Evaluator[], data: unknown, ctx: EvalContext): unknown {
  let i = 0;
  for (; i < args.length - 1; i += 2) {
    if (truthy((args[i] as Evaluator)(data, ctx))) return (args[i + 1] as Evaluator)(data, ctx);
  }
  return i === args.length - 1 ? (args[i] as Evaluator)(data, ctx) : null;
}

function compileIf(site: CodegenSite): string {
  const n = site.argCount;
  let code = '';
  let i = 0;
  for (; i < n - 1; i += 2) code += `${site.truthy(site.arg(i), site.argKind(i))} ? ${site.arg(i + 1)} : `;
  return `(${code}${i === n - 1 ? site.arg(i) : 'null'})`;
}

function ifKinds(kinds: readonly KindMask[]): KindMask {
  const branches: KindMask[] = [];
  for (let i = 1; i < kinds.length; i += 2) branches.push(kinds[i] as KindMask);
  branches.push(kinds.length % 2 === 1 ? (kinds[kinds.length - 1] as KindMask) : K_OTHER);
  return unionKinds(branches);
}

function explainIf({ args, calls }: ExplainInput): TraceMessage {
  const last = calls.reduce((found, count, i) => (count > 0 ? i : found), -1);
  if (last < 0) return fixedTraceMessage('if.empty');
  const isElse = last % 2 === 0;
  if (!isElse) return traceMessage('if.branch', { branch: (last + 1) / 2 });
  if (last === args.length - 1 && args.length % 2 === 1) return fixedTraceMessage(last === 0 ? 'if.only_value' : 'if.else');
  return fixedTraceMessage('if.none');
}

function conditional(name: 'if' | '?:', arity: { min: number; max: number }, doc: LazyOperator['doc']): LazyOperator {
  return { name, family: 'logic', lazy: true, decisive: true, arity, returns: ifKinds, run: runIf, compile: compileIf, explain: explainIf, doc };
}

/**
 * `if`: condition/value pairs, then an optional else: `if c1 then v1 else if c2 then v2 else v3`.
 * @example {"if":[{">=":[{"var":"score"},90]},"A",{">=":[{"var":"score"},80]},"B","C"]} with {"score":85} → "B"
 */
export const ifThenElse = conditional('if', { min: 0, max: MANY }, {
  summary: 'Condition/value pairs followed by an optional else value; the first true condition picks its value, otherwise the else (or null).',
  example: { rule: { if: [{ '>=': [{ var: 'score' }, 90] }, 'A', { '>=': [{ var: 'score' }, 80] }, 'B', 'C'] }, data: { score: 85 }, result: 'B' },
});

/** `?:`: the ternary form of `if`. @example {"?:":[true, 1, 2]} → 1 */
export const ternary = conditional('?:', { min: 3, max: 3 }, {
  summary: 'Ternary: condition ? then : else.',
  example: { rule: { '?:': [{ '<': [{ var: 'late' }, 3] }, 'on time', 'late'] }, data: { late: 5 }, result: 'late' },
});

function junction(name: 'and' | 'or', stopWhen: boolean, doc: LazyOperator['doc']): LazyOperator {
  return {
    name,
    family: 'logic',
    lazy: true,
    arity: { min: 1, max: MANY },
    returns: (kinds) => unionKinds(kinds),
    run: (args, data, ctx) => {
      let current: unknown;
      for (const arg of args) {
        current = arg(data, ctx);
        if (truthy(current) === stopWhen) return current;
      }
      return current;
    },
    compile: (site) => {
      const n = site.argCount;
      let plain = true;
      for (let i = 0; i < n - 1; i++) if ((site.argKind(i) & K_ARRAY) !== 0) plain = false;
      // Without arrays among the deciding values, JSON Logic and JavaScript truthiness agree.
      if (plain) return `(${Array.from({ length: n }, (_, i) => site.arg(i)).join(name === 'and' ? ' && ' : ' || ')})`;
      const t = site.temp();
      let code = site.arg(n - 1);
      for (let i = n - 2; i >= 0; i--) {
        const test = site.truthy(t, site.argKind(i));
        code = `(${t} = ${site.arg(i)}, ${stopWhen ? test : `!${test}`} ? ${t} : ${code})`;
      }
      return code;
    },
    explain: ({ args, calls, result }) => {
      const evaluated = calls.filter((count) => count > 0).length;
      const value = show(result);
      if (evaluated < args.length) return traceMessage(stopWhen ? 'or.stopped' : 'and.stopped', { index: evaluated, count: args.length, value });
      if (truthy(result) === stopWhen) return traceMessage(stopWhen ? 'or.last_truthy' : 'and.last_falsy', { index: evaluated, value });
      return traceMessage(stopWhen ? 'or.none_truthy' : 'and.all_truthy', { value });
    },
    doc,
  };
}

/**
 * `and`: the first falsy value, or the last value.
 * @example {"and":[true, {"var":"ok"}]} with {"ok":0} → 0
 */
export const and = junction('and', false, {
  summary: 'The first falsy value, or the last value when all are truthy.',
  example: { rule: { and: [{ '>': [{ var: 'sales' }, 0] }, { var: 'eligible' }] }, data: { sales: 10, eligible: true }, result: true },
});

/**
 * `or`: the first truthy value, or the last value.
 * @example {"or":[0, "fallback"]} → "fallback"
 */
export const or = junction('or', true, {
  summary: 'The first truthy value, or the last value when none is truthy.',
  example: { rule: { or: [{ var: 'override' }, 'default'] }, data: {}, result: 'default' },
});

/** `!`: logical not, with JSON Logic truthiness. @example {"!":[[]]} → true */
export const not: EagerOperator = {
  name: '!',
  family: 'logic',
  lazy: false,
  readsData: false,
  arity: { min: 1, max: 1 },
  returns: K_BOOLEAN,
  apply: ([value]) => !truthy(value),
  compile: (site) => `(!${site.truthy(site.arg(0), site.argKind(0))})`,
  explain: ({ args, result }) => traceMessage('not', { value: show(args[0]), result: verdict(result) }),
  doc: { summary: 'Logical not; an empty array counts as false.', example: { rule: { '!': [[]] }, data: null, result: true } },
};

/** `!!`: JSON Logic truthiness as a boolean. @example {"!!":["0"]} → true */
export const toBoolean: EagerOperator = {
  name: '!!',
  family: 'logic',
  lazy: false,
  readsData: false,
  arity: { min: 1, max: 1 },
  returns: K_BOOLEAN,
  apply: ([value]) => truthy(value),
  compile: (site) => `(${site.truthy(site.arg(0), site.argKind(0))})`,
  explain: ({ args, result }) => traceMessage('truthy', { value: show(args[0]), result: verdict(result) }),
  doc: { summary: 'Truthiness as a boolean; an empty array is false, the string "0" is true.', example: { rule: { '!!': [{ var: 'comments' }] }, data: { comments: [] }, result: false } },
};

export const LOGIC_OPERATORS: readonly (EagerOperator | LazyOperator)[] = [ifThenElse, ternary, and, or, not, toBoolean];
