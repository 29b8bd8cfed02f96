/**
 * @module rules/logic/kinds
 * What the code generator knows statically about a value: a bit set of the JavaScript types it
 * may have. Knowing that a value is never an array lets `if`/`and`/`or` use plain JS
 * truthiness; knowing it is a number lets `+` skip `parseFloat`; knowing it is never
 * undefined lets `-` skip the unary-minus test.
 */

export const K_UNDEFINED = 1;
export const K_ARRAY = 2;
export const K_NUMBER = 4;
export const K_STRING = 8;
export const K_BOOLEAN = 16;
/** null, objects and anything else. */
export const K_OTHER = 32;
export const K_ANY = 63;
export const K_DEFINED = K_ANY & ~K_UNDEFINED;

/** A bit set of the types a value may have. */
export type KindMask = number;

/**
 * The kind of a known value.
 * @example
 * kindOf([1]) === K_ARRAY
 */
export function kindOf(value: unknown): KindMask {
  if (value === undefined) return K_UNDEFINED;
  if (Array.isArray(value)) return K_ARRAY;
  switch (typeof value) {
    case 'number':
      return K_NUMBER;
    case 'string':
      return K_STRING;
    case 'boolean':
      return K_BOOLEAN;
    default:
      return K_OTHER;
  }
}

/** Union of the kinds in `kinds` (K_UNDEFINED for none). */
export function unionKinds(kinds: readonly KindMask[]): KindMask {
  let mask = 0;
  for (const kind of kinds) mask |= kind;
  return mask === 0 ? K_UNDEFINED : mask;
}
