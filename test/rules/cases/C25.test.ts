/**
 * C25 — OKR key-result rubrics (1 分 = 全部记录; 0.7 分 = 有一个销售支持没有被记录; 0.5= 有两个…; 0.3= 只记录了一个销售支持).
 * Expressed by the okr-key-results template: each KR's rubric is an ordered `if` chain (first match
 * wins), the objective is the mean of the KRs, and the total is the objective on a 0–1 scale.
 * KR3's tiers mix units (≥60%, 50–59%, then "≥3 managers"), as the case notes; the rubric reads
 * "50–59%" as [50, 60).
 */
import { describe, expect, it } from 'vitest';
import c25 from '../../fixtures/cases/C25-okr-key-result-scoring-rubrics.json' with { type: 'json' };
import { getTemplate } from '../../../rules/templates/index.ts';
import { evaluateOne, score } from './helpers.ts';

const scheme = getTemplate('okr-key-results')!.scheme;
const neutral = { kr1_missed: 0, kr1_recorded: 5, kr2_baseline_obtained: true, kr3_pct_certified: 60, kr3_certified_count: 10 };

/** The case's probe inputs, as the template's inputs. */
function inputsFor(probe: Record<string, unknown>): Array<Record<string, unknown>> {
  if ('KR1_missed' in probe) return [{ ...neutral, kr1_missed: probe.KR1_missed }];
  if ('KR3_pct_trained' in probe) {
    const [lo, hi] = String(probe.KR3_pct_trained).split('-').map(Number);
    return [lo, (lo + hi) / 2, hi, hi + 0.9].map((pct) => ({ ...neutral, kr3_pct_certified: pct }));
  }
  throw new Error(`unknown probe ${JSON.stringify(probe)}`);
}

describe('C25 OKR key-result rubrics', () => {
  it.each(c25.employees.map((e) => [e.id, e] as const))('%s', (_, e) => {
    const [kr, expected] = Object.entries(e.expected)[0] as [string, number];
    for (const inputs of inputsFor(e.inputs)) expect(score(evaluateOne(scheme, { id: e.id, inputs }), kr.toLowerCase()), JSON.stringify(inputs)).toBe(expected);
  });

  it('the generic scale 1 / 0.7 / 0.3 / 0 is what the rubrics return; KR2 is 1 or 0', () => {
    const kr1 = (missed: number, recorded: number) => score(evaluateOne(scheme, { id: 'x', inputs: { ...neutral, kr1_missed: missed, kr1_recorded: recorded } }), 'kr1');
    expect([kr1(0, 5), kr1(1, 4), kr1(2, 3), kr1(6, 1), kr1(6, 0)]).toEqual([1, 0.7, 0.5, 0.3, 0]);
    const kr2 = (obtained: boolean) => score(evaluateOne(scheme, { id: 'x', inputs: { ...neutral, kr2_baseline_obtained: obtained } }), 'kr2');
    expect([kr2(true), kr2(false)]).toEqual([1, 0]);
  });

  it('first match wins: one missed but only one recorded is 0.7, not 0.3', () => {
    expect(score(evaluateOne(scheme, { id: 'x', inputs: { ...neutral, kr1_missed: 1, kr1_recorded: 1 } }), 'kr1')).toBe(0.7);
  });

  it('objective = mean of the KRs (「KR 的平均分」): (0.5 + 1 + 0.7) / 3 = 0.73', () => {
    const r = evaluateOne(scheme, { id: 'VP', inputs: { ...neutral, kr1_missed: 2, kr3_pct_certified: 55 } });
    expect(r.total).toBe(0.73);
  });
});
