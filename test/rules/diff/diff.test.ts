import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { diffSchemes, type SchemeChange } from '../../../rules/diff/index.ts';

function base(): Scheme {
  return {
    key: 'cs-quarterly',
    title: 'Customer service',
    period: 'quarter',
    inputs: {
      close_rate: { type: 'number', unit: '%', minimum: 0, maximum: 100 },
      response_minutes: { type: 'number', unit: 'minutes' },
    },
    params: {
      target: { title: 'Target closure rate', value: 0.95 },
      rates: { type: 'table', value: { gold: 1.2, silver: 1 } },
    },
    dimensions: [
      { key: 'customer', title: 'Customer', weight: 60 },
      { key: 'process', title: 'Process', weight: 40 },
    ],
    indicators: [
      { key: 'close_rate', title: 'Closure rate', dimension: 'customer', score: { '*': [100, { var: 'inputs.close_rate' }] } },
      { key: 'response_time', title: 'Response time', dimension: 'process', score: { '-': [100, { var: 'inputs.response_minutes' }] } },
      { key: 'quality', title: 'Quality', dimension: 'customer', score: 80 },
      { key: 'audit', title: 'Audit', dimension: 'process', score: 90 },
    ],
    weights: {
      default: { indicators: { close_rate: 50, quality: 50, response_time: 60, audit: 40 } },
      positions: {
        engineer: { indicators: { close_rate: 40, quality: 60, response_time: 30, audit: 70 }, dimensions: { customer: 50, process: 50 } },
      },
    },
    derivedScores: [{ key: 'raise', dimensions: { customer: 70, process: 30 } }],
    adjustments: [{ key: 'veto', kind: 'veto', when: { '>': [{ var: 'inputs.close_rate' }, 200] }, grade: 'D' }],
    grading: {
      grades: [{ key: 'A', coefficient: 1.2 }, { key: 'B' }, { key: 'C' }, { key: 'D' }],
      bands: [
        { grade: 'A', min: 90 },
        { grade: 'B', min: 80, max: 90 },
        { grade: 'C', min: 60, max: 80 },
        { grade: 'D', max: 60 },
      ],
    },
    population: {
      values: [{ key: 'rank', kind: 'rank', source: 'inputs.close_rate' }],
      distribution: { mode: 'limits', quotas: { A: { max: 0.1 }, D: { min: 0.05 } } },
    },
    raters: { groups: [{ key: 'supervisor', weight: 60 }, { key: 'peer', weight: 40 }] },
    rounding: { mode: 'half-up', totalDecimals: 1 },
  };
}

/** Apply an edit to a deep copy of the base scheme and diff base → edited. */
function diffAfter(edit: (s: Scheme) => void): SchemeChange[] {
  const a = base();
  const b = structuredClone(a);
  edit(b);
  return diffSchemes(a, b);
}

const texts = (changes: SchemeChange[]) => changes.map((c) => c.text);

