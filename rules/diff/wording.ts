/**
 * @module diff/wording
 * The one place changes between two scheme versions are worded, in every language Yardstick
 * speaks. The diff describes each change in structure only — the `subject` (entity, key,
 * position, field, rule), `form`, `kind`, `before` and `after` — and its English `text` (used by
 * the CLI and the API) is this catalogue's English sentence; the studio words the same structure
 * in Chinese. Both catalogues are typed by the diff's `ChangeEntity`: an entity missing from
 * either is a type error. Imports only types, so the studio bundles it without the rules engine.
 *
 * A change without a subject (an older server), with an entity not in the catalogue (a newer
 * one), or lacking a part its wording needs, is shown with its own `text`. Keys, positions and
 * string values are shown as written.
 *
 * @example
 * diffChangeText({ kind: 'changed', subject: { entity: 'weight', key: 'response_time', position: 'engineer' },
 *   form: 'values', before: 30, after: 25, text: '…' }, 'zh-CN')
 * // '指标“response_time”在岗位“engineer”中的权重由 30 改为 25'
 */
import type { Locale } from '../../schemas/vocabulary.ts';
import type { ChangeEntity, ChangeForm, ChangeKind, ChangeSubject } from './types.ts';

/** A change as the API sends it; `subject` and `form` are missing from servers older than them. */
export interface DiffChange {
  kind: ChangeKind;
  text: string;
  before?: unknown;
  after?: unknown;
  subject?: ChangeSubject;
  form?: ChangeForm;
}

/** A change that has a subject: what a catalogue words. */
export type DescribedChange = Omit<DiffChange, 'text'> & { subject: ChangeSubject };

/** How one language words changes. */
export interface DiffWording {
  /** The entity a change is about: `indicator "close_rate"`, `指标“close_rate”`. */
  entities: Record<ChangeEntity, (s: ChangeSubject) => string>;
  /** The entity with the field that changed, if any: `band "B": min`, `等级区间“B”的下限`. */
  subject: (change: DescribedChange, entity: string) => string;
  /** The whole sentence. */
  sentence: (change: DescribedChange, subject: string) => string;
}

const KINDS: readonly ChangeKind[] = ['added', 'removed', 'changed', 'moved'];
const FORMS: readonly ChangeForm[] = ['values', 'renamed'];

/** A part the wording needs is missing or of an unexpected type: the change keeps its own text. */
class Unworded extends Error {}

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Unworded();
  return value;
}

function scalar(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Unworded();
}

/** The weight cells' values are numbers. */
function number(value: unknown): number {
  if (typeof value === 'number') return value;
  throw new Unworded();
}

const isWeight = (s: ChangeSubject) => s.entity === 'weight' || s.entity === 'dimensionWeight';
/** The English diff writes a param's value without the field name when the value is in the sentence. */
const isBareValue = (c: DescribedChange) => c.subject.entity === 'param' && c.subject.field === 'value' && c.form === 'values';

// ── English ─────────────────────────────────────────────────────────────────
/** 2 → ' (2nd)': tells apart entries that (wrongly) share a key. */
function enOccurrence(n: number | undefined): string {
  if (n === undefined || n <= 1) return '';
  const suffix = n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : n % 10 === 1 && n % 100 !== 11 ? 'st' : 'th';
  return ` (${n}${suffix})`;
}
const enKeyed = (noun: string) => (s: ChangeSubject) => `${noun} "${need(s.key)}"${enOccurrence(s.occurrence)}`;
const enRow = (s: ChangeSubject) => (s.position === undefined ? 'in the default row' : `for position "${s.position}"`);
/** A value as the English text shows it: strings quoted, numbers and booleans bare. */
const enShow = (value: unknown) => JSON.stringify(scalar(value));

