/**
 * The simulator's "why": comparing an employee's result under the published property-services
 * rules and under the simulator's edit (engineer weights moved 5 points from closure_rate to
 * response_time, grade A from 90 up to 92) names what moved their total and what decided their
 * grade.
 */
import { describe, expect, it } from 'vitest';
import { compileScheme } from '../../rules/3-compile/compile.ts';
import { evaluatePopulation } from '../../rules/4-evaluate/evaluate.ts';
import type { EmployeeResult } from '../../rules/4-evaluate/result.ts';
import type { Scheme } from '../../schemas/generated/scheme.ts';
import propertyServices from '../../rules/templates/property-services.json' with { type: 'json' };
import { whyChanged, type ChangeReason } from '../../studio/src/lib/simulation.ts';
import { edited, population } from './simulator-bench-core.ts';

const scheme = propertyServices as unknown as Scheme;
const employees = population(600);
const before = new Map(evaluatePopulation(compileScheme(scheme), employees, { explain: false }).employees.map((e) => [e.employeeId, e]));
const after = evaluatePopulation(compileScheme(edited(scheme)), employees, { explain: false }).employees;
const pairs = after.map((a) => ({ a, b: before.get(a.employeeId)! }));
const gradeReason = (reasons: ChangeReason[]) => reasons.find((r) => r.kind === 'grade') as Extract<ChangeReason, { kind: 'grade' }> | undefined;
const indicatorReasons = (reasons: ChangeReason[]) => reasons.filter((r): r is Extract<ChangeReason, { kind: 'indicator' }> => r.kind === 'indicator');

describe('simulator: why a result changed', () => {
  it('names the moved weights of an engineer, with the points each move cost or gave', () => {
    const engineer = pairs.find(({ a, b }) => a.position === 'engineer' && a.indicators.find((i) => i.key === 'closure_rate')!.score === 100 && b.total !== a.total)!;
    const reasons = indicatorReasons(whyChanged(engineer.b, engineer.a));
    const closure = reasons.find((r) => r.key === 'closure_rate')!;
    // 100 points × (25 % − 30 %) = −5 points.
    expect(closure).toMatchObject({ weightBefore: 30, weightAfter: 25, scoreBefore: 100, scoreAfter: 100, delta: -5 });
    const response = reasons.find((r) => r.key === 'response_time')!;
    expect(response.weightBefore).toBe(25);
    expect(response.weightAfter).toBe(30);
    expect(response.delta).toBeCloseTo((response.scoreAfter! * 5) / 100, 9);
    // Biggest move first.
    expect(Math.abs(reasons[0]!.delta)).toBeGreaterThanOrEqual(Math.abs(reasons[reasons.length - 1]!.delta));
  });

  it('accounts for the whole change of every total', () => {
    const changed = pairs.filter(({ a, b }) => a.total !== b.total);
    expect(changed.length).toBeGreaterThan(50);
    for (const { a, b } of changed) {
      const moved = whyChanged(b, a, Infinity).reduce((sum, r) => sum + (r.kind === 'grade' ? 0 : r.delta), 0);
      expect(moved, a.employeeId).toBeCloseTo(a.total! - b.total!, 1);
    }
  });

  it('blames the bands when only a band edge moved, and the quota when the distribution moved the grade', () => {
    const reasonsOf = (p: { a: EmployeeResult; b: EmployeeResult }) => whyChanged(p.b, p.a);
    const byBands = pairs.find((p) => p.a.position !== 'engineer' && p.a.grade !== p.b.grade && gradeReason(reasonsOf(p))?.cause === 'bands')!;
    // Customer service and security weights did not change: same total, grade A lost to the new edge at 92.
    expect(byBands.a.total).toBe(byBands.b.total);
    expect(byBands.a.total!).toBeGreaterThanOrEqual(90);
    expect(byBands.a.total!).toBeLessThan(92);
    expect(reasonsOf(byBands)).toEqual([{ kind: 'grade', cause: 'bands', bandBefore: 'A', bandAfter: 'B', gradeBefore: 'A', gradeAfter: 'B', totalAfter: byBands.a.total }]);

    const byQuota = pairs.filter((p) => p.a.grade !== p.b.grade && gradeReason(reasonsOf(p))?.cause === 'distribution');
    expect(byQuota.length).toBeGreaterThan(0);
    for (const p of byQuota) expect([p.a, p.b].some((r) => r.distribution && r.distribution.gradeBefore !== r.distribution.gradeAfter)).toBe(true);
  });

  it('gives no reason for an unchanged result', () => {
    const same = pairs.find(({ a, b }) => a.total === b.total && a.grade === b.grade)!;
    expect(whyChanged(same.b, same.a)).toEqual([]);
  });
});
