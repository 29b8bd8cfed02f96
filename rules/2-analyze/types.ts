/**
 * @module 2-analyze/types
 * What static analysis reports: findings with a stable code, a severity and a location.
 */

/** error: blocks publishing; warning: probably a mistake, worth a look; info: advice or a note. */
export type Severity = 'error' | 'warning' | 'info';

/** One thing analysis noticed about a scheme. */
export interface Finding {
  severity: Severity;
  /** Stable snake_case code from the catalogue in `codes.ts`, e.g. `weights_not_100`. */
  code: string;
  /** JSON pointer into the scheme, e.g. `/weights/positions/driver/indicators`. */
  pointer: string;
  /** `readablePath(pointer)`, e.g. `weights.positions.driver.indicators`. */
  path: string;
  /** Plain language, naming the indicator, position or band concerned. */
  message: string;
  /**
   * The values `message` was filled with, flat, so the message can be worded in another language,
   * e.g. `{ position: 'driver', sum: 90 }`, lists as arrays (see `flatArgs` in `codes.ts`).
   */
  args?: Record<string, string | number | string[]>;
}