export const diffEn: DiffWording = {
  entities: {
    scheme: () => 'scheme',
    input: enKeyed('input'),
    param: enKeyed('param'),
    dimension: enKeyed('dimension'),
    indicator: enKeyed('indicator'),
    weightRow: (s) => (s.position === undefined ? 'default weights' : `weights for position "${s.position}"`),
    weight: (s) => `weight of "${need(s.key)}" ${enRow(s)}`,
    dimensionWeight: (s) => `dimension weight of "${need(s.key)}" ${enRow(s)}`,
    derivedScore: enKeyed('derived score'),
    adjustment: enKeyed('adjustment'),
    grading: () => 'grading',
    grade: enKeyed('grade'),
    band: enKeyed('band'),
    populationValue: enKeyed('population value'),
    distribution: () => 'distribution',
    quota: enKeyed('quota for grade'),
    raters: () => 'raters',
    raterGroup: enKeyed('rater group'),
    rounding: () => 'rounding',
  },
  subject(c, entity) {
    const { field, rule } = c.subject;
    // A rename names the entity by its old key; the sentence gives the new one.
    if (field === undefined || c.form === 'renamed') return entity;
    if (c.subject.entity === 'scheme') return `scheme ${field}`;
    if (rule) return `${entity}: ${field === 'rule' ? 'rule' : `${field} rule`}`;
    if (isBareValue(c)) return entity;
    return `${entity}: ${field}`;
  },
  sentence(c, what) {
    if (c.kind === 'moved') return `${what} moved from position ${number(c.before)} to ${number(c.after)}`;
    if (c.form === 'renamed') return `${what} renamed to "${String(scalar(c.after))}"`;
    if (c.form !== 'values') return `${what} ${c.kind}`;
    if (isWeight(c.subject)) {
      if (c.kind === 'added') return `${what} added: ${number(c.after)}`;
      if (c.kind === 'removed') return `${what} removed (was ${number(c.before)})`;
      return `${what} ${number(c.before)} → ${number(c.after)}`;
    }
    if (c.kind === 'added') return `${what} set to ${enShow(c.after)}`;
    if (c.kind === 'removed') return `${what} ${enShow(c.before)} removed`;
    return `${what} ${enShow(c.before)} → ${enShow(c.after)}`;
  },
};

// ── 简体中文 ────────────────────────────────────────────────────────────────
// Field names follow the designer's labels (zh-CN.ts) where it has one: 标识, 名称, 单位, 方向,
// 计分规则, 系数, 包含下边界, 生效阶段, 分布范围 …; a field not listed is quoted as written (字段“x”).
const ZH_FIELDS: Readonly<Record<string, string>> = {
  $schema: 'JSON Schema 地址',
  key: '标识',
  title: '名称',
  description: '说明',
  versionLabel: '版本标签',
  template: '模板标记',
  period: '周期',
  locale: '语言',
  aggregation: '总分计算方式',
  type: '类型',
  unit: '单位',
  minimum: '最小值',
  maximum: '最大值',
  options: '选项',
  scale: '评分等级',
  multiRater: '多人评分',
  provider: '数据来源',
  required: '必填',
  default: '默认值',
  value: '值',
  weight: '权重',
  dimension: '维度',
  dimensions: '维度权重',
  indicators: '指标权重',
  parent: '上级指标',
  polarity: '方向',
  min: '下限',
  max: '上限',
  score: '计分规则',
  decimals: '小数位',
  kind: '类型',
  when: '适用条件',
  points: '分值',
  cap: '封顶分',
  grade: '等级',
  steps: '等级变动',
  stage: '生效阶段',
  includeMin: '包含下边界',
  includeMax: '包含上边界',
  coefficient: '系数',
  source: '取值来源',
  order: '排序方向',
  scope: '范围',
  best: '最高分',
  worst: '最低分',
  share: '比例',
  percentile: '百分位',
  minCount: '最少人数',
  mode: '方式',
  quotas: '配额',
  groupLimits: '多个等级合计限制',
  rounding: '人数取整',
  ties: '边界同分处理',
  tieBreak: '同分排序规则',
  minPopulation: '最少适用人数',
  groups: '评价人分组',
  minRaters: '最少评价人数',
  fallback: '人数不足时的处理',
  indicatorDecimals: '指标小数位',
  totalDecimals: '总分小数位',
  rule: '规则',
};

/** Where an entity's field has its own name (`scheme.title` is 方案标题, a band's min its 下限, a quota's 至少). */
const ZH_ENTITY_FIELDS: Partial<Record<ChangeEntity, Readonly<Record<string, string>>>> = {
  scheme: { title: '标题', period: '考核周期' },
  indicator: { min: '最低分', max: '最高分' },
  quota: { min: '至少', max: '至多' },
  distribution: { scope: '分布范围' },
  rounding: { mode: '取舍方式' },
  adjustment: { points: '分值规则' },
  grading: { rule: '定级规则' },
};

