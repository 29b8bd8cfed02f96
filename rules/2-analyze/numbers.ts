/**
 * @module 2-analyze/numbers
 * Sums of weights and shares as people type them: 33.3 + 33.3 + 33.4 is 100, and prints as 100.
 */

// Far below any difference a person types (weights have at most a few decimals), far above float noise.
const EPSILON = 1e-9;

/**
 * The total of some numbers, and whether it is the target up to float noise.
 * @example total([33.3, 33.3, 33.4], 100) // { sum: 100, ok: true }
 */
export function total(values: readonly number[], target: number): { sum: number; ok: boolean } {
  const sum = values.reduce((a, b) => a + b, 0);
  return { sum: tidy(sum), ok: Math.abs(sum - target) <= EPSILON };
}

/** `a > b` beyond float noise. */
export function exceeds(a: number, b: number): boolean {
  return a - b > EPSILON;
}

/**
 * Numbers as people read them: float noise removed.
 * @example tidy(0.1 + 0.2) // 0.3
 */
export function tidy(n: number): number {
  return Number(n.toPrecision(12));
}
