import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import { cleanScheme, dimensionScheme, indicator } from './builders.ts';

describe('design advice', () => {
  it('advises 5–8 KPIs per post', () => {
    const s = cleanScheme();
    s.weights.positions = {
      few: { indicators: { k1: 25, k2: 25, k3: 25, k4: 25 } },
      many: { indicators: { k1: 20, k2: 20, k3: 20, k4: 20, k5: 20 } },
    };
    expect(analyzeScheme(s).map((f) => [f.severity, f.code, f.pointer, f.message])).toEqual([
      ['warning', 'kpi_count_advice', '/weights/positions/few/indicators', 'Position "few" has 4 KPIs; 5–8 per post are advised.'],
    ]);
    for (let i = 6; i <= 9; i++) {
      s.indicators.push(indicator(`k${i}`));
      s.inputs[`k${i}`] = { type: 'number', unit: 'points' };
    }
    s.weights.default.indicators = { k1: 12, k2: 11, k3: 11, k4: 11, k5: 11, k6: 11, k7: 11, k8: 11, k9: 11 };
    expect(analyzeScheme(s).map((f) => f.message)).toEqual(['The default row has 9 KPIs; 5–8 per post are advised.', 'Position "few" has 4 KPIs; 5–8 per post are advised.']);
  });

  it('counts only indicators with weight above 0', () => {
    const s = cleanScheme();
    s.weights.default.indicators = { k1: 25, k2: 25, k3: 25, k4: 25, k5: 0 };
    expect(analyzeScheme(s).map((f) => f.code)).toEqual(['kpi_count_advice']);
  });

  it('advises at least 5% per KPI, as a share of the total when there are dimensions', () => {
    const s = cleanScheme();
    s.weights.default.indicators = { k1: 4, k2: 24, k3: 24, k4: 24, k5: 24 };
    expect(analyzeScheme(s).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['weight_below_5', '/weights/default/indicators/k1', 'Indicator "k1" weighs 4% in the default row; each KPI should weigh at least 5%.'],
    ]);
    const d = dimensionScheme();
    d.weights.positions = { lead: { dimensions: { result: 92, behaviour: 8 } } };
    // Behaviour KPIs weigh 50% of 8% = 4% each for the lead; the pointer is where the weight is written.
    expect(analyzeScheme(d).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['weight_below_5', '/weights/default/indicators/k4', 'Indicator "k4" weighs 4% for position "lead"; each KPI should weigh at least 5%.'],
      ['weight_below_5', '/weights/default/indicators/k5', 'Indicator "k5" weighs 4% for position "lead"; each KPI should weigh at least 5%.'],
    ]);
  });

  it('gives no weight advice for point sheets (sum aggregation)', () => {
    const s = cleanScheme();
    s.aggregation = 'sum';
    s.weights.default.indicators = { k1: 1, k2: 1, k3: 1 };
    expect(analyzeScheme(s)).toEqual([]);
  });

  it('notes indicators without unit or polarity', () => {
    const s = cleanScheme();
    delete s.indicators[2].unit;
    delete s.indicators[2].polarity;
    expect(analyzeScheme(s).map((f) => [f.severity, f.code, f.pointer, f.message])).toEqual([
      ['info', 'indicator_missing_polarity', '/indicators/2', 'Indicator "k3" does not state its polarity (higher-better is assumed).'],
      ['info', 'indicator_missing_unit', '/indicators/2', 'Indicator "k3" has no unit.'],
    ]);
  });
});
