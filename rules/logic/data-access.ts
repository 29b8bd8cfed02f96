/**
 * @module rules/logic/data-access
 * Reading data by `var` paths without ever leaving the data: only own properties of objects,
 * arrays and strings (so `"abc".length` and `list.0` work as in json-logic-js), never inherited
 * ones, never a function's properties, and never the keys `__proto__`, `constructor` or
 * `prototype`, even when JSON.parse made them own properties.
 */

/** Path segments no read may use: the usual prototype-pollution and sandbox-escape routes. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Object.prototype.hasOwnProperty.call is what V8 optimises best (about twice Object.hasOwn on Node 20).
const hasOwnProperty = Object.prototype.hasOwnProperty;
const hasOwn = (container: unknown, key: string): boolean => hasOwnProperty.call(container, key);

/** Own-property test for generated code, which inlines the object case itself. */
export const HAS_OWN_PROPERTY = hasOwnProperty;

/**
 * The own property `key` of `container`, or undefined. No forbidden-key check: callers either
 * checked the key statically or go through {@link readPath}.
 * @example
 * ownValue({ a: 1 }, 'toString') // undefined (inherited)
 * ownValue('abc', 'length')      // 3
 */
export function ownValue(container: unknown, key: string): unknown {
  if (typeof container === 'object') {
    return container !== null && hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
  }
  // hasOwnProperty boxes a string: its indexes and length are own properties, its methods are not.
  if (typeof container === 'string') return hasOwn(container, key) ? (container as unknown as Record<string, unknown>)[key] : undefined;
  return undefined;
}

/**
 * The path segments of a `var` argument as json-logic-js splits them, or null for "the whole
 * data" (argument missing, null or "").
 * @example
 * varSegments('inputs.kpi.0') // ['inputs', 'kpi', '0']
 * varSegments(1.5)            // ['1', '5']  (json-logic-js splits String(1.5) on the dot)
 */
export function varSegments(path: unknown): readonly string[] | null {
  if (path === undefined || path === null || path === '') return null;
  return String(path).split('.');
}

/** The first forbidden segment of a path, if any. */
export function forbiddenSegment(segments: readonly string[]): string | undefined {
  return segments.find((segment) => FORBIDDEN_KEYS.has(segment));
}

/**
 * Follows `segments` from `data`; undefined when any step is absent, inherited or forbidden.
 * @example
 * readPath({ a: { b: 2 } }, ['a', 'b']) // 2
 * readPath({}, ['__proto__'])           // undefined
 */
export function readPath(data: unknown, segments: readonly string[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || current === undefined || FORBIDDEN_KEYS.has(segment)) return undefined;
    current = ownValue(current, segment);
  }
  return current;
}

/**
 * A reader for one fixed path, for evaluators that know the path when the rule is compiled: the
 * forbidden-key check is done once here, and the common one- to three-step paths are unrolled.
 * @example pathReader(['inputs', 'complaints'])({ inputs: { complaints: 2 } }) // 2
 */
export function pathReader(segments: readonly string[]): (data: unknown) => unknown {
  if (forbiddenSegment(segments) !== undefined) return () => undefined;
  const [a, b, c] = segments as [string, string, string];
  const step = (container: unknown, key: string) => (container === null || container === undefined ? undefined : ownValue(container, key));
  switch (segments.length) {
    case 1:
      return (data) => step(data, a);
    case 2:
      return (data) => step(step(data, a), b);
    case 3:
      return (data) => step(step(step(data, a), b), c);
    default:
      return (data) => readPath(data, segments);
  }
}

/**
 * json-logic-js `var`: the value at `path`, or `fallback` (null when not given) when it is
 * absent. A forbidden or inherited key counts as absent, so it yields the fallback.
 * @example
 * readVar('a.b', 0, { a: {} }) // 0
 * readVar('', null, 5)         // 5 (the whole data)
 */
export function readVar(path: unknown, fallback: unknown, data: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  const segments = varSegments(path);
  if (segments === null) return data;
  const value = readPath(data, segments);
  return value === undefined ? notFound : value;
}
