/**
 * @module diff/types
 * The shape of one difference between two scheme versions. Besides its English `text`, every
 * change carries a structured description (`subject`, `form`, plus `kind`, `before`, `after`), so
 * every language is worded from that structure by one catalogue (`wording.ts`), typed by
 * `ChangeEntity`, so an entity missing there is a type error.
 * This module has no imports: the studio imports its types without bundling the rules engine.
 */

/** added/removed: an entity or field exists on one side only; moved: same entity, new place in its list. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/**
 * Every kind of thing a change can be about, in the order the diff visits them.
 * weightRow: a row of the weight matrix (the default row, or a position's);
 * weight / dimensionWeight: one cell of a row, the weight of an indicator / a dimension;
 * quota: the distribution quota of one grade; grading, distribution, raters, rounding: those
 * sections of the scheme (their own fields; their keyed entries are the other entities).
 */
export const CHANGE_ENTITIES = [
  'scheme',
  'input',
  'param',
  'dimension',
  'indicator',
  'weightRow',
  'weight',
  'dimensionWeight',
  'derivedScore',
  'adjustment',
  'grading',
  'grade',
  'band',
  'populationValue',
  'distribution',
  'quota',
  'raters',
  'raterGroup',
  'rounding',
] as const;

/** What a change is about; see `CHANGE_ENTITIES`. */
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];

/**
 * The entity (and field of it) a change is about.
 * @example
 * // 'weight of "response_time" for position "engineer" 30 → 25'
 * { entity: 'weight', key: 'response_time', position: 'engineer' }
 * // 'band "B": min 80 → 85'
 * { entity: 'band', key: 'B', field: 'min' }
 * // 'indicator "close_rate": score rule changed'
 * { entity: 'indicator', key: 'close_rate', field: 'score', rule: true }
 */
export interface ChangeSubject {
  entity: ChangeEntity;
  /**
   * Which one: the key of an input, param, dimension, indicator, derived score, adjustment, grade,
   * population value or rater group; the grade of a band or quota; the indicator (dimension) key
   * of a weight. Absent for the scheme, its sections and weight rows.
   */
  key?: string;
  /** 2, 3 … when several entries of a list share the key (an analysis error the diff still tells apart). */
  occurrence?: number;
  /** weightRow, weight, dimensionWeight: the position whose row it is; absent for the default row. */
  position?: string;
  /**
   * The field that changed, dotted below the entity's own fields (`value.gold`, `dimensions.customer`);
   * for a rename, the identity field (`key`, or `grade` for bands). Absent when the entity itself
   * was added, removed or moved.
   */
  field?: string;
  /** The field holds a JSON Logic rule: `before`/`after` are its compact canonical JSON. */
  rule?: true;
}

/**
 * How the sentence uses `before` and `after`.
 * values: they are written into it (short scalars: `30 → 25`, `set to 3`, `"D" removed`);
 * renamed: the entity's key changed and nothing else, `after` is the new key.
 * Absent: the sentence only names the change (`indicator "x" added`, `score rule changed`), the
 * values are shown beside it; for `moved`, they are the old and new 1-based positions.
 */
export type ChangeForm = 'values' | 'renamed';

/**
 * One human-readable difference between two versions of a scheme.
 * `pointer` is a JSON pointer into the newer scheme (into the older one for `removed`).
 */
export interface SchemeChange {
  kind: ChangeKind;
  pointer: string;
  /** `readablePath(pointer)`, e.g. `weights.positions.engineer.indicators.response_time`. */
  path: string;
  /** e.g. `weight of "response_time" for position "engineer" 30 → 25`. */
  text: string;
  /** The old value; for rules, their compact canonical JSON; for moves, the old 1-based position. */
  before?: unknown;
  /** The new value; for rules, their compact canonical JSON; for moves, the new 1-based position. */
  after?: unknown;
  /** What changed, for wording `text` in other languages. */
  subject: ChangeSubject;
  /** How `text` uses before/after; see `ChangeForm`. */
  form?: ChangeForm;
}
