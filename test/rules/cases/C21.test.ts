/**
 * C21 — power-line team contract, KPI section: tiered bonus or penalty points (incl. −3) on top of
 * a 100-point base section (「≤10 次,加 10 分;≤ 15 次, 加 5 分; 16 至 18 次加 1 分」).
 * Expressed as `band` rules (one per KPI) and a point sheet (aggregation sum): base + KPI points.
 * SEED BAND OVERLAP (C21 notes): external damage 「≤3次,加5分, 3至5次加1分」 puts 3 in both bands;
 * read as ≤3 → +5, 4–5 → +1 (as the case does). The as-printed table is analysed too.
 */
import { describe, expect, it } from 'vitest';
import c21 from '../../fixtures/cases/C21-power-line-team-tiered-bonus-penalty-bands.json' with { type: 'json' };
import { analysisErrors, build, evaluateOne, score } from './helpers.ts';

/** Rows "≤a → p, ≤b → q, …, above the last → last": upper edges included. */
const tiers = (edges: number[], points: number[]) => [
  { max: edges[0], includeMax: true, value: points[0] },
  ...edges.slice(1).map((edge, i) => ({ min: edges[i], includeMin: false, max: edge, includeMax: true, value: points[i + 1] })),
  { min: edges[edges.length - 1], includeMin: false, value: points[points.length - 1] },
];
const TABLES = {
  trips: tiers([10, 15, 18, 20], [10, 5, 1, 0, -3]),
  outage_minutes: tiers([70, 90, 100, 110], [10, 5, 2, 0, -3]),
  external_damage: tiers([3, 5, 6], [5, 1, 0, -3]),
  repeat_outages: tiers([1, 2, 3, 4], [5, 3, 1, 0, -3]),
};
const TITLES: Record<string, string> = Object.fromEntries(c21.indicators.map((i) => [i.key, i.name]));

const doc = (tables: Record<string, unknown[]>) => ({
  key: 'c21-line-team-contract',
  title: '线路队业绩合同 KPI 考评',
  period: 'year',
  inputs: {
    base: { type: 'number', title: '基础考评得分(100 分制)', unit: '分', minimum: 0, maximum: 100 },
    trips: { type: 'integer', title: TITLES.trips, unit: '次', minimum: 0 },
    outage_minutes: { type: 'number', title: TITLES.outage_minutes, unit: '分钟', minimum: 0 },
    external_damage: { type: 'integer', title: TITLES.external_damage, unit: '次', minimum: 0 },
    repeat_outages: { type: 'integer', title: TITLES.repeat_outages, unit: '次', minimum: 0 },
  },
  indicators: [
    { key: 'base', title: '基础考评', unit: '分', polarity: 'higher-better', max: 100, score: { var: 'inputs.base' } },
    ...Object.entries(tables).map(([key, rows]) => ({ key, title: TITLES[key], unit: '分', polarity: 'lower-better', score: { band: [{ var: `inputs.${key}` }, rows] } })),
  ],
  aggregation: 'sum',
  weights: { default: { indicators: { base: 1, trips: 1, outage_minutes: 1, external_damage: 1, repeat_outages: 1 } } },
  grading: { grades: [{ key: 'n/a' }], bands: [{ grade: 'n/a' }] },
});
const { scheme } = build(doc(TABLES));

/** The case's probe labels: "≤10", "11-15", "16-18", ">20", "6", "4-5 (printed '3至5')". */
function probeValues(label: string): number[] {
  let m: RegExpMatchArray | null;
  if ((m = label.match(/^≤(\d+)/))) return [0, Number(m[1])];
  if ((m = label.match(/^(\d+)-(\d+)/))) return [Number(m[1]), Number(m[2])];
  if ((m = label.match(/^>(\d+)/))) return [Number(m[1]) + 1, Number(m[1]) + 10];
  if ((m = label.match(/^(\d+)$/))) return [Number(m[1])];
  throw new Error(`unknown probe ${label}`);
}
const pointsAt = (key: string, value: number) => score(evaluateOne(scheme, { id: 'p', inputs: { base: 100, trips: 0, outage_minutes: 0, external_damage: 0, repeat_outages: 0, [key]: value } }), key);

describe('C21 tiered bonus and penalty bands', () => {
  it('complete, non-overlapping tables: no analysis errors', () => {
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it.each(c21.employees.map((e) => [e.id, e] as const))('%s: every tier gives the printed points, including −3', (_, e) => {
    const [key, labels] = Object.entries(e.inputs)[0] as [string, string[]];
    labels.forEach((label, i) => {
      for (const value of probeValues(label)) expect(pointsAt(key, value), `${key} = ${value} (${label})`).toBe(e.expected.points[i]);
    });
  });

  it('the external-damage table as printed (3 in both ≤3 and 3至5) is flagged as overlapping at 3', () => {
    const printed = [
      { max: 3, includeMax: true, value: 5 },
      { min: 3, max: 5, includeMax: true, value: 1 },
      ...TABLES.external_damage.slice(2),
    ];
    const { scheme: asPrinted } = build(doc({ ...TABLES, external_damage: printed }));
    const overlaps = analysisErrors(asPrinted).filter((f) => f.code === 'band_overlap');
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0].message).toContain('at 3');
    expect(overlaps[0].path).toContain('indicators[3].score');
  });

  it('contract total: base 96 + trips 12 (+5) + outage 65 min (+10) + external 4 (+1) + repeat 5 (−3) = 109', () => {
    const r = evaluateOne(scheme, { id: 'team', inputs: { base: 96, trips: 12, outage_minutes: 65, external_damage: 4, repeat_outages: 5 } });
    expect(r.total).toBe(109);
  });

  it('penalties can take the total below the base: 90 − 3 − 3 − 3 − 3 = 78', () => {
    const r = evaluateOne(scheme, { id: 'team', inputs: { base: 90, trips: 25, outage_minutes: 130, external_damage: 8, repeat_outages: 6 } });
    expect(r.total).toBe(78);
  });
});
