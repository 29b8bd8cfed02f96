/**
 * Scheme changes in every language (`rules/diff/wording.ts`): every change the diff describes can
 * be worded in Chinese from its structure and reads as Chinese, and a change without a usable
 * structure (from an older or newer server) keeps its own text. Changes come from diffing the template library's schemes against edited
 * copies: targeted edits of every entity, and seeded random edits of every value, key and list.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemes } from '../../../rules/diff/index.ts';
import { CHANGE_ENTITIES, type SchemeChange } from '../../../rules/diff/types.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { templates } from '../../../rules/templates/index.ts';
import { DIFF_WORDING, diffChangeText, wordChange } from '../../../rules/diff/wording.ts';

type Edit = (s: Scheme) => void;
type Loose = Record<string, unknown>;

const copy = (key: string): Scheme => structuredClone(templates.find((t) => t.key === key)!.scheme) as Scheme;
const long = '很长的说明。'.repeat(30);

/** Edits touching every entity, field kind (scalar, long text, structure, rule, nested map) and change form. */
const EDITS: Record<string, Edit> = {
  schemeFields: (s) => {
    s.title = `${s.title} V2`;
    s.description = long;
    s.template = false;
    s.period = 'quarter';
    s.locale = 'en';
    s.aggregation = 'sum';
    delete s.versionLabel;
    delete s.$schema;
  },
  inputs: (s) => {
    const [first, second] = Object.keys(s.inputs);
    Object.assign(s.inputs[first], { unit: '元', maximum: 12345, required: true, description: 'x\ny' });
    delete s.inputs[second];
    s.inputs.extra = { type: 'enum', options: [{ value: 'a', label: 'A' }] };
  },
  params: (s) => {
    const params = (s.params ??= {});
    const keys = Object.keys(params);
    if (keys[0]) params[keys[0]].value = 42;
    if (keys[1]) delete params[keys[1]].value;
    if (keys[2]) delete params[keys[2]];
    params.rates = { type: 'table', value: { gold: 1.2 } };
    params.flag = { type: 'boolean', value: true, title: '开关' };
  },
  indicators: (s) => {
    const [a, b, c] = s.indicators;
    a.title = `${a.title}（新）`;
    a.unit = '分';
    a.polarity = 'lower-better';
    a.score = { '*': [a.score as never, 1] };
    b.min = 10;
    delete b.max;
    c.key = `${c.key}_v2`;
    s.indicators.push(s.indicators.shift()!);
    s.indicators.push({ key: 'nps', title: 'NPS', score: 0, description: long });
  },
  removeIndicator: (s) => {
    s.indicators.splice(1, 1);
  },
  dimensions: (s) => {
    s.dimensions ??= [{ key: 'd1', title: 'D1', weight: 100 }];
    s.dimensions[0].weight = (s.dimensions[0].weight ?? 0) + 5;
    s.dimensions.push({ key: 'extra', title: '新维度' });
    if (s.dimensions.length > 2) s.dimensions.unshift(s.dimensions.splice(2, 1)[0]);
  },
  weights: (s) => {
    const row = s.weights.default;
    const keys = Object.keys(row.indicators ?? {});
    row.title = '全员';
    if (keys[0]) row.indicators![keys[0]] += 5;
    if (keys[1]) delete row.indicators![keys[1]];
    row.indicators = { ...row.indicators, nps: 5 };
    row.dimensions = { ...row.dimensions, customer: 50 };
    const positions = (s.weights.positions ??= {});
    const [p1, p2] = Object.keys(positions);
    if (p1) {
      const cells = positions[p1].indicators ?? {};
      const [k] = Object.keys(cells);
      if (k) cells[k] -= 5;
      positions[p1].dimensions = { service: 40 };
      delete positions[p1].title;
    }
    if (p2) delete positions[p2];
    positions['驾驶员'] = { title: '驾驶员', indicators: { [s.indicators[0].key]: 100 } };
  },
  derivedScoresEdit: (s) => {
    s.derivedScores = [{ key: 'raise', title: '调薪分', dimensions: { customer: 70, process: 30 } }];
  },
  adjustments: (s) => {
    const list = (s.adjustments ??= []);
    if (list[0]) {
      (list[0] as Loose).when = { '>': [{ var: 'inputs.x' }, 1] };
      (list[0] as Loose).stage = 'after-distribution';
      (list[0] as Loose).cap = 9;
    }
    if (list[1]) list.splice(1, 1);
    list.push({ key: 'bonus2', kind: 'bonus', points: { '*': [2, { var: 'inputs.x' }] } } as never);
  },
  grading: (s) => {
    const g = s.grading;
    g.grades[0].coefficient = 1.3;
    g.grades[1].title = '良';
    g.grades.push({ key: 'E', title: '不合格' });
    g.grades.splice(2, 0, g.grades.splice(1, 1)[0]);
    if (g.bands) {
      g.bands[0].min = (g.bands[0].min ?? 0) + 1;
      g.bands[1].includeMax = true;
      delete g.bands[2].max;
      g.bands.push({ grade: g.bands[3]?.grade ?? 'E', min: -100, max: -50 });
      g.bands.splice(1, 1);
    }
  },
  gradingRule: (s) => {
    delete s.grading.bands;
    s.grading.rule = { if: [{ '>=': [{ var: 'total' }, 60] }, 'B', 'D'] };
  },
  population: (s) => {
    const p = (s.population ??= {});
    p.values = [...(p.values ?? []), { key: 'p90', kind: 'percentile', percentile: 90, source: 'inputs.x' }];
    if (p.values[0]) p.values[0].order = 'lower-better';
    if (p.distribution) {
      p.distribution.mode = p.distribution.mode === 'exact' ? 'limits' : 'exact';
      p.distribution.ties = 'share-better';
      p.distribution.quotas.A = { max: 0.25, min: 0.05 };
      p.distribution.quotas.B = { share: 0.3 };
      delete p.distribution.minPopulation;
    } else p.distribution = { mode: 'limits', quotas: { A: { max: 0.1 } } };
  },
  removeDistribution: (s) => {
    if (s.population) delete s.population.distribution;
  },
  raters: (s) => {
    s.raters = { groups: [{ key: 'supervisor', weight: 60 }, { key: 'peer', weight: 40 }], fallback: 'peer-mean' };
  },
  rounding: (s) => {
    if (s.rounding) {
      s.rounding.mode = 'half-even';
      s.rounding.totalDecimals = 0;
    } else s.rounding = { mode: 'floor' };
  },
  removeRounding: (s) => {
    delete s.rounding;
  },
};

