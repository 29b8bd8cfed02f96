/**
 * @module rules/logic/format
 * Short, readable renderings of values for trace texts ("max(0, -3) = 0"). Rendering is
 * budgeted: a step about a 10,000 × 10,000 table must not serialise the table to show 60
 * characters of it.
 */

const MAX_SHOWN = 60;
const MAX_NESTING = 4;

function scalar(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : Number.isFinite(value) ? plainNumber(value) : 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return '[function]';
  if (value === undefined) return 'undefined';
  return String(value);
}

/**
 * A number without binary float noise: 12 significant digits, so 86.00000000000001 reads 86,
 * 0.1 + 0.2 reads 0.3 and 26.599999999999994 reads 26.6 (noise a few operations pile up sits in
 * the last 3–4 of a double's ~16 digits). Integers and numbers of up to 12 digits stay as typed.
 */
function plainNumber(value: number): string {
  const text = String(value);
  return text.length <= 13 || Number.isInteger(value) ? text : String(Number(value.toPrecision(12)));
}

/** Appends a JSON-like rendering of `value` to `out` until about `limit` characters. */
function render(value: unknown, out: string[], state: { length: number }, limit: number, nesting: number): void {
  const push = (text: string): void => {
    out.push(text);
    state.length += text.length;
  };
  if (typeof value !== 'object' || value === null) {
    push(scalar(value));
    return;
  }
  if (nesting >= MAX_NESTING) {
    push(Array.isArray(value) ? '[…]' : '{…}');
    return;
  }
  const isArray = Array.isArray(value);
  push(isArray ? '[' : '{');
  const keys = isArray ? null : Object.keys(value);
  const count = isArray ? value.length : (keys as string[]).length;
  for (let i = 0; i < count; i++) {
    if (state.length > limit) {
      push('…');
      return;
    }
    if (i > 0) push(',');
    if (isArray) render(value[i], out, state, limit, nesting + 1);
    else {
      const key = (keys as string[])[i] as string;
      push(`${JSON.stringify(key)}:`);
      render((value as Record<string, unknown>)[key], out, state, limit, nesting + 1);
    }
  }
  push(isArray ? ']' : '}');
}

/**
 * A value as a person reads it: numbers plain, strings quoted, structures as short JSON.
 * @example
 * show('A') // '"A"'
 * show([1, 2]) // '[1,2]'
 */
export function show(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // NaN, Infinity as such
  const out: string[] = [];
  render(value, out, { length: 0 }, MAX_SHOWN, 0);
  const text = out.join('');
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** `a, b, c` of shown values. */
export function showList(values: readonly unknown[]): string {
  return values.map(show).join(', ');
}
