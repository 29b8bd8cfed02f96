/**
 * @module rules/logic/coerce
 * The value conversions of JSON Logic, exactly as json-logic-js 2.0.5 performs them, plus the
 * stricter numeric reading the domain operators use.
 */

/**
 * JSON Logic truthiness: JavaScript's, except that an empty array is false (jsonlogic.com/truthy).
 * @example
 * truthy([]) // false
 */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length !== 0 : !!value;
}

/**
 * The operand conversion of `+` and `*`: json-logic-js calls `parseFloat` on every operand.
 * For numbers that is the identity except that -0 becomes 0 (parseFloat goes through the
 * string "0"); `x + 0` reproduces that without the string round trip.
 * @example
 * parseOperand('3.5 apples') // 3.5
 */
export function parseOperand(value: unknown): number {
  return typeof value === 'number' ? value + 0 : parseFloat(value as string);
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/**
 * The numeric reading of the domain operators: finite numbers, and strings that are plainly
 * a decimal number ("2.5", " 10 ", "1e3"). Anything else (null, booleans, "", "12abc",
 * arrays, NaN, Infinity) is not a number and gives null.
 * @example
 * finiteNumber('2.5') // 2.5
 * finiteNumber(true)  // null
 */
export function finiteNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}
