/**
 * @module rules/logic/ops-arithmetic
 * `+ - * / % min max` with json-logic-js 2.0.5 semantics: `+` and `*` parseFloat every operand
 * (so `{"+":["3", 1]}` is 4), `-`, `/` and `%` use JavaScript's own coercion, and `*` with a
 * single argument returns it untouched (Array.reduce without an initial value).
 */
import { parseOperand } from './coerce.ts';
import { show, showList } from './format.ts';
import { K_NUMBER, K_UNDEFINED } from './kinds.ts';
import { traceMessage } from './messages.ts';
import { MANY, type CodegenSite, type EagerOperator } from './operator.ts';

/** `x` as a `+`/`*` operand: numbers need only -0 folded to 0, other kinds go through parseFloat. */
function operand(site: CodegenSite, i: number): string {
  const literal = site.argLiteral(i);
  if (literal !== undefined) return site.literal(parseOperand(literal.value));
  return site.argKind(i) === K_NUMBER ? `(${site.arg(i)} + 0)` : `${site.ref(parseOperand)}(${site.arg(i)})`;
}

const js = (a: unknown): number => a as number;

/**
 * `+`: sum, parsing each operand with parseFloat.
 * @example {"+":[1, "2.5", {"var":"x"}]} with {"x":3} → 6.5
 */
export const add: EagerOperator = {
  name: '+',
  family: 'arithmetic',
  lazy: false,
  readsData: false,
  arity: { min: 0, max: MANY },
  returns: K_NUMBER,
  apply: (values) => values.reduce<number>((sum, value) => sum + parseOperand(value), 0),
  compile: (site) => {
    const terms = ['0'];
    for (let i = 0; i < site.argCount; i++) terms.push(operand(site, i));
    return `(${terms.join(' + ')})`;
  },
  explain: ({ args, result }) => (args.length === 1 ? `number(${show(args[0])}) = ${show(result)}` : `${args.map(show).join(' + ')} = ${show(result)}`),
  doc: { summary: 'Adds numbers; strings are read with parseFloat.', example: { rule: { '+': [1, '2.5', { var: 'x' }] }, data: { x: 3 }, result: 6.5 } },
};

/**
 * `*`: product, parsing each operand with parseFloat; one argument is returned as it is.
 * @example {"*":[10, 0.5]} → 5
 */
export const multiply: EagerOperator = {
  name: '*',
  family: 'arithmetic',
  lazy: false,
  readsData: false,
  arity: { min: 1, max: MANY },
  returns: (kinds) => (kinds.length === 1 ? (kinds[0] as number) : K_NUMBER),
  apply: (values) => {
    if (values.length === 1) return values[0];
    let product = parseOperand(values[0]) * parseOperand(values[1]);
    for (let i = 2; i < values.length; i++) product = parseOperand(product) * parseOperand(values[i]);
    return product;
  },
  compile: (site) => {
    if (site.argCount === 1) return site.arg(0);
    let product = `(${operand(site, 0)} * ${operand(site, 1)})`;
    for (let i = 2; i < site.argCount; i++) product = `((${product} + 0) * ${operand(site, i)})`;
    return product;
  },
  explain: ({ args, result }) => `${args.map(show).join(' × ')} = ${show(result)}`,
  doc: { summary: 'Multiplies numbers; strings are read with parseFloat.', example: { rule: { '*': [10, { var: 'weight' }] }, data: { weight: 0.35 }, result: 3.5 } },
};

/**
 * `-`: difference, or negation with one argument (JavaScript coercion: `"5" - 2` is 3).
 * @example {"-":[100, {"var":"late"}]} with {"late":3} → 97
 */
