/**
 * @module rules/logic/ops-string
 * `cat` and `substr`, as json-logic-js: `cat` joins with JavaScript's Array.join (null → "",
 * arrays → "1,2"), and `substr` takes a PHP-style negative length ("all but the last n").
 * Produced strings count against maxStringLength and, by their length, the work budget.
 */
import { show, showList } from './format.ts';
import { K_STRING } from './kinds.ts';
import { traceMessage } from './messages.ts';
import { chargeWork, checkStringLength } from './limits.ts';
import { MANY, type EagerOperator } from './operator.ts';
import type { EvalContext } from './types.ts';

const arrayJoin = Array.prototype.join;
// String.prototype.substr is deprecated but is exactly what json-logic-js calls (negative start counts from the end).
const substr = String.prototype.substr as (this: string, start: number, length?: number) => string;

function produced(ctx: EvalContext, text: string, op: string): string {
  checkStringLength(ctx, text.length, op);
  chargeWork(ctx, text.length, op);
  return text;
}

/**
 * `cat`: the arguments joined into one string.
 * @example {"cat":["Grade ", {"var":"grade"}]} with {"grade":"B"} → "Grade B"
 */
export const concatenate: EagerOperator = {
  name: 'cat',
  family: 'string',
  lazy: false,
  readsData: false,
  arity: { min: 0, max: MANY },
  returns: K_STRING,
  apply: (values, ctx) => produced(ctx, arrayJoin.call(values, ''), 'cat'),
  explain: ({ args, result }) => traceMessage('cat', { parts: showList(args), value: show(result) }),
  doc: { summary: 'Joins the arguments into one string (null and missing values become "").', example: { rule: { cat: ['Grade ', { var: 'grade' }] }, data: { grade: 'B' }, result: 'Grade B' } },
};

/** json-logic-js `substr(source, start, length)`; a negative length drops that many characters from the end. */
export function substring(ctx: EvalContext, source: unknown, start: unknown, length: unknown): string {
  if ((length as number) < 0) {
    const tail = substr.call(String(source), start as number);
    // `tail.length + length` keeps json-logic-js's quirk of string concatenation for a string length.
    return produced(ctx, substr.call(tail, 0, (tail.length + (length as number)) as number), 'substr');
  }
  return produced(ctx, substr.call(String(source), start as number, length as number | undefined), 'substr');
}

/**
 * `substr`.
 * @example {"substr":["jsonlogic", 4, -2]} → "log"
 */
export const substringOperator: EagerOperator = {
  name: 'substr',
  family: 'string',
  lazy: false,
  readsData: false,
  arity: { min: 2, max: 3 },
  returns: K_STRING,
  apply: ([source, start, length], ctx) => substring(ctx, source, start, length),
  compile: (site) => `${site.ref(substring)}(${site.context()}, ${site.arg(0)}, ${site.arg(1)}${site.argCount > 2 ? `, ${site.arg(2)}` : ''})`,
  explain: ({ args, result }) => `substr(${showList(args)}) = ${show(result)}`,
  doc: { summary: 'Part of a string from a start position (negative: from the end) with an optional length (negative: drop that many from the end).', example: { rule: { substr: ['jsonlogic', 4, -2] }, data: null, result: 'log' } },
};

export const STRING_OPERATORS: readonly EagerOperator[] = [concatenate, substringOperator];
