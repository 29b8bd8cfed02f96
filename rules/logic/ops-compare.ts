/**
 * @module rules/logic/ops-compare
 * `== === != !== > >= < <=` with JavaScript semantics, as json-logic-js: `==` is loose
 * (`1 == "1"`), and `<`/`<=` take an optional third argument for "between"
 * (`{"<":[0, x, 10]}` is 0 < x < 10).
 */
import { show } from './format.ts';
import { K_BOOLEAN, K_UNDEFINED } from './kinds.ts';
import { traceMessage, verdict } from './messages.ts';
import type { CodegenSite, EagerOperator } from './operator.ts';

type Loose = number; // comparisons run on whatever JSON gave us; the cast only silences the type checker

function binary(name: string, test: (a: unknown, b: unknown) => boolean, example: EagerOperator['doc']['example'], summary: string): EagerOperator {
  return {
    name,
    family: 'comparison',
    lazy: false,
    readsData: false,
    arity: { min: 2, max: 2 },
    returns: K_BOOLEAN,
    apply: ([a, b]) => test(a, b),
    // The operator names are JavaScript's own operators with the same semantics.
    compile: (site) => `(${site.arg(0)} ${name} ${site.arg(1)})`,
    explain: ({ args, result }) => traceMessage('compare', { left: show(args[0]), op: name, right: show(args[1]), result: verdict(result) }),
    doc: { summary, example },
  };
}

/** `==` (loose). @example {"==":[1, "1"]} → true */
export const looseEqual = binary('==', (a, b) => a == b, { rule: { '==': [1, '1'] }, data: null, result: true }, 'Loose equality, as JavaScript ==.');
/** `===`. @example {"===":[1, "1"]} → false */
export const strictEqual = binary('===', (a, b) => a === b, { rule: { '===': [1, '1'] }, data: null, result: false }, 'Strict equality, as JavaScript ===.');
/** `!=`. @example {"!=":[1, 2]} → true */
export const looseNotEqual = binary('!=', (a, b) => a != b, { rule: { '!=': [1, 2] }, data: null, result: true }, 'Loose inequality, as JavaScript !=.');
/** `!==`. @example {"!==":[1, "1"]} → true */
export const strictNotEqual = binary('!==', (a, b) => a !== b, { rule: { '!==': [1, '1'] }, data: null, result: true }, 'Strict inequality, as JavaScript !==.');
/** `>`. @example {">":[{"var":"score"}, 90]} with {"score":95} → true */
export const greater = binary('>', (a, b) => (a as Loose) > (b as Loose), { rule: { '>': [{ var: 'score' }, 90] }, data: { score: 95 }, result: true }, 'Greater than.');
/** `>=`. @example {">=":[90, 90]} → true */
export const greaterOrEqual = binary('>=', (a, b) => (a as Loose) >= (b as Loose), { rule: { '>=': [90, 90] }, data: null, result: true }, 'Greater than or equal.');

function between(name: '<' | '<=', test: (a: Loose, b: Loose) => boolean, example: EagerOperator['doc']['example']): EagerOperator {
  return {
    name,
    family: 'comparison',
    lazy: false,
    readsData: false,
    arity: { min: 2, max: 3 },
    returns: K_BOOLEAN,
    apply: ([a, b, c]) => (c === undefined ? test(a as Loose, b as Loose) : test(a as Loose, b as Loose) && test(b as Loose, c as Loose)),
    compile: (site: CodegenSite) => {
      if (site.argCount === 2) return `(${site.arg(0)} ${name} ${site.arg(1)})`;
      // All three arguments are evaluated before comparing, as json-logic-js does.
      const [a, b, c] = [site.temp(), site.temp(), site.temp()];
      const chained = `${a} ${name} ${b} && ${b} ${name} ${c}`;
      const check = (site.argKind(2) & K_UNDEFINED) === 0 ? chained : `${c} === undefined ? ${a} ${name} ${b} : ${chained}`;
      return `(${a} = ${site.arg(0)}, ${b} = ${site.arg(1)}, ${c} = ${site.arg(2)}, ${check})`;
    },
    explain: ({ args, result }) =>
      args[2] === undefined
        ? traceMessage('compare', { left: show(args[0]), op: name, right: show(args[1]), result: verdict(result) })
        : traceMessage('compare.between', { left: show(args[0]), op: name, middle: show(args[1]), right: show(args[2]), result: verdict(result) }),
    doc: { summary: `Less than${name === '<=' ? ' or equal' : ''}; with three arguments, tests that the middle one lies between the others.`, example },
  };
}

/** `<`. @example {"<":[0, {"var":"x"}, 10]} with {"x":5} → true */
export const less = between('<', (a, b) => a < b, { rule: { '<': [0, { var: 'x' }, 10] }, data: { x: 5 }, result: true });
/** `<=`. @example {"<=":[1, 1, 3]} → true */
export const lessOrEqual = between('<=', (a, b) => a <= b, { rule: { '<=': [1, 1, 3] }, data: null, result: true });

export const COMPARISON_OPERATORS: readonly EagerOperator[] = [looseEqual, strictEqual, looseNotEqual, strictNotEqual, greater, greaterOrEqual, less, lessOrEqual];