/** A second round of edits on a scheme that already has the first: derived scores and raters edited, not added. */
const FOLLOW_UPS: Record<string, Edit> = {
  derivedScoresEdit: (s) => {
    s.derivedScores![0].dimensions.customer = 60;
    s.derivedScores![0].title = '调薪系数分';
    s.derivedScores!.push({ key: 'bonus', dimensions: { customer: 100 } });
  },
  raters: (s) => {
    s.raters!.groups[1].weight = 30;
    s.raters!.groups.push({ key: 'self', weight: 10, minRaters: 1 });
    s.raters!.fallback = 'missing';
    s.raters!.minRaters = 3;
  },
};

/** A deterministic pseudo-random sequence (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Deleting these would leave a scheme the diff cannot read (it needs weights.default and grading.grades).
const KEEP = new Set(['/weights', '/weights/default', '/grading', '/grading/grades']);

/** Randomly change values, drop fields and entries, reorder and duplicate list entries, everywhere in the scheme. */
function scramble(scheme: Scheme, seed: number, rate: number): Scheme {
  const next = random(seed);
  const walk = (value: unknown, pointer: string): unknown => {
    if (Array.isArray(value)) {
      const list = value.map((v, i) => walk(v, `${pointer}/${i}`));
      if (list.length > 1 && next() < rate) list.push(list.shift());
      if (list.length > 1 && next() < rate / 2) list.splice(Math.floor(next() * list.length), 1);
      if (list.length > 0 && next() < rate / 4) list.push(structuredClone(list[0]));
      return list;
    }
    if (typeof value === 'object' && value !== null) {
      const out: Loose = {};
      for (const [k, v] of Object.entries(value)) {
        const at = `${pointer}/${k}`;
        if (!KEEP.has(at) && next() < rate / 3) continue;
        out[k] = walk(v, at);
      }
      // Weight maps hold numbers only (the server diffs parsed schemes); elsewhere a new field may be a structure.
      const weightMap = /^\/weights\/(default|positions\/[^/]+)\/(indicators|dimensions)$/.test(pointer);
      if (pointer !== '' && next() < rate / 3) out[`new_${Math.floor(next() * 100)}`] = weightMap || next() < 0.5 ? 7 : { nested: true };
      return out;
    }
    if (next() >= rate) return value;
    if (typeof value === 'number') return value + 1;
    if (typeof value === 'string') return next() < 0.1 ? long : `${value}2`;
    if (typeof value === 'boolean') return !value;
    return value;
  };
  return walk(scheme, '') as Scheme;
}

