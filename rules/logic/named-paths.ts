/**
 * @module rules/logic/named-paths
 * The data paths an operation names in the rule text (`var`'s path, the keys of `missing` and
 * `missing_some`), read as json-logic-js reads them. Path operators declare their reader in the
 * registry (`namedPaths`), so the static check and `collectVars` know every path without a list
 * of operator names of their own.
 */
import { varSegments } from './data-access.ts';
import { isStaticValue } from './rule-shape.ts';

/** A path a rule names literally, with where it is written. */
export interface NamedPath {
  /** The path as JSON Logic reads it ("" = the whole data), or the JSON text of the expression when dynamic. */
  readonly path: string;
  readonly pointer: string;
  /** The path is computed at run time (its argument is an operation). */
  readonly dynamic: boolean;
}

/** JSON Pointer of argument `i` of the operation being read. */
export type ArgumentPointer = (i: number) => string;

const json = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * A path argument: static (a string or number, split on dots) or dynamic (an operation).
 * @example
 * pathOf('a.b', '/var') // { path: 'a.b', pointer: '/var', dynamic: false }
 */
export function pathOf(value: unknown, pointer: string): NamedPath {
  if (!isStaticValue(value)) return { path: json(value), pointer, dynamic: true };
  const segments = varSegments(value);
  return { path: segments === null ? '' : segments.join('.'), pointer, dynamic: false };
}

/** A key of `missing`: a path, or `[path, default]`. */
function keyPath(key: unknown, pointer: string): NamedPath {
  return Array.isArray(key) ? pathOf(key[0], `${pointer}/0`) : pathOf(key, pointer);
}

/**
 * `missing`'s key list as json-logic-js reads it: one array argument is the list itself.
 * @example
 * keyList([['a', 'b']], (i) => `/missing/${i}`).map((p) => p.path) // ['a', 'b']
 */
export function keyList(args: readonly unknown[], pointer: ArgumentPointer): NamedPath[] {
  if (args.length > 0 && Array.isArray(args[0])) {
    const list = args[0];
    return list.map((key, i) => keyPath(key, `${pointer(0)}/${i}`));
  }
  if (args.length > 0 && !isStaticValue(args[0])) return [{ path: json(args[0]), pointer: pointer(0), dynamic: true }];
  return args.map((key, i) => keyPath(key, pointer(i)));
}

/**
 * `missing_some`'s keys: its second argument, a list or a single key.
 * @example
 * someKeyList([1, ['a']], (i) => `/missing_some/${i}`) // [{ path: 'a', pointer: '/missing_some/1/0', dynamic: false }]
 */
export function someKeyList(args: readonly unknown[], pointer: ArgumentPointer): NamedPath[] {
  const options = args[1];
  if (options === undefined) return [];
  if (Array.isArray(options)) return keyList(options, (i) => `${pointer(1)}/${i}`);
  return [keyPath(options, pointer(1))];
}
