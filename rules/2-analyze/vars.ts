/**
 * @module 2-analyze/vars
 * One data read of a rule, from the logic engine's `collectVars` (which also covers the keys
 * named by `missing`/`missing_some`), re-pointed into the scheme; `schemeFacts` lists them. Reads inside iteration
 * callbacks (`map`, `filter`, `reduce`, `all`, `some`, `none`) are marked `scoped`: there the
 * data is the current element (`current`/`accumulator` for reduce), not the scheme's namespaces.
 */
import type { RuleSite } from './sites.ts';

/** One read of the data by a rule. */
export interface VarUse {
  site: RuleSite;
  /** Dotted path as written, e.g. `inputs.complaints`; for a computed path, the JSON of its expression. */
  path: string;
  /** Pointer into the scheme (the rule's pointer + the var's pointer inside the rule). */
  pointer: string;
  /** The path is computed at run time. */
  dynamic: boolean;
  /** The read happens inside an iteration callback, against an element. */
  scoped: boolean;
}
