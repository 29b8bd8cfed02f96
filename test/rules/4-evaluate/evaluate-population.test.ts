import { describe, expect, it } from 'vitest';
import { compileScheme, evaluatePopulation, parseScheme } from '../../../rules/index.ts';
import { exactCounts } from '../../../rules/4-evaluate/distribution.ts';
import { scoreScheme, scored } from './build.ts';

const run = (extra: Record<string, unknown>, employees: ReturnType<typeof scored>) => evaluatePopulation(compileScheme(scoreScheme(extra)), employees, { explain: false });
const grades = (r: ReturnType<typeof run>) => Object.fromEntries(r.employees.map((e) => [e.employeeId, e.grade]));

describe('forced distribution, exact shares 10/15/50/15/10', () => {
  const exact = { population: { distribution: { mode: 'exact', quotas: { 优: { share: 0.1 }, 良: { share: 0.15 }, 中: { share: 0.5 }, 基本合格: { share: 0.15 }, 不合格: { share: 0.1 } } } } };

  it('gives 2/3/10/3/2 of 20 people by rank, whatever their band grades', () => {
    const scores = Array.from({ length: 20 }, (_, i) => 99 - i); // all 优/良 by band
    const r = run(exact, scored(scores));
    expect(r.gradeCounts).toEqual({ 优: 2, 良: 3, 中: 10, 基本合格: 3, 不合格: 2 });
    expect(r.employees[0].grade).toBe('优'); // 99, best
    expect(r.employees[19].grade).toBe('不合格'); // 80, worst
    expect(r.employees[19].distribution?.reason).toContain('ranked 20 of 20');
    expect(r.employees[19].bandGrade).toBe('良');
  });

  it('rounds 7 people with the largest-remainder method: 1/1/3/1/1', () => {
    // ideal 0.7/1.05/3.5/1.05/0.7 → floors 0/1/3/1/0, two left go to the largest remainders (0.7, 0.7)
    expect(exactCounts([0.1, 0.15, 0.5, 0.15, 0.1], 7, 'largest-remainder')).toEqual([1, 1, 3, 1, 1]);
    // floor: 0/1/3/1/0 = 5, the 2 missing people go to the grade with the largest share (中)
    expect(exactCounts([0.1, 0.15, 0.5, 0.15, 0.1], 7, 'floor')).toEqual([0, 1, 5, 1, 0]);
    const r = run(exact, scored([95, 90, 85, 80, 75, 70, 65]));
    expect(r.gradeCounts).toEqual({ 优: 1, 良: 1, 中: 3, 基本合格: 1, 不合格: 1 });
  });

  it('keeps equal totals together when the tie policy says so', () => {
    // 10 people, 优 gets 1; the two best are tied at 95.
    const scores = [95, 95, 90, 85, 80, 75, 70, 65, 60, 55];
    const tieExact = (ties: string) => ({ population: { distribution: { ...exact.population.distribution, ties } } });
    expect(grades(run(tieExact('break'), scored(scores)))).toMatchObject({ e01: '优', e02: '良' });
    expect(grades(run(tieExact('share-better'), scored(scores)))).toMatchObject({ e01: '优', e02: '优' });
    expect(grades(run(tieExact('share-worse'), scored(scores)))).toMatchObject({ e01: '良', e02: '良' });
  });

  it('is deterministic whatever the input order', () => {
    const people = scored([88, 88, 88, 70, 70, 91, 60, 60, 59, 80]);
    const a = grades(run(exact, people));
    const b = grades(run(exact, [...people].reverse()));
    expect(b).toEqual(a);
  });
});

