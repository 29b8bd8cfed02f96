import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { cleanScheme } from './builders.ts';

/** The clean scheme with extra reads added to the score rules of some indicators. */
function withReads(reads: Record<string, string[]>, edit: (s: Scheme) => void = () => {}) {
  const s = cleanScheme();
  for (const ind of s.indicators) {
    const extra = (reads[ind.key] ?? []).map((path) => ({ var: path }));
    if (extra.length) ind.score = { '+': [ind.score, ...extra] };
  }
  edit(s);
  return analyzeScheme(s).map((f) => [f.code, f.pointer, f.message]);
}

describe('cycles', () => {
  it('accepts indicators that build on each other without a cycle', () => {
    expect(withReads({ k1: ['indicators.k2'], k2: ['indicators.k3', 'indicators.k4'], k3: ['indicators.k4'] })).toEqual([]);
  });

  it('names a two-indicator cycle', () => {
    expect(withReads({ k1: ['indicators.k2'], k2: ['indicators.k1'] })).toEqual([['indicator_cycle', '/indicators/0/score', 'Indicators form a cycle: k1 → k2 → k1.']]);
  });

  it('names the shortest cycle through the first indicator of a larger knot, once per knot', () => {
    expect(withReads({ k1: ['indicators.k2'], k2: ['indicators.k3'], k3: ['indicators.k1', 'indicators.k2'], k4: ['indicators.k5'], k5: ['indicators.k4'] })).toEqual([
      ['indicator_cycle', '/indicators/0/score', 'Indicators form a cycle: k1 → k2 → k3 → k1.'],
      ['indicator_cycle', '/indicators/3/score', 'Indicators form a cycle: k4 → k5 → k4.'],
    ]);
  });

  it('finds cycles through population values', () => {
    const edit = (s: Scheme) => {
      s.population = { values: [{ key: 'k2_rank', kind: 'percentile-rank', source: 'indicators.k2' }] };
    };
    expect(withReads({ k1: ['population.k2_rank'], k2: ['indicators.k1'] }, edit)).toEqual([
      ['indicator_cycle', '/indicators/0/score', 'Indicators form a cycle: k1 → population.k2_rank → k2 → k1.'],
    ]);
  });

  it('leaves a direct self-read to the reference check', () => {
    expect(withReads({ k1: ['indicators.k1'] }).map((f) => f[0])).toEqual(['self_reference']);
  });
});