function diffAfter(key: string, ...edits: Edit[]): SchemeChange[] {
  const a = copy(key);
  const b = structuredClone(a);
  for (const edit of edits) edit(b);
  return diffSchemes(a, b);
}

const targeted: SchemeChange[] = templates.flatMap((t) =>
  Object.entries(EDITS).flatMap(([name, edit]) => {
    const changes = diffAfter(t.key, edit);
    const followUp = FOLLOW_UPS[name];
    if (!followUp) return changes;
    const a = copy(t.key);
    edit(a);
    const b = structuredClone(a);
    followUp(b);
    return [...changes, ...diffSchemes(a, b)];
  }),
);
const scrambled: SchemeChange[] = templates.flatMap((t, i) =>
  [0.05, 0.2, 0.5].flatMap((rate, j) => {
    const a = copy(t.key);
    return [...diffSchemes(a, scramble(a, 1000 * i + j, rate)), ...diffSchemes(scramble(a, 7 + i + j, rate), a)];
  }),
);
const all = [...targeted, ...scrambled];

describe('diff change messages', () => {
  it('produces many changes of every entity, kind and form', () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(new Set(all.map((c) => c.subject.entity))).toEqual(new Set(CHANGE_ENTITIES));
    const shapes = new Set(all.map((c) => `${c.kind}/${c.form ?? ''}/${c.subject.rule ? 'rule' : ''}`));
    for (const shape of ['added//', 'removed//', 'changed//', 'moved//', 'added/values/', 'removed/values/', 'changed/values/', 'changed/renamed/', 'added//rule', 'removed//rule', 'changed//rule']) {
      expect(shapes).toContain(shape);
    }
    expect(all.some((c) => (c.subject.occurrence ?? 1) > 1)).toBe(true);
    expect(all.some((c) => c.subject.field?.includes('.'))).toBe(true);
  });

  it('words every change in Chinese from its structure', () => {
    for (const c of all) {
      const zh = wordChange(c, 'zh-CN');
      expect(zh, c.text).toBeDefined();
      expect(zh, c.text).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, c.text).not.toMatch(/undefined|\[object|(^| )(set to|added|removed|changed|moved from|renamed to|rule|weight of|for position|in the default row)( |$)/);
    }
  });

  it('has a wording for every entity in both languages', () => {
    for (const wording of Object.values(DIFF_WORDING)) expect(Object.keys(wording.entities).sort()).toEqual([...CHANGE_ENTITIES].sort());
  });
});