describe('forced distribution, limits', () => {
  it('moves the lowest-ranked surplus of a capped grade down one grade', () => {
    // 10 people, 优 at most 20% = 2; four have 优 by band.
    const r = run({ population: { distribution: { quotas: { 优: { max: 0.2 } } } } }, scored([99, 98, 97, 96, 85, 85, 75, 65, 55, 50]));
    expect(grades(r)).toMatchObject({ e01: '优', e02: '优', e03: '良', e04: '良', e05: '良' });
    expect(r.employees[2].distribution?.reason).toContain('优 is limited to 20% of 10 = 2');
    expect(r.distribution[0].before['优']).toBe(4);
    expect(r.distribution[0].after['优']).toBe(2);
  });

  it('fills a minimum share of the lowest grade from the lowest-ranked others', () => {
    const r = run({ population: { distribution: { quotas: { 不合格: { min: 0.2 } } } } }, scored([95, 90, 85, 80, 75, 72, 71, 70, 69, 65]));
    expect(r.gradeCounts['不合格']).toBe(2);
    expect(grades(r)).toMatchObject({ e10: '不合格', e09: '不合格', e08: '中' });
  });

  it('limits several grades together (A+B at most 30%)', () => {
    const r = run({ population: { distribution: { quotas: {}, groupLimits: [{ grades: ['优', '良'], max: 0.3 }] } } }, scored([95, 94, 88, 87, 86, 75, 74, 73, 72, 71]));
    expect(r.gradeCounts['优'] + r.gradeCounts['良']).toBe(3);
    expect(grades(r)).toMatchObject({ e01: '优', e02: '优', e03: '良', e04: '中', e05: '中' });
  });

  it('forces each department separately and leaves small scopes alone', () => {
    const dept = (i: number) => (i < 10 ? 'big' : 'small');
    const people = scored([99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 99, 98], dept);
    const r = run({ population: { distribution: { scope: 'department', minPopulation: 5, quotas: { 优: { max: 0.1 } } } } }, people);
    const big = r.distribution.find((d) => d.group === 'big')!;
    const small = r.distribution.find((d) => d.group === 'small')!;
    expect(big.after['优']).toBe(1);
    expect(small.forced).toBe(false);
    expect(small.notes[0]).toContain('fewer than the minimum of 5');
    expect(grades(r)).toMatchObject({ e11: '优', e12: '优' });
    expect(r.employees[10].rank).toEqual({ scope: 'department', position: 1, of: 2 });
  });

  it('keeps vetoed employees out of the distribution', () => {
    const scheme = scoreScheme({
      inputs: { score: { type: 'number' }, veto: { type: 'boolean', default: false } },
      adjustments: [{ key: 'veto', kind: 'veto', when: { var: 'inputs.veto' }, grade: '不合格' }],
      population: { distribution: { quotas: { 优: { max: 0.5 } } } },
    });
    const r = evaluatePopulation(compileScheme(scheme), [
      { id: 'a', inputs: { score: 99, veto: true } },
      { id: 'b', inputs: { score: 98 } },
      { id: 'c', inputs: { score: 97 } },
    ]);
    expect(grades(r as never)).toEqual({ a: '不合格', b: '优', c: '良' });
    expect(r.distribution[0].notes[0]).toContain('veto');
  });

  it('applies grade adjustments staged after the distribution', () => {
    const scheme = scoreScheme({
      inputs: { score: { type: 'number' }, star: { type: 'boolean', default: false } },
      adjustments: [{ key: 'star', kind: 'set-grade', when: { var: 'inputs.star' }, grade: '优', stage: 'after-distribution' }],
      population: { distribution: { quotas: { 优: { max: 0 } } } },
    });
    const r = evaluatePopulation(compileScheme(scheme), [
      { id: 'a', inputs: { score: 99 } },
      { id: 'b', inputs: { score: 95, star: true } },
    ]);
    expect(grades(r as never)).toEqual({ a: '良', b: '优' });
  });
});

describe('population values', () => {
  const callCentre = (values: unknown[], score: unknown) =>
    parseScheme({
      key: 'cc',
      title: 'Call centre',
      period: 'month',
      inputs: { sat: { type: 'number' }, last_sat: { type: 'number', required: false }, surveys: { type: 'integer', default: 100 } },
      indicators: [{ key: 'x', title: 'X', score }],
      weights: { default: { indicators: { x: 100 } } },
      population: { values },
      grading: { grades: [{ key: 'ok' }], bands: [{ grade: 'ok' }] },
    });
  const people = (rows: Array<[string, number, string, number?]>) => rows.map(([id, sat, group, last]) => ({ id, attributes: { group }, inputs: { sat, last_sat: last ?? null } }));

  it('scores by rank linearly: best 10, worst 6, ties share a rank', () => {
    const scheme = callCentre([{ key: 'rank_score', kind: 'rank-linear', source: 'inputs.sat', best: 10, worst: 6 }], { var: 'population.rank_score' });
    const r = evaluatePopulation(compileScheme(scheme), people([['a', 90, 'g'], ['b', 80, 'g'], ['c', 80, 'g'], ['d', 70, 'g'], ['e', 60, 'g']]));
    // ranks 1, 2, 2, 4, 5 of 5: 10 − (rank − 1) × 4/4
    expect(r.employees.map((e) => e.total)).toEqual([10, 9, 9, 7, 6]);
  });

  it('computes a peer threshold per scope: the lowest value among the top 10%', () => {
    const scheme = callCentre([{ key: 'challenge', kind: 'top-share-min', source: 'inputs.last_sat', share: 0.1, scope: 'group' }], { var: 'population.challenge' });
    const rows: Array<[string, number, string, number]> = [];
    for (let i = 0; i < 20; i++) rows.push([`g${i}`, 50, 'one', 80 + i]); // top 10% of 20 = 2 people: 99, 98 → 98
    for (let i = 0; i < 5; i++) rows.push([`h${i}`, 50, 'two', 60 + i]); // top 10% of 5 → 1 person: 64
    const r = evaluatePopulation(compileScheme(scheme), people(rows));
    expect(r.employees.find((e) => e.employeeId === 'g0')!.total).toBe(98);
    expect(r.employees.find((e) => e.employeeId === 'h0')!.total).toBe(64);
    expect(r.populationValues.map((v) => [v.group, v.value])).toEqual([
      ['one', 98],
      ['two', 64],
    ]);
    expect(r.populationValues[0].explanation).toContain('top 10%');
  });

  it('reports missing-population when a scope has fewer peers than required', () => {
    const scheme = callCentre([{ key: 'mean', kind: 'mean', source: 'inputs.sat', scope: 'group', minCount: 3 }], { var: 'population.mean' });
    const r = evaluatePopulation(compileScheme(scheme), people([['a', 90, 'g'], ['b', 80, 'g'], ['c', 70, 'g'], ['d', 60, 'small']]));
    expect(r.employees.map((e) => e.total)).toEqual([80, 80, 80, null]);
    expect(r.employees[3].indicators[0].status).toBe('missing-population');
  });

  it('rejects duplicate employee ids, naming the row', () => {
    const scheme = scoreScheme();
    expect(() => evaluatePopulation(compileScheme(scheme), [{ id: 'a', inputs: { score: 1 } }, { id: 'a', inputs: { score: 2 } }])).toThrow(/"a" appears more than once \(row 2\)/);
  });
});

