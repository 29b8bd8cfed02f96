/**
 * @module diff/types
 * The shape of one difference between two scheme versions.
 */

/** added/removed: an entity or field exists on one side only; moved: same entity, new place in its list. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/**
 * One human-readable difference between two versions of a scheme.
 * `pointer` is a JSON pointer into the newer scheme (into the older one for `removed`).
 */
export interface SchemeChange {
  kind: ChangeKind;
  pointer: string;
  /** `readablePath(pointer)`, e.g. `weights.positions.engineer.indicators.response_time`. */
  path: string;
  /** The old value; for rules, their compact canonical JSON; for moves, the old 1-based position. */
  before?: unknown;
  /** The new value; for rules, their compact canonical JSON; for moves, the new 1-based position. */
  after?: unknown;
  /** e.g. `weight of "response_time" for position "engineer" 30 → 25`. */
  text: string;
}