export const subtract: EagerOperator = {
  name: '-',
  family: 'arithmetic',
  lazy: false,
  readsData: false,
  arity: { min: 1, max: 2 },
  returns: K_NUMBER,
  apply: ([a, b]) => (b === undefined ? -js(a) : js(a) - js(b)),
  compile: (site) => {
    if (site.argCount === 1) return `(-${site.arg(0)})`;
    if ((site.argKind(1) & K_UNDEFINED) === 0) return `(${site.arg(0)} - ${site.arg(1)})`;
    const a = site.temp();
    const b = site.temp();
    return `(${a} = ${site.arg(0)}, ${b} = ${site.arg(1)}, ${b} === undefined ? -${a} : ${a} - ${b})`;
  },
  explain: ({ args, result }) => (args[1] === undefined ? `-(${show(args[0])}) = ${show(result)}` : `${show(args[0])} - ${show(args[1])} = ${show(result)}`),
  doc: { summary: 'Subtracts the second number from the first, or negates a single number.', example: { rule: { '-': [100, { var: 'late' }] }, data: { late: 3 }, result: 97 } },
};

/**
 * `/`: quotient (division by zero gives Infinity or NaN, as in JavaScript; see `div` for a safe one).
 * @example {"/":[7, 2]} → 3.5
 */
export const divide: EagerOperator = {
  name: '/',
  family: 'arithmetic',
  lazy: false,
  readsData: false,
  arity: { min: 2, max: 2 },
  returns: K_NUMBER,
  mayDivideByZero: true,
  apply: ([a, b]) => js(a) / js(b),
  compile: (site) => `(${site.arg(0)} / ${site.arg(1)})`,
  explain: ({ args, result }) => `${show(args[0])} ÷ ${show(args[1])} = ${show(result)}`,
  doc: { summary: 'Divides; dividing by zero gives Infinity or NaN (use "div" for a fallback).', example: { rule: { '/': [7, 2] }, data: null, result: 3.5 } },
};

/**
 * `%`: remainder.
 * @example {"%":[7, 3]} → 1
 */
export const remainder: EagerOperator = {
  name: '%',
  family: 'arithmetic',
  lazy: false,
  readsData: false,
  arity: { min: 2, max: 2 },
  returns: K_NUMBER,
  mayDivideByZero: true,
  apply: ([a, b]) => js(a) % js(b),
  compile: (site) => `(${site.arg(0)} % ${site.arg(1)})`,
  explain: ({ args, result }) => traceMessage('remainder', { dividend: show(args[0]), divisor: show(args[1]), value: show(result) }),
  doc: { summary: 'Remainder of a division.', example: { rule: { '%': [7, 3] }, data: null, result: 1 } },
};

function extreme(name: 'min' | 'max', pick: (...values: number[]) => number, example: OperatorDocExample): EagerOperator {
  return {
    name,
    family: 'arithmetic',
    lazy: false,
    readsData: false,
    arity: { min: 1, max: MANY },
    returns: K_NUMBER,
    decisive: true,
    apply: (values) => pick(...(values as number[])),
    compile: (site) => `${site.ref(pick)}(${Array.from({ length: site.argCount }, (_, i) => site.arg(i)).join(', ')})`,
    explain: ({ args, result }) => `${name}(${showList(args)}) = ${show(result)}`,
    doc: { summary: `The ${name === 'min' ? 'smallest' : 'largest'} of the numbers (JavaScript Math.${name}).`, example },
  };
}

type OperatorDocExample = EagerOperator['doc']['example'];

/** `min`. @example {"min":[3, {"var":"cap"}]} with {"cap":2} → 2 */
export const minimum = extreme('min', Math.min, { rule: { min: [3, { var: 'cap' }] }, data: { cap: 2 }, result: 2 });
/** `max`. @example {"max":[0, -3]} → 0 */
export const maximum = extreme('max', Math.max, { rule: { max: [0, { '-': [97, 100] }] }, data: null, result: 0 });

export const ARITHMETIC_OPERATORS: readonly EagerOperator[] = [add, subtract, multiply, divide, remainder, minimum, maximum];