describe('multi-rater inputs', () => {
  const raters = (fallback: string) =>
    parseScheme({
      key: 'r',
      title: '360',
      period: 'year',
      inputs: { attitude: { type: 'number', minimum: 0, maximum: 10, multiRater: true } },
      raters: { groups: [{ key: 'supervisor', weight: 50 }, { key: 'peer', weight: 30, minRaters: 3 }, { key: 'self', weight: 20 }], fallback },
      indicators: [{ key: 'attitude', title: 'Attitude', score: { '*': [10, { var: 'inputs.attitude' }] } }],
      weights: { default: { indicators: { attitude: 100 } } },
      grading: { grades: [{ key: 'ok' }], bands: [{ grade: 'ok' }] },
      rounding: { totalDecimals: 2 },
    });

  it('averages within groups, then weights across groups', () => {
    const r = evaluatePopulation(compileScheme(raters('renormalize')), [{ id: 'a', inputs: { attitude: { supervisor: [8], peer: [7, 8, 9], self: [10] } } }]);
    // 0.5 × 8 + 0.3 × 8 + 0.2 × 10 = 8.4 → × 10
    expect(r.employees[0].total).toBe(84);
    expect(r.employees[0].notes[0]).toContain('peer 8 (3 ratings) × 30%');
  });

  it('renormalises the weights when a group has too few raters', () => {
    const r = evaluatePopulation(compileScheme(raters('renormalize')), [{ id: 'a', inputs: { attitude: { supervisor: [8], peer: [2], self: [10] } } }]);
    // peer dropped: (0.5 × 8 + 0.2 × 10) / 0.7 = 6/0.7 = 8.5714…
    expect(r.employees[0].total).toBe(85.71);
    expect(r.employees[0].notes[0]).toContain('peer has 1 rating(s), needs 3');
  });

  it('treats the input as missing, or uses the peer mean, as the fallback says', () => {
    const missing = evaluatePopulation(compileScheme(raters('missing')), [{ id: 'a', inputs: { attitude: { supervisor: [8], peer: [2], self: [10] } } }]);
    expect(missing.employees[0].indicators[0].status).toBe('missing-input');
    const peer = evaluatePopulation(compileScheme(raters('peer-mean')), [
      { id: 'a', inputs: { attitude: { supervisor: [8], peer: [2], self: [10] } } },
      { id: 'b', inputs: { attitude: { supervisor: [6], peer: [6, 6, 9], self: [6] } } },
    ]);
    // a's peer group replaced by the peers' mean of qualifying groups: b's 7 → 0.5×8 + 0.3×7 + 0.2×10 = 8.1
    expect(peer.employees[0].total).toBe(81);
  });

  it('rejects ratings off the scale and from unknown groups', () => {
    const r = evaluatePopulation(compileScheme(raters('renormalize')), [
      { id: 'a', inputs: { attitude: { supervisor: [11] } } },
      { id: 'b', inputs: { attitude: { boss: [5] } } },
    ]);
    expect(r.employees[0].indicators[0].status).toBe('out-of-range');
    expect(r.employees[1].indicators[0].explanation).toContain('unknown rater group "boss"');
  });
});

describe('multi-rater arithmetic', () => {
  it('weights group means without float noise: supervisor 9 × 60% + peer 8 × 40% is exactly 8.6', () => {
    const scheme = parseScheme({
      key: 'r2',
      title: 'Raters',
      period: 'year',
      inputs: { attitude: { type: 'number', multiRater: true } },
      raters: { groups: [{ key: 'supervisor', weight: 60 }, { key: 'peer', weight: 40 }] },
      indicators: [{ key: 'attitude', title: 'Attitude', score: { if: [{ '>': [{ var: 'inputs.attitude' }, 8.6] }, 100, 0] } }],
      weights: { default: { indicators: { attitude: 100 } } },
      grading: { grades: [{ key: 'ok' }], bands: [{ grade: 'ok' }] },
    });
    const r = evaluatePopulation(compileScheme(scheme), [{ id: 'a', inputs: { attitude: { supervisor: [9], peer: [8] } } }]);
    expect(r.employees[0].total).toBe(0); // 8.6 is not above 8.6
  });
});