const ZH_PERIOD = { week: '周', month: '月度', quarter: '季度', 'half-year': '半年度', year: '年度', 'fiscal-year': '财年' };
const ZH_POLARITY = { 'higher-better': '越高越好', 'lower-better': '越低越好', target: '越接近目标越好', none: '无方向' };

/** Enumerated values worded as the designer words them; other values are shown as written. */
const ZH_VALUES: Partial<Record<ChangeEntity, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  scheme: { period: ZH_PERIOD, aggregation: { weighted: '加权', sum: '分值直接相加' }, locale: { 'zh-CN': '简体中文', en: '英文' } },
  input: { type: { number: '数值', integer: '整数', boolean: '是/否', enum: '选项', rating: '评分等级', text: '文本' } },
  param: { type: { number: '数值', string: '文本', boolean: '是/否', table: '对照表', bands: '分档表' } },
  indicator: { polarity: ZH_POLARITY, period: ZH_PERIOD },
  adjustment: {
    kind: { bonus: '加分', deduction: '扣分', veto: '一票否决', 'set-grade': '指定等级', 'grade-bump': '等级升降' },
    stage: { 'before-distribution': '强制分布之前', 'after-distribution': '强制分布之后' },
  },
  populationValue: { order: { 'higher-better': '越高越好', 'lower-better': '越低越好' } },
  distribution: {
    mode: { exact: '按排名精确分配', limits: '上下限' },
    rounding: { floor: '向下取整', ceil: '向上取整', 'half-up': '四舍五入', 'largest-remainder': '最大余数法' },
    ties: { break: '按次序规则排定', 'share-better': '均取较高等级', 'share-worse': '均取较低等级' },
  },
  raters: { fallback: { renormalize: '其余分组按比例重新分配权重', missing: '视为缺少输入', 'peer-mean': '取同组人员平均值' } },
  rounding: { mode: { 'half-up': '四舍五入', 'half-even': '四舍六入五成双', floor: '向下取整', ceil: '向上取整', none: '不取舍' } },
};

/** Entities whose noun and field name read as one word. */
const ZH_COMPOUND: ReadonlySet<ChangeEntity> = new Set(['scheme', 'quota', 'weightRow']);
const zhOccurrence = (n: number | undefined) => (n === undefined || n <= 1 ? '' : `（第 ${n} 个）`);
const zhKeyed = (noun: string) => (s: ChangeSubject) => `${noun}“${need(s.key)}”${zhOccurrence(s.occurrence)}`;
const zhRow = (s: ChangeSubject) => (s.position === undefined ? '默认行' : `岗位“${s.position}”`);
const lookup = <T>(table: Readonly<Record<string, T>> | undefined, name: string): T | undefined => (table && Object.hasOwn(table, name) ? table[name] : undefined);

/**
 * A field's name; below the entity's own fields the rest of the path is quoted: 值“gold”,
 * 维度权重“customer”; a field the catalogue does not name is quoted as written: 字段“x_custom”.
 */
function zhField(s: ChangeSubject): string {
  const field = need(s.field);
  const dot = field.indexOf('.');
  const head = dot < 0 ? field : field.slice(0, dot);
  const name = lookup(ZH_ENTITY_FIELDS[s.entity], head) ?? lookup(ZH_FIELDS, head) ?? `字段“${head}”`;
  const named = s.rule && !/(规则|条件)$/.test(name) ? `${name}规则` : name;
  return dot < 0 ? named : `${named}“${field.slice(dot + 1)}”`;
}

/** A value in a Chinese sentence: strings and yes/no in “”, enumerated values as the designer words them. */
function zhShow(c: DescribedChange, value: unknown): string {
  const v = scalar(value);
  if (v === null) return '空';
  if (typeof v === 'boolean') return v ? '“是”' : '“否”';
  if (typeof v === 'number') return String(v);
  const field = c.subject.field ?? '';
  return `“${lookup(lookup(ZH_VALUES[c.subject.entity], field), v) ?? v}”`;
}
/** Numbers get a space on each side, quoted values none: 由 30 改为 25、由“A”改为“B”. */
const spaced = (shown: string) => (shown.startsWith('“') ? shown : ` ${shown} `);

