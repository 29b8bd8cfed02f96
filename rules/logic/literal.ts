/**
 * @module rules/logic/literal
 * Rule literals as compiled constants. (A rule's cache key is `ruleCacheKey` in `rules/hash.ts`.)
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