describe('Chinese samples', () => {
  const zh = (key: string, edit: Edit) => diffAfter(key, edit).map((c) => diffChangeText(c, 'zh-CN'));

  it('reads weights by indicator and position', () => {
    expect(
      zh('property-services', (s) => {
        s.weights.positions!.engineer.indicators!.response_time = 30;
        s.weights.positions!.engineer.indicators!.satisfaction = 10;
        s.weights.default.indicators!.complaints = 25;
        delete s.weights.positions!.security.indicators!.complaints;
        s.weights.positions!.driver = { indicators: { complaints: 100 } };
        s.weights.positions!.engineer.title = '工程维修岗';
      }),
    ).toEqual([
      '指标“complaints”在默认行中的权重由 20 改为 25',
      '新增岗位“driver”的权重行',
      '岗位“engineer”的权重行名称由“工程岗”改为“工程维修岗”',
      '指标“response_time”在岗位“engineer”中的权重由 25 改为 30',
      '指标“satisfaction”在岗位“engineer”中的权重由 15 改为 10',
      '删除指标“complaints”在岗位“security”中的权重（原为 20）',
    ]);
  });

  it('reads scheme fields, params, indicators, bands, quotas and rounding', () => {
    expect(
      zh('property-services', (s) => {
        s.title = '物业服务月度考核';
        s.template = false;
        s.params!.closure_target.value = 90;
        delete s.params!.complaint_points.value;
        const [closure] = s.indicators;
        closure.score = 100;
        closure.polarity = 'lower-better';
        s.indicators.splice(3, 1); // complaints
        s.indicators.push({ key: 'nps', title: '净推荐值', score: 0 });
        s.grading.bands![1].min = 85;
        s.grading.bands![2].includeMax = true;
        s.population!.distribution!.quotas.A.max = 0.15;
        s.rounding!.mode = 'half-even';
      }),
    ).toEqual([
      '方案标题由“物业服务岗位月度考核(客服·工程·安保)”改为“物业服务月度考核”',
      '方案模板标记由“是”改为“否”',
      '参数“closure_target”由 95 改为 90',
      '删除参数“complaint_points”（原为 10）',
      '指标“closure_rate”的方向由“越高越好”改为“越低越好”',
      '指标“closure_rate”的计分规则已修改',
      '新增指标“nps”',
      '删除指标“complaints”',
      '等级区间“B”的下限由 80 改为 85',
      '等级区间“C”的包含上边界设为“是”',
      '等级“A”的配额至多由 0.2 改为 0.15',
      '取舍规则的取舍方式由“四舍五入”改为“四舍六入五成双”',
    ]);
  });

  it('reads moves, renames, rules, sections and entries sharing a key', () => {
    const texts = zh('property-services', (s) => {
      const [closure, response] = s.indicators;
      response.key = 'response';
      s.indicators.splice(0, 2);
      s.indicators.push(closure, response);
      s.adjustments![0].points = 3;
      s.grading.rule = { if: [true, 'A', 'B'] };
      s.grading.bands!.push({ grade: 'D', min: -10, max: 0 });
      delete s.rounding;
      s.raters = { groups: [{ key: 'peer', weight: 100 }] };
    });
    expect(texts).toEqual([
      '指标“closure_rate”从第 1 位移到第 4 位',
      '指标“response_time”的标识改为“response”',
      '指标“response”从第 2 位移到第 5 位',
      '调整项“innovation_bonus”的分值规则已修改',
      '新增定级规则',
      '新增等级区间“D”（第 2 个）',
      '新增评价人设置',
      '删除取舍规则',
    ]);
    expect(zh('property-services', (s) => void Object.assign(s.inputs.complaints, { x_source: 'crm' }))).toEqual(['输入项“complaints”的字段“x_source”设为“crm”']);
  });
});

describe('fallback', () => {
  const change: SchemeChange = { kind: 'changed', pointer: '/title', path: 'title', text: 'scheme title "A" → "B"', before: 'A', after: 'B', subject: { entity: 'scheme', field: 'title' }, form: 'values' };

  it('keeps the text of a change from an older server, without a structure', () => {
    const { subject: _subject, form: _form, ...older } = change;
    expect(diffChangeText(older, 'zh-CN')).toBe('scheme title "A" → "B"');
    expect(diffChangeText(older, 'en')).toBe('scheme title "A" → "B"');
    expect(diffChangeText(change, 'zh-CN')).toBe('方案标题由“A”改为“B”');
  });

  it('keeps the text of an unknown entity, kind or form, a missing key, an unexpected value or a non-object subject', () => {
    expect(diffChangeText({ ...change, subject: { entity: 'workflow' as never, field: 'title' } }, 'zh-CN')).toBe(change.text);
    expect(diffChangeText({ ...change, subject: { entity: 'constructor' as never } }, 'zh-CN')).toBe(change.text);
    expect(diffChangeText({ ...change, subject: { entity: 'indicator', field: 'title' } }, 'zh-CN')).toBe(change.text);
    expect(diffChangeText({ ...change, before: { a: 1 } }, 'zh-CN')).toBe(change.text);
    expect(diffChangeText({ ...change, kind: 'moved', before: 'x' }, 'zh-CN')).toBe(change.text);
    expect(diffChangeText({ ...change, subject: 'scheme' as never }, 'zh-CN')).toBe(change.text);
    expect(diffChangeText({ ...change, kind: 'reverted' as never }, 'zh-CN')).toBe(change.text);
    expect(diffChangeText({ ...change, form: 'merged' as never }, 'zh-CN')).toBe(change.text);
  });
});
