/**
 * @module lib/simulation
 * Why an employee's result differs between the published rules and the simulator's copy: the
 * indicators and dimensions whose contribution moved (and whether the weight or the score did
 * it), bonus and deduction points, and what decided the grade (the bands, or the forced
 * distribution). Pure: compares two results of `evaluatePopulation`.
 *
 * @example
 * whyChanged(before, after)
 * // [{ kind: 'indicator', key: 'closure_rate', title: '报修关闭率', delta: 2.5, weightBefore: 20, weightAfter: 25, scoreBefore: 50, scoreAfter: 50 },
 * //  { kind: 'grade', cause: 'bands', bandBefore: 'B', bandAfter: 'A' }]
 */
import type { EmployeeResult } from '../../../rules/4-evaluate/result.ts';

export type ChangeReason =
  | { kind: 'indicator'; key: string; title: string; delta: number; weightBefore: number | null; weightAfter: number | null; scoreBefore: number | null; scoreAfter: number | null }
  | { kind: 'dimension'; key: string; title: string; delta: number; weightBefore: number | null; weightAfter: number | null }
  | { kind: 'adjustment'; key: string; delta: number }
  | { kind: 'grade'; cause: 'bands' | 'distribution' | 'adjustment'; bandBefore: string | null; bandAfter: string | null; gradeBefore: string | null; gradeAfter: string | null; totalAfter: number | null };

/** Contributions that moved by less than this many points are rounding noise, not a reason. */
const NOISE = 0.005;

/**
 * The reasons, biggest moves first, then what decided the grade (when the grade changed).
 * `limit` caps the contribution reasons (the grade reason is always kept).
 * @example whyChanged(before, after, 3).map((r) => r.kind) // ['indicator', 'indicator', 'grade']
 */
export function whyChanged(before: EmployeeResult, after: EmployeeResult, limit = 3): ChangeReason[] {
  const moves: ChangeReason[] = [];
  const beforeIndicators = new Map(before.indicators.map((i) => [i.key, i]));
  for (const a of after.indicators) {
    const b = beforeIndicators.get(a.key);
    const delta = (a.weighted ?? 0) - (b?.weighted ?? 0);
    if (Math.abs(delta) >= NOISE) moves.push({ kind: 'indicator', key: a.key, title: a.title, delta, weightBefore: b?.weight ?? null, weightAfter: a.weight, scoreBefore: b?.score ?? null, scoreAfter: a.score });
  }
  const beforeDimensions = new Map(before.dimensions.map((d) => [d.key, d]));
  for (const a of after.dimensions) {
    const b = beforeDimensions.get(a.key);
    const delta = (a.weighted ?? 0) - (b?.weighted ?? 0);
    // A dimension's own weight change is a reason of its own; its indicators already explain a moved subtotal.
    if (Math.abs(delta) >= NOISE && (b?.weight ?? null) !== a.weight) moves.push({ kind: 'dimension', key: a.key, title: a.title, delta, weightBefore: b?.weight ?? null, weightAfter: a.weight });
  }
  const pointsBefore = new Map(before.adjustments.map((x) => [x.key, x.applied ? (x.points ?? 0) : 0]));
  for (const x of after.adjustments) {
    const delta = (x.applied ? (x.points ?? 0) : 0) - (pointsBefore.get(x.key) ?? 0);
    if (Math.abs(delta) >= NOISE) moves.push({ kind: 'adjustment', key: x.key, delta });
  }
  moves.sort((x, y) => Math.abs((y as { delta: number }).delta) - Math.abs((x as { delta: number }).delta));
  const reasons = moves.slice(0, limit);
  if (before.grade !== after.grade) reasons.push(gradeReason(before, after));
  return reasons;
}

/** What decided a changed grade: the forced distribution moved it, grade adjustments did, or the bands (new total or new edges). */
function gradeReason(before: EmployeeResult, after: EmployeeResult): ChangeReason {
  const forced = (r: EmployeeResult) => r.distribution !== undefined && r.distribution.gradeBefore !== r.distribution.gradeAfter;
  const cause = forced(after) || forced(before) ? 'distribution' : after.bandGrade === after.grade && before.bandGrade === before.grade ? 'bands' : 'adjustment';
  return { kind: 'grade', cause, bandBefore: before.bandGrade, bandAfter: after.bandGrade, gradeBefore: before.grade, gradeAfter: after.grade, totalAfter: after.total };
}
