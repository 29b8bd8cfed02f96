/**
 * C09 — the KPI library's five-level standard (优秀 100 / 良好 80 / 尚可 60 / 一般 40 / 差 0),
 * filled-in band tables of section 4. Expressed as `band` rules, one indicator per table, in
 * schemes/C09-five-level-bands.json (the template kpi-library-hr-admin copies these rows).
 *
 * Readings (each also in the scheme's description):
 * - 「…及以下」「…分钟内」「…元以内」 include the edge; 「高于90%」 excludes it.
 * - SEED gap: event satisfaction 「高于50%」→ 40, 「低于50%」→ 0 leaves exactly 50% undefined; 50% is read as 差 (0).
 * - SEED gap: 工作保密性 「投诉1次 / 3次 / 5次」 leaves 2 and 4 undefined; read as ≤1 → 80, 2–3 → 60, 4–5 → 40.
 * - SEED INCONSISTENCY: the loss bands 3000 and 5000 元 are both labelled 尚可 (six bands for five levels);
 *   kept as printed (both 60), since the case notes it cannot be resolved.
 */
import { describe, expect, it } from 'vitest';
import c09 from '../../fixtures/cases/C09-five-level-band-tables-100-80-60-40-0.json' with { type: 'json' };
import doc from './schemes/C09-five-level-bands.json' with { type: 'json' };
import { analysisErrors, build, evaluateOne, indicator, score } from './helpers.ts';

const { scheme } = build(doc);

/** Per case row (matched by the start of its id): the table's indicator and, per band in order, probe inputs inside it. */
const PROBES: Array<{ id: string; key: string; probes: Array<Array<Record<string, unknown>>> }> = [
  { id: '法律事务处理效果', key: 'legal', probes: [[{ legal: 0 }], [{ legal: 1 }, { legal: 3 }], [{ legal: 4 }, { legal: 5 }], [{ legal: 6 }, { legal: 10 }], [{ legal: 11 }, { legal: 40 }]] },
  { id: '大型综合活动', key: 'event', probes: [[{ event: 90.1 }, { event: 100 }], [{ event: 80.5 }, { event: 90 }], [{ event: 60.5 }, { event: 80 }], [{ event: 50.5 }, { event: 60 }], [{ event: 50 }, { event: 49.9 }, { event: 0 }]] },
  { id: '各类事故报告的及时性', key: 'alarm', probes: [[{ alarm: 0 }, { alarm: 10 }], [{ alarm: 10.5 }, { alarm: 15 }], [{ alarm: 16 }, { alarm: 20 }], [{ alarm: 25 }, { alarm: 30 }], [{ alarm: 30.5 }, { alarm: 120 }]] },
  {
    id: '监控设备',
    key: 'faults',
    probes: [
      [{ faults: 0 }],
      [{ faults: 1 }, { faults: 10 }],
      [{ faults: 11 }, { faults: 20 }, { faults: 0, faults_major: 1 }, { faults: 5, faults_major: 1 }],
      [{ faults: 21 }, { faults: 30 }, { faults: 25, faults_major: 1 }],
      [{ faults: 31 }, { faults: 0, faults_human: true }],
    ],
  },
  { id: '监控记录的完整性', key: 'records', probes: [[{ records: 0 }], [{ records: 1 }, { records: 5 }], [{ records: 6 }, { records: 10 }], [{ records: 11 }, { records: 20 }], [{ records: 21 }]] },
  { id: '工作保密性', key: 'secrecy', probes: [[{ secrecy: 0 }], [{ secrecy: 1 }], [{ secrecy: 2 }, { secrecy: 3 }], [{ secrecy: 4 }, { secrecy: 5 }], [{ secrecy: 6 }]] },
  { id: '安全管理状态', key: 'loss', probes: [[{ loss: 0 }], [{ loss: 1 }, { loss: 1000 }], [{ loss: 1000.5 }, { loss: 3000 }], [{ loss: 3001 }, { loss: 5000 }], [{ loss: 5001 }, { loss: 8000 }], [{ loss: 8001 }]] },
  { id: '5S现场管理检查及整改力度', key: '5s', probes: [[{ '5s': 100 }], [{ '5s': 80 }, { '5s': 99.9 }], [{ '5s': 60 }, { '5s': 79.9 }], [{ '5s': 40 }, { '5s': 59.9 }], [{ '5s': 0 }, { '5s': 39.9 }]] },
];

describe('C09 five-level band tables', () => {
  it('the tables are complete and non-overlapping: no analysis errors', () => {
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('covers every table of the case', () => {
    expect(c09.employees.map((e) => PROBES.find((p) => e.id.startsWith(p.id))?.key)).toEqual(PROBES.map((p) => p.key));
  });

  it.each(PROBES.map((p) => [p.id, p] as const))('%s: each band in order gives the printed points', (_, p) => {
    const row = c09.employees.find((e) => e.id.startsWith(p.id))!;
    expect(p.probes).toHaveLength(row.expected.points_in_order.length);
    p.probes.forEach((probes, band) => {
      for (const inputs of probes) {
        const r = evaluateOne(scheme, { id: 'probe', inputs });
        expect(score(r, p.key), `${p.key} ${JSON.stringify(inputs)} (band ${band + 1})`).toBe(row.expected.points_in_order[band]);
      }
    });
  });

  it('the two 尚可 loss bands both give 60, as printed; the 50% event gap and the 2/4 secrecy gaps are closed as stated', () => {
    const loss = c09.employees.find((e) => e.id.startsWith('安全管理状态'))!.expected.points_in_order;
    expect(loss.slice(2, 4)).toEqual([60, 60]);
    const at = (inputs: Record<string, unknown>, key: string) => score(evaluateOne(scheme, { id: 'p', inputs }), key);
    expect(at({ event: 50 }, 'event')).toBe(0);
    expect(at({ secrecy: 2 }, 'secrecy')).toBe(60);
    expect(at({ secrecy: 4 }, 'secrecy')).toBe(40);
  });

  it('R03: inspection findings are deducted after the band, floor 0 (−5 severe / −3 obvious; 5S −3 / −1)', () => {
    // loss 500 元 → 80; 1 severe and 2 obvious → 80 − 5 − 6 = 69
    expect(score(evaluateOne(scheme, { id: 'p', inputs: { loss: 500, loss_severe: 1, loss_obvious: 2 } }), 'loss')).toBe(69);
    // 5S 85% → 80; 2 severe, 1 obvious → 80 − 6 − 1 = 73; 30 severe → floor 0
    expect(score(evaluateOne(scheme, { id: 'p', inputs: { '5s': 85, '5s_severe': 2, '5s_obvious': 1 } }), '5s')).toBe(73);
    expect(score(evaluateOne(scheme, { id: 'p', inputs: { '5s': 85, '5s_severe': 30 } }), '5s')).toBe(0);
  });

  it('a negative count is rejected before any band is looked up', () => {
    expect(indicator(evaluateOne(scheme, { id: 'p', inputs: { legal: -1 } }), 'legal').status).toBe('out-of-range');
  });
});