export const diffZhCN: DiffWording = {
  entities: {
    scheme: () => '方案',
    input: zhKeyed('输入项'),
    param: zhKeyed('参数'),
    dimension: zhKeyed('维度'),
    indicator: zhKeyed('指标'),
    weightRow: (s) => (s.position === undefined ? '默认权重行' : `岗位“${s.position}”的权重行`),
    weight: (s) => `指标“${need(s.key)}”在${zhRow(s)}中的权重`,
    dimensionWeight: (s) => `维度“${need(s.key)}”在${zhRow(s)}中的权重`,
    derivedScore: zhKeyed('派生得分'),
    adjustment: zhKeyed('调整项'),
    grading: () => '定级',
    grade: zhKeyed('等级'),
    band: zhKeyed('等级区间'),
    populationValue: zhKeyed('群体统计值'),
    distribution: () => '强制分布',
    quota: (s) => `等级“${need(s.key)}”${zhOccurrence(s.occurrence)}的配额`,
    raters: () => '评价人设置',
    raterGroup: zhKeyed('评价人分组'),
    rounding: () => '取舍规则',
  },
  subject(c, entity) {
    if (c.subject.field === undefined || isBareValue(c)) return entity;
    const name = zhField(c.subject);
    // 方案标题, 定级规则, 配额至多, 权重行名称 read as one word; elsewhere 指标“x”的单位.
    if (c.subject.entity === 'grading') return name;
    if (!ZH_COMPOUND.has(c.subject.entity)) return `${entity}的${name}`;
    return /^[!-~]/.test(name) ? `${entity} ${name}` : `${entity}${name}`; // a Latin name is set apart by a space
  },
  sentence(c, what) {
    if (c.kind === 'moved') return `${what}从第 ${number(c.before)} 位移到第 ${number(c.after)} 位`;
    if (c.form === 'renamed') return `${what}改为“${String(scalar(c.after))}”`;
    if (c.form !== 'values') return c.kind === 'added' ? `新增${what}` : c.kind === 'removed' ? `删除${what}` : `${what}已修改`;
    if (c.kind === 'added') return `${what}设为${spaced(zhShow(c, c.after))}`.trimEnd();
    if (c.kind === 'removed') return `删除${what}（原为${spaced(zhShow(c, c.before)).trimEnd()}）`;
    return `${what}由${spaced(zhShow(c, c.before))}改为${spaced(zhShow(c, c.after))}`.trimEnd();
  },
};

/** The change wordings of each language. */
export const DIFF_WORDING: Record<Locale, DiffWording> = { 'zh-CN': diffZhCN, en: diffEn };

/**
 * A change's sentence in a language, from its structure alone; undefined when it has no subject,
 * an entity the catalogue does not know, or lacks a part the sentence needs.
 * @example wordChange({ kind: 'added', subject: { entity: 'indicator', key: 'nps' }, text: '…' }, 'zh-CN') // '新增指标“nps”'
 */
export function wordChange(change: Omit<DiffChange, 'text'>, locale: Locale): string | undefined {
  const wording = DIFF_WORDING[locale];
  const subject = change.subject;
  if (!subject || typeof subject !== 'object' || typeof subject.entity !== 'string' || !Object.hasOwn(wording.entities, subject.entity)) return undefined;
  // A kind or form from a newer server would be worded wrongly rather than not at all.
  if (!KINDS.includes(change.kind) || (change.form !== undefined && !FORMS.includes(change.form))) return undefined;
  const described = change as DescribedChange;
  try {
    return wording.sentence(described, wording.subject(described, wording.entities[subject.entity](subject)));
  } catch (err) {
    if (err instanceof Unworded) return undefined;
    throw err;
  }
}

/**
 * A change's sentence in a language, from its structure; its own (English) `text` when it cannot
 * be worded from it (see `wordChange`).
 * @example diffChangeText(change, i18n.locale) // in a component: re-renders when the language changes
 */
export function diffChangeText(change: DiffChange, locale: Locale): string {
  return wordChange(change, locale) ?? change.text;
}

/**
 * The English sentence of a change the diff has just described; every change the diff makes has
 * all the parts its sentence needs, so a missing part is a bug in the diff, not in the input.
 * @example englishText({ kind: 'added', subject: { entity: 'indicator', key: 'nps' } }) // 'indicator "nps" added'
 */
export function englishText(change: Omit<DiffChange, 'text'>): string {
  const text = wordChange(change, 'en');
  if (text === undefined) throw new Error(`The diff described a change its wording cannot say: ${JSON.stringify(change)}`);
  return text;
}
