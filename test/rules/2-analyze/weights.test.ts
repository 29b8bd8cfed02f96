import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import { cleanScheme, codes, dimensionScheme, messages } from './builders.ts';

describe('weights without dimensions', () => {
  it('passes when every row sums to 100', () => {
    const s = cleanScheme();
    s.weights.positions = { driver: { indicators: { k1: 40, k2: 15, k3: 15, k4: 15, k5: 15 } } };
    expect(analyzeScheme(s)).toEqual([]);
  });

  it('reports the default row with its sum', () => {
    const s = cleanScheme();
    s.weights.default.indicators!.k5 = 10;
    expect(analyzeScheme(s)).toEqual([
      { severity: 'error', code: 'weights_not_100', pointer: '/weights/default/indicators', path: 'weights.default.indicators', message: 'Default weights sum to 90, not 100.', args: { sum: 90 } },
    ]);
  });

  it('reports a position row by name', () => {
    const s = cleanScheme();
    s.weights.positions = { driver: { indicators: { k1: 30, k2: 15, k3: 15, k4: 15, k5: 15 } } };
    const [f] = analyzeScheme(s);
    expect(f).toMatchObject({ code: 'weights_not_100', pointer: '/weights/positions/driver/indicators', message: 'Weights for position "driver" sum to 90, not 100.' });
  });

  it('does not repeat the default row for positions that inherit it', () => {
    const s = cleanScheme();
    s.weights.default.indicators!.k5 = 10;
    s.weights.positions = { driver: { title: 'Driver' } };
    expect(codes(analyzeScheme(s))).toEqual(['weights_not_100']);
  });

  it('tolerates decimal noise such as 33.3 + 33.3 + 33.4', () => {
    const s = cleanScheme();
    s.weights.default.indicators = { k1: 33.3, k2: 33.3, k3: 33.4 };
    expect(messages(analyzeScheme(s), 'weights_not_100')).toEqual([]);
  });

  it('reports weights for unknown indicators, also with sum aggregation, but no sums then', () => {
    const s = cleanScheme();
    s.weights.default.indicators!.ghost = 5;
    expect(analyzeScheme(s).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['weights_not_100', '/weights/default/indicators', 'Default weights sum to 105, not 100.'],
      ['unknown_weight_indicator', '/weights/default/indicators/ghost', 'Default weights name "ghost", which is not an indicator.'],
    ]);
    s.aggregation = 'sum';
    expect(codes(analyzeScheme(s))).toEqual(['unknown_weight_indicator']);
  });

  it('notes an empty default row when positions carry the weights', () => {
    const s = cleanScheme();
    s.weights.positions = { driver: { indicators: s.weights.default.indicators } };
    s.weights.default = {};
    expect(analyzeScheme(s)).toEqual([
      {
        severity: 'info',
        code: 'default_row_empty',
        pointer: '/weights/default',
        path: 'weights.default',
        message: 'The default weight row is empty: employees whose position has no row in the weight matrix get no indicators.',
        args: {},
      },
    ]);
  });

  it('reports an empty default row as weights_not_100 when there are no positions', () => {
    const s = cleanScheme();
    s.weights.default = {};
    expect(messages(analyzeScheme(s), 'weights_not_100')).toEqual(['Default weights sum to 0, not 100.']);
  });
});

describe('weights with dimensions', () => {
  it('passes for a consistent matrix', () => {
    expect(analyzeScheme(dimensionScheme())).toEqual([]);
  });

  it('checks indicator weights within each dimension', () => {
    const s = dimensionScheme();
    s.weights.default.indicators!.k3 = 30;
    s.weights.positions = { lead: { indicators: { k1: 30, k2: 30, k3: 40, k4: 50, k5: 40 } } };
    expect(messages(analyzeScheme(s), 'weights_not_100')).toEqual([
      'Default weights of dimension "result" sum to 90, not 100.',
      'Weights of dimension "behaviour" for position "lead" sum to 90, not 100.',
    ]);
  });

  it('checks dimension weights, from the dimensions or from a row', () => {
    const s = dimensionScheme();
    s.dimensions![1].weight = 30;
    expect(analyzeScheme(s).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['dimension_weights_not_100', '/dimensions', 'Default dimension weights sum to 90, not 100.'],
    ]);
    const t = dimensionScheme();
    t.weights.positions = { lead: { dimensions: { result: 50, behaviour: 40 } } };
    expect(analyzeScheme(t).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['dimension_weights_not_100', '/weights/positions/lead/dimensions', 'Dimension weights for position "lead" sum to 90, not 100.'],
    ]);
  });

  it('skips dimensions weighted 0 in a row', () => {
    const s = dimensionScheme();
    s.weights.positions = { lead: { dimensions: { result: 100, behaviour: 0 }, indicators: { k1: 30, k2: 30, k3: 40 } } };
    expect(messages(analyzeScheme(s), 'weights_not_100')).toEqual([]);
  });

  it('reports unknown dimensions in rows, in indicators and in derived scores', () => {
    const s = dimensionScheme();
    s.weights.default.dimensions = { result: 60, behaviour: 40, ghost: 0 };
    s.indicators[4].dimension = 'phantom';
    s.derivedScores = [{ key: 'raise', dimensions: { result: 70, spectre: 30 } }];
    const found = analyzeScheme(s).filter((f) => f.code.startsWith('unknown'));
    expect(found.map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['unknown_weight_dimension', '/derivedScores/0/dimensions/spectre', 'Derived score "raise" weights name dimension "spectre", which is not declared in dimensions.'],
      ['unknown_dimension', '/indicators/4/dimension', 'Indicator "k5" belongs to dimension "phantom", which is not declared in dimensions.'],
      ['unknown_weight_dimension', '/weights/default/dimensions/ghost', 'Default weights name dimension "ghost", which is not declared in dimensions.'],
    ]);
  });

  it('reports an indicator without a dimension in a scheme with dimensions', () => {
    const s = dimensionScheme();
    delete s.indicators[4].dimension;
    const found = analyzeScheme(s);
    expect(messages(found, 'missing_dimension')).toEqual(['Indicator "k5" has no dimension, but the scheme has dimensions: it would count towards no subtotal.']);
  });

  it('reports weighted indicators of a dimension that has no weight in the row', () => {
    const s = dimensionScheme();
    s.weights.positions = { lead: { dimensions: { result: 100 } } };
    // Only the three result KPIs count for the lead, hence also the KPI-count advice (ignored here).
    expect(analyzeScheme(s, { ignore: ['kpi_count_advice'] }).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['missing_dimension_weight', '/weights/positions/lead/dimensions', 'Weights for position "lead" weight indicators of dimension "behaviour", but that dimension has no weight there.'],
    ]);
  });

  it('checks derived-score dimension weights', () => {
    const s = dimensionScheme();
    s.derivedScores = [
      { key: 'bonus', dimensions: { result: 70, behaviour: 30 } },
      { key: 'raise', dimensions: { result: 50, behaviour: 40 } },
    ];
    expect(analyzeScheme(s).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['derived_weights_not_100', '/derivedScores/1/dimensions', 'Dimension weights of derived score "raise" sum to 90, not 100.'],
    ]);
  });
});