/** Rebuild every object with its keys in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  return value;
}

describe('diffSchemes: no change', () => {
  it('gives [] for identical schemes', () => {
    expect(diffSchemes(base(), base())).toEqual([]);
  });

  it('ignores key order inside objects', () => {
    expect(diffSchemes(base(), reverseKeys(base()))).toEqual([]);
  });
});

describe('diffSchemes: scheme fields', () => {
  it('reports scalar scheme fields', () => {
    const changes = diffAfter((s) => {
      s.title = 'Customer service (V2)';
      s.versionLabel = '试行';
    });
    expect(changes).toEqual([
      {
        kind: 'changed',
        pointer: '/title',
        path: 'title',
        before: 'Customer service',
        after: 'Customer service (V2)',
        text: 'scheme title "Customer service" → "Customer service (V2)"',
        subject: { entity: 'scheme', field: 'title' },
        form: 'values',
      },
      { kind: 'added', pointer: '/versionLabel', path: 'versionLabel', after: '试行', text: 'scheme versionLabel set to "试行"', subject: { entity: 'scheme', field: 'versionLabel' }, form: 'values' },
    ]);
  });

  it('keeps long descriptions out of the text', () => {
    const long = 'x'.repeat(200);
    const [change] = diffAfter((s) => (s.description = long));
    expect(change).toMatchObject({ kind: 'added', text: 'scheme description added', after: long });
  });
});

describe('diffSchemes: inputs and params', () => {
  it('reports inputs added, removed and changed', () => {
    const changes = diffAfter((s) => {
      s.inputs.complaints = { type: 'integer', unit: '次' };
      delete (s.inputs as Record<string, unknown>).response_minutes;
      s.inputs.close_rate.maximum = 1;
    });
    expect(texts(changes)).toEqual(['input "close_rate": maximum 100 → 1', 'input "complaints" added', 'input "response_minutes" removed']);
    expect(changes[0]).toMatchObject({ pointer: '/inputs/close_rate/maximum', before: 100, after: 1 });
    expect(changes[2]).toMatchObject({ kind: 'removed', pointer: '/inputs/response_minutes', before: { type: 'number', unit: 'minutes' } });
  });

  it('reports a param value without the word "value", and table entries one by one', () => {
    const changes = diffAfter((s) => {
      s.params!.target.value = 0.9;
      (s.params!.rates.value as Record<string, number>).gold = 1.3;
    });
    expect(texts(changes)).toEqual(['param "rates": value.gold 1.2 → 1.3', 'param "target" 0.95 → 0.9']);
    expect(changes[1]).toMatchObject({ pointer: '/params/target/value', before: 0.95, after: 0.9 });
  });

  it('reports a template blank being filled', () => {
    const a = base();
    delete a.params!.target.value;
    const b = base();
    expect(texts(diffSchemes(a, b))).toEqual(['param "target" set to 0.95']);
  });
});

describe('diffSchemes: dimensions and indicators', () => {
  it('reports dimension fields by key', () => {
    expect(texts(diffAfter((s) => (s.dimensions![1].weight = 45)))).toEqual(['dimension "process": weight 40 → 45']);
  });

  it('reports an indicator added, a title change and a score rule change with compact rules', () => {
    const changes = diffAfter((s) => {
      s.indicators[0].title = 'Closure %';
      s.indicators[0].score = { '*': [100, { var: 'inputs.close_rate' }, 1] };
      s.indicators.push({ key: 'nps', title: 'NPS', score: 0 });
    });
    expect(texts(changes)).toEqual([
      'indicator "close_rate": title "Closure rate" → "Closure %"',
      'indicator "close_rate": score rule changed',
      'indicator "nps" added',
    ]);
    expect(changes[1]).toMatchObject({
      pointer: '/indicators/0/score',
      before: '{"*":[100,{"var":"inputs.close_rate"}]}',
      after: '{"*":[100,{"var":"inputs.close_rate"},1]}',
    });
    expect(changes[2]).toMatchObject({ kind: 'added', pointer: '/indicators/4', after: { key: 'nps', title: 'NPS', score: 0 } });
  });

  it('matches indicators by key, so an insertion at the top is one change', () => {
    const changes = diffAfter((s) => s.indicators.unshift({ key: 'nps', title: 'NPS', score: 0 }));
    expect(changes).toEqual([
      { kind: 'added', pointer: '/indicators/0', path: 'indicators[0]', after: { key: 'nps', title: 'NPS', score: 0 }, text: 'indicator "nps" added', subject: { entity: 'indicator', key: 'nps' } },
    ]);
  });

  it('reports a removal with the pointer into the older scheme', () => {
    const changes = diffAfter((s) => s.indicators.splice(1, 1));
    expect(changes).toEqual([expect.objectContaining({ kind: 'removed', pointer: '/indicators/1', text: 'indicator "response_time" removed' })]);
  });

  it('reports only the indicator that moved', () => {
    const changes = diffAfter((s) => {
      const [moved] = s.indicators.splice(1, 1);
      s.indicators.push(moved);
    });
    expect(changes).toEqual([
      { kind: 'moved', pointer: '/indicators/3', path: 'indicators[3]', before: 2, after: 4, text: 'indicator "response_time" moved from position 2 to 4', subject: { entity: 'indicator', key: 'response_time' } },
    ]);
  });

  it('rename and reorder: a renamed key is a rename, the reorder one move, edits stay with their indicator', () => {
    const changes = diffAfter((s) => {
      const [closeRate, responseTime, quality, audit] = s.indicators;
      closeRate.key = 'closure';
      responseTime.title = 'Response';
      s.indicators = [quality, closeRate, responseTime, audit];
    });
    expect(texts(changes)).toEqual([
      'indicator "quality" moved from position 3 to 1',
      'indicator "close_rate" renamed to "closure"',
      'indicator "response_time": title "Response time" → "Response"',
    ]);
    expect(changes[1]).toMatchObject({ pointer: '/indicators/1/key', before: 'close_rate', after: 'closure' });
  });

  it('treats a key change with other edits as a removal plus an addition', () => {
    const changes = diffAfter((s) => {
      s.indicators[2].key = 'quality2';
      s.indicators[2].title = 'Quality 2';
    });
    expect(texts(changes)).toEqual(['indicator "quality2" added', 'indicator "quality" removed']);
  });
});

describe('diffSchemes: weights', () => {
  it('names indicator, position and both weights', () => {
    const changes = diffAfter((s) => (s.weights.positions!.engineer.indicators!.response_time = 25));
    expect(changes).toEqual([
      {
        kind: 'changed',
        pointer: '/weights/positions/engineer/indicators/response_time',
        path: 'weights.positions.engineer.indicators.response_time',
        before: 30,
        after: 25,
        text: 'weight of "response_time" for position "engineer" 30 → 25',
        subject: { entity: 'weight', key: 'response_time', position: 'engineer' },
        form: 'values',
      },
    ]);
  });

  it('covers the default row, added and removed weights, dimension weights and whole rows', () => {
    const changes = diffAfter((s) => {
      s.weights.default.indicators!.close_rate = 45;
      s.weights.default.indicators!.nps = 5;
      delete s.weights.positions!.engineer.indicators!.audit;
      s.weights.positions!.engineer.dimensions!.customer = 55;
      s.weights.positions!.driver = { indicators: { close_rate: 100 } };
    });
    expect(texts(changes)).toEqual([
      'weight of "close_rate" in the default row 50 → 45',
      'weight of "nps" in the default row added: 5',
      'weights for position "driver" added',
      'weight of "audit" for position "engineer" removed (was 70)',
      'dimension weight of "customer" for position "engineer" 50 → 55',
    ]);
    expect(diffSchemes(structuredClone(base()), (() => {
      const s = base();
      delete s.weights.positions!.engineer;
      return s;
    })())).toEqual([expect.objectContaining({ kind: 'removed', pointer: '/weights/positions/engineer', text: 'weights for position "engineer" removed' })]);
  });

  it('lists weights in indicator order, whatever the key order of the weight map', () => {
    const changes = diffAfter((s) => {
      s.weights.default.indicators = { audit: 41, response_time: 59, quality: 49, close_rate: 51 };
    });
    expect(texts(changes)).toEqual([
      'weight of "close_rate" in the default row 50 → 51',
      'weight of "response_time" in the default row 60 → 59',
      'weight of "quality" in the default row 50 → 49',
      'weight of "audit" in the default row 40 → 41',
    ]);
  });
});

describe('diffSchemes: derived scores, adjustments, grading', () => {
  it('reports derived score weights', () => {
    expect(texts(diffAfter((s) => (s.derivedScores![0].dimensions.customer = 60)))).toEqual(['derived score "raise": dimensions.customer 70 → 60']);
  });

  it('reports adjustment rules and fields', () => {
    const changes = diffAfter((s) => {
      s.adjustments![0].when = { '>': [{ var: 'inputs.close_rate' }, 150] };
      s.adjustments![0].grade = 'C';
      s.adjustments!.push({ key: 'bonus', kind: 'bonus', points: 2 });
    });
    expect(texts(changes)).toEqual(['adjustment "veto": when rule changed', 'adjustment "veto": grade "D" → "C"', 'adjustment "bonus" added']);
    expect(changes[0]).toMatchObject({ before: '{">":[{"var":"inputs.close_rate"},200]}', after: '{">":[{"var":"inputs.close_rate"},150]}' });
  });

  it('reports grades by key, including their order', () => {
    const changes = diffAfter((s) => {
      s.grading.grades[0].coefficient = 1.15;
      s.grading.grades.push({ key: 'E' });
      const [b] = s.grading.grades.splice(1, 1);
      s.grading.grades.splice(2, 0, b);
    });
    // Swapping neighbours B and C: one of them is reported as moved (the later one), not both.
    expect(texts(changes)).toEqual(['grade "A": coefficient 1.2 → 1.15', 'grade "C" moved from position 3 to 2', 'grade "E" added']);
  });

  it('matches bands by grade, not by index', () => {
    const changes = diffAfter((s) => {
      s.grading.bands!.reverse();
      s.grading.bands![2].min = 85; // band B
      s.grading.bands![1].includeMax = true; // band C
    });
    expect(texts(changes).filter((t) => !t.includes('moved'))).toEqual(['band "C": includeMax set to true', 'band "B": min 80 → 85']);
    expect(changes.find((c) => c.text === 'band "B": min 80 → 85')).toMatchObject({ pointer: '/grading/bands/2/min', before: 80, after: 85 });
  });

  it('tells apart bands that share a grade', () => {
    const a = base();
    a.grading.bands = [{ grade: 'C', min: 60, max: 70 }, { grade: 'C', min: 70, max: 80 }];
    const b = structuredClone(a);
    b.grading.bands![1].max = 85;
    expect(texts(diffSchemes(a, b))).toEqual(['band "C" (2nd): max 80 → 85']);
  });

  it('reports a switch from bands to a grading rule', () => {
    const changes = diffAfter((s) => {
      delete s.grading.bands;
      s.grading.rule = { if: [{ '>=': [{ var: 'total' }, 60] }, 'B', 'D'] };
    });
    expect(texts(changes)).toEqual(['grading: rule added', 'band "A" removed', 'band "B" removed', 'band "C" removed', 'band "D" removed']);
    expect(changes[0]).toMatchObject({ kind: 'added', pointer: '/grading/rule', after: '{"if":[{">=":[{"var":"total"},60]},"B","D"]}' });
  });
});

describe('diffSchemes: population, raters, rounding', () => {
  it('reports population values by key and quotas by grade', () => {
    const changes = diffAfter((s) => {
      s.population!.values![0].order = 'lower-better';
      s.population!.values!.push({ key: 'p90', kind: 'percentile', percentile: 90, source: 'inputs.close_rate' });
      s.population!.distribution!.quotas.A.max = 0.15;
      s.population!.distribution!.quotas.B = { max: 0.3 };
      s.population!.distribution!.scope = 'department';
    });
    expect(texts(changes)).toEqual([
      'population value "rank": order set to "lower-better"',
      'population value "p90" added',
      'distribution: scope set to "department"',
      'quota for grade "A": max 0.1 → 0.15',
      'quota for grade "B" added',
    ]);
    expect(changes[3].pointer).toBe('/population/distribution/quotas/A/max');
  });

  it('reports rater groups by key and raters fields', () => {
    const changes = diffAfter((s) => {
      s.raters!.groups[1].weight = 30;
      s.raters!.groups.push({ key: 'self', weight: 10 });
      s.raters!.minRaters = 3;
    });
    expect(texts(changes)).toEqual(['raters: minRaters set to 3', 'rater group "peer": weight 40 → 30', 'rater group "self" added']);
  });

  it('reports rounding and whole sections added or removed', () => {
    const changes = diffAfter((s) => {
      s.rounding!.mode = 'half-even';
      delete s.raters;
    });
    expect(texts(changes)).toEqual(['raters removed', 'rounding: mode "half-up" → "half-even"']);
  });
});

describe('diffSchemes: determinism', () => {
  it('gives the same changes whatever the key order of either document', () => {
    const a = base();
    const b = structuredClone(a);
    b.params!.target.value = 0.9;
    b.inputs.x = { type: 'boolean' };
    b.weights.positions!.driver = { indicators: { quality: 100 } };
    b.population!.distribution!.quotas.C = { min: 0.1 };
    expect(diffSchemes(reverseKeys(a), reverseKeys(b))).toEqual(diffSchemes(a, b));
  });
});

/** The structured description of each change: what a catalogue in another language words. */
describe('diffSchemes: structured subjects', () => {
  const described = (changes: SchemeChange[]) => changes.map(({ kind, subject, form, before, after }) => ({ kind, subject, form, before, after }));

  it('describes a weight by entity, key and position (none for the default row), dimension weights and whole rows', () => {
    const changes = diffAfter((s) => {
      s.weights.default.indicators!.close_rate = 45;
      s.weights.default.title = 'Everyone';
      s.weights.positions!.engineer.indicators!.response_time = 25;
      s.weights.positions!.engineer.dimensions!.customer = 55;
      s.weights.positions!.driver = { indicators: { close_rate: 100 } };
    });
    expect(described(changes)).toEqual([
      { kind: 'added', subject: { entity: 'weightRow', field: 'title' }, form: 'values', before: undefined, after: 'Everyone' },
      { kind: 'changed', subject: { entity: 'weight', key: 'close_rate' }, form: 'values', before: 50, after: 45 },
      { kind: 'added', subject: { entity: 'weightRow', position: 'driver' }, form: undefined, before: undefined, after: { indicators: { close_rate: 100 } } },
      { kind: 'changed', subject: { entity: 'weight', key: 'response_time', position: 'engineer' }, form: 'values', before: 30, after: 25 },
      { kind: 'changed', subject: { entity: 'dimensionWeight', key: 'customer', position: 'engineer' }, form: 'values', before: 50, after: 55 },
    ]);
  });

  it('marks a score rule as a rule field, without values in the sentence', () => {
    const [change] = diffAfter((s) => (s.indicators[0].score = 75));
    expect(change).toMatchObject({ kind: 'changed', text: 'indicator "close_rate": score rule changed', subject: { entity: 'indicator', key: 'close_rate', field: 'score', rule: true } });
    expect(change).not.toHaveProperty('form');
  });

  it('describes a param value (bare in English) and a table entry (a dotted field)', () => {
    const changes = diffAfter((s) => {
      s.params!.target.value = 0.9;
      (s.params!.rates.value as Record<string, number>).gold = 1.3;
    });
    expect(described(changes)).toEqual([
      { kind: 'changed', subject: { entity: 'param', key: 'rates', field: 'value.gold' }, form: 'values', before: 1.2, after: 1.3 },
      { kind: 'changed', subject: { entity: 'param', key: 'target', field: 'value' }, form: 'values', before: 0.95, after: 0.9 },
    ]);
  });

  it('describes indicators added, removed, moved and renamed', () => {
    const changes = diffAfter((s) => {
      s.indicators.push({ key: 'nps', title: 'NPS', score: 0 });
      s.indicators.splice(2, 1); // quality
      s.indicators[0].key = 'closure';
      const [audit] = s.indicators.splice(2, 1);
      s.indicators.unshift(audit);
    });
    expect(changes.map(({ text, subject, form }) => ({ text, subject, form }))).toEqual([
      { text: 'indicator "audit" moved from position 4 to 1', subject: { entity: 'indicator', key: 'audit' }, form: undefined },
      { text: 'indicator "close_rate" renamed to "closure"', subject: { entity: 'indicator', key: 'close_rate', field: 'key' }, form: 'renamed' },
      { text: 'indicator "nps" added', subject: { entity: 'indicator', key: 'nps' }, form: undefined },
      { text: 'indicator "quality" removed', subject: { entity: 'indicator', key: 'quality' }, form: undefined },
    ]);
  });

  it('describes band edges by grade, and tells apart bands sharing a grade', () => {
    const changes = diffAfter((s) => {
      s.grading.bands![1].min = 85;
      s.grading.bands![2].includeMax = true;
      s.grading.bands!.push({ grade: 'D', min: 0, max: 10 });
    });
    expect(described(changes)).toEqual([
      { kind: 'changed', subject: { entity: 'band', key: 'B', field: 'min' }, form: 'values', before: 80, after: 85 },
      { kind: 'added', subject: { entity: 'band', key: 'C', field: 'includeMax' }, form: 'values', before: undefined, after: true },
      { kind: 'added', subject: { entity: 'band', key: 'D', occurrence: 2 }, form: undefined, before: undefined, after: { grade: 'D', min: 0, max: 10 } },
    ]);
  });

  it('describes scheme fields, sections, quotas and rater groups', () => {
    const changes = diffAfter((s) => {
      s.title = 'V2';
      s.description = 'x'.repeat(100);
      s.grading.rule = { if: [true, 'A', 'B'] };
      s.population!.distribution!.quotas.A.max = 0.15;
      s.raters!.groups[0].weight = 70;
      delete s.rounding;
    });
    expect(changes.map(({ text, subject, form }) => ({ text, subject, form }))).toEqual([
      { text: 'scheme title "Customer service" → "V2"', subject: { entity: 'scheme', field: 'title' }, form: 'values' },
      { text: 'scheme description added', subject: { entity: 'scheme', field: 'description' }, form: undefined },
      { text: 'grading: rule added', subject: { entity: 'grading', field: 'rule', rule: true }, form: undefined },
      { text: 'quota for grade "A": max 0.1 → 0.15', subject: { entity: 'quota', key: 'A', field: 'max' }, form: 'values' },
      { text: 'rater group "supervisor": weight 60 → 70', subject: { entity: 'raterGroup', key: 'supervisor', field: 'weight' }, form: 'values' },
      { text: 'rounding removed', subject: { entity: 'rounding' }, form: undefined },
    ]);
  });
});
