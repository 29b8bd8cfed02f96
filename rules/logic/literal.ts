/**
 * @module rules/logic/literal
 * Rule literals as compiled constants, and the canonical text of a rule (its cache key).
 */

/**
 * A deep, frozen copy of a JSON value. Compiled rules share their literals across
 * evaluations, so a caller that mutates a result must not change the next result; the copy
 * also detaches the compiled rule from later edits to the caller's rule object. Keys are
 * defined, not assigned, so an own `__proto__` key stays data.
 * @example
 * Object.isFrozen(frozenCopy({ a: [1] })) // true
 */
export function frozenCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  const copy = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: frozenCopy((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return Object.freeze(copy);
}

/**
 * JSON with object keys sorted, and -0 kept apart from 0 (`{"-":[0]}` is -0, `{"-":[-0]}` is 0).
 * Only for values that passed the static check (plain JSON, bounded depth).
 * @example
 * canonicalJson({ b: 1, a: [2, -0] }) // '{"a":[2,-0],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}
