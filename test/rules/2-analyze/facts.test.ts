import { describe, expect, it } from 'vitest';
import { analyze } from '../../../rules/2-analyze/index.ts';
import { compileScheme } from '../../../rules/3-compile/compile.ts';
import { evaluateEmployee } from '../../../rules/4-evaluate/evaluate.ts';
import { hashScheme } from '../../../rules/hash.ts';
import { cleanScheme, indicator } from './builders.ts';

describe('what analysis hands to compile', () => {
  it('finds each rule site, what it reads and the order indicators must be computed in', () => {
    const s = cleanScheme();
    // k6 reads k1 and is listed first: it must be computed after k1 all the same.
    s.indicators.unshift(indicator('k6', { score: { '+': [{ var: 'indicators.k1' }, { var: 'params.target' }] } }));
    s.inputs.k6 = { type: 'number', unit: 'points' };
    const { facts } = analyze(s);
    expect(facts.hash).toBe(hashScheme(s));
    expect(facts.sites.map((f) => f.site.pointer)).toEqual(['/indicators/0/score', '/indicators/1/score', '/indicators/2/score', '/indicators/3/score', '/indicators/4/score', '/indicators/5/score']);
    const k6 = facts.at.get('/indicators/0/score')!;
    expect([...k6.refs!.indicators]).toEqual(['k1']);
    expect([...k6.refs!.params]).toEqual(['target']);
    const order = facts.order.map((step) => step.key);
    expect(order.indexOf('k1')).toBeLessThan(order.indexOf('k6'));
    expect(facts.cyclic).toEqual([]);
  });

  it('leaves indicators on a cycle out of the order, and compile reports them as broken', () => {
    const s = cleanScheme();
    s.indicators[1] = indicator('k2', { score: { var: 'indicators.k3' } });
    s.indicators[2] = indicator('k3', { score: { var: 'indicators.k2' } });
    const { facts, findings } = analyze(s);
    expect(facts.cyclic).toEqual(['k2', 'k3']);
    expect(findings.map((f) => f.code)).toContain('indicator_cycle');
    const compiled = compileScheme(s, facts);
    expect(compiled.brokenIndicators.get('k2')).toBe('indicator "k2" depends on itself through a cycle of references');
    const result = evaluateEmployee(compiled, { id: 'E1', inputs: { k1: 95, k2: 50, k3: 50, k4: 50, k5: 50 } });
    expect(result.indicators.find((i) => i.key === 'k2')?.status).toBe('error');
  });

  it('compile takes the order, the reads and the hash from analysis instead of finding them again', () => {
    const s = cleanScheme();
    const { facts } = analyze(s);
    const compiled = compileScheme(s, facts);
    expect(compiled.order).toBe(facts.order);
    expect(compiled.hash).toBe(facts.hash);
    expect(compiled.indicators.get('k1')!.score.refs).toBe(facts.at.get('/indicators/0/score')!.refs);
  });

  it('sees a draft changed in place between two analyses', () => {
    const s = cleanScheme();
    expect(analyze(s).facts.sites).toHaveLength(5);
    s.indicators.push(indicator('k6'));
    expect(analyze(s).facts.sites).toHaveLength(6);
  });
});
