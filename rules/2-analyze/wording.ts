/**
 * @module 2-analyze/wording
 * The one place analysis findings are worded, in every language Yardstick speaks. A check reports
 * a code and the values of its message (`finding.args`, see `codes.ts`); the finding's English
 * `message` (API, CLI) is this catalogue's English entry filled with them, and the studio words
 * the same args in Chinese. Both catalogues are typed by the analyzer's `FindingCode`: a code
 * missing from either is a type error.
 *
 * An entry is a template with `{name}` placeholders, or a function of the args that returns one
 * (for wording that depends on them, e.g. the default row vs a position's row). A finding whose
 * code is not in the catalogue (e.g. a parse issue), or that lacks an arg the entry needs, is
 * shown with its own `message`. Values the analyzer words itself (`where`, `owner`, `range`,
 * `reason`, `message`, …) are shown as sent.
 *
 * @example
 * findingMessage({ code: 'weights_not_100', args: { position: '驾驶员', sum: 90 }, message: '…', … }, 'zh-CN')
 * // '岗位“驾驶员”的权重合计为 90，应为 100。'
 */
import type { Locale } from '../../schemas/vocabulary.ts';
import { fillTemplate, hasArg, listOf, literal, type MessageArg, type MessageArgs, type MessageTemplate } from '../messages/template.ts';
import { readablePath } from '../1-parse/parse.ts';
import type { FindingCode } from './codes.ts';
import type { Finding } from './types.ts';

/** The values a finding's message was filled with. */
export type FindingArgs = MessageArgs;

/** A message template, or a function of the args choosing one. */
export type FindingTemplate = MessageTemplate;

const has = hasArg;
/** The items of a list arg, each kept verbatim. */
const items = (value: MessageArg) => listOf(value).map(literal);
/** A pointer arg as a readable path: '/indicators/0' → 'indicators[0]'. */
const readable = (pointer: MessageArg) => literal(readablePath(String(pointer)));

// ── English ─────────────────────────────────────────────────────────────────
const cap = (s: MessageArg) => String(s).charAt(0).toUpperCase() + String(s).slice(1);
const enList = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
const enWeightsOf = (a: FindingArgs) => (has(a, 'position') ? 'Weights for position "{position}"' : 'Default weights');
const enAt = (a: FindingArgs, sentence: string) => (has(a, 'where') ? `{where}: ${sentence}` : cap(sentence));
const enOwnerMessage = '{owner}: {message}';

export const findingsEn: Record<FindingCode, FindingTemplate> = {
  weights_not_100: (a) =>
    !has(a, 'dimension')
      ? `${enWeightsOf(a)} sum to {sum}, not 100.`
      : has(a, 'position')
        ? 'Weights of dimension "{dimension}" for position "{position}" sum to {sum}, not 100.'
        : 'Default weights of dimension "{dimension}" sum to {sum}, not 100.',
  dimension_weights_not_100: (a) => (has(a, 'position') ? 'Dimension weights for position "{position}" sum to {sum}, not 100.' : 'Default dimension weights sum to {sum}, not 100.'),
  derived_weights_not_100: 'Dimension weights of derived score "{derived}" sum to {sum}, not 100.',
  unknown_weight_indicator: (a) => `${enWeightsOf(a)} name "{key}", which is not an indicator.`,
  unknown_weight_dimension: (a) => `${has(a, 'derived') ? 'Derived score "{derived}" weights' : enWeightsOf(a)} name dimension "{key}", which is not declared in dimensions.`,
  unknown_dimension: 'Indicator "{indicator}" belongs to dimension "{dimension}", which is not declared in dimensions.',
  missing_dimension: 'Indicator "{indicator}" has no dimension, but the scheme has dimensions: it would count towards no subtotal.',
  missing_dimension_weight: (a) => `${enWeightsOf(a)} weight indicators of dimension "{dimension}", but that dimension has no weight there.`,
  default_row_empty: 'The default weight row is empty: employees whose position has no row in the weight matrix get no indicators.',
  band_gap: (a) => enAt(a, `no ${a.noun} covers ${a.what} {range}.`),
  band_gap_fallback: (a) => enAt(a, `no ${a.noun} covers ${a.what} {range}; they get the fallback.`),
  band_overlap: (a) => enAt(a, `${a.nouns} ${enList(items(a.names))} overlap {range}${a.point === 'true' ? `: ${a.namesCount === 2 ? 'both' : 'all'} include it` : ''}.`),
  band_inverted: (a) => enAt(a, `${a.name} has min {min} and max {max}: it covers nothing.`),
  band_row_invalid: '{where}: band row {row} {problem}.',
  band_table_unchecked: (a) => enAt(a, 'the band table has {rows} rows; gaps and overlaps are checked for tables of up to {max} rows.'),
  undeclared_grade: '{subject} "{grade}", which is not declared in grading.grades.',
  quota_shares_not_1: 'Exact-mode quota shares sum to {sum}, not 1.',
  quota_mixed: 'The quota for grade "{grade}" mixes share with min/max: share is for exact mode, min and max for limits mode.',
  quota_wrong_mode: 'The quota for grade "{grade}" sets {field}, but the distribution is in {mode} mode, which ignores it.',
  quota_min_above_max: 'The quota for grade "{grade}" has min {min} above max {max}.',
  quota_infeasible: 'The quotas cannot be met: {reason}.',
  unknown_reference: '{owner} reads "{path}", {why}.',
  self_reference: 'Indicator "{indicator}" reads its own score (indicators.{indicator}).',
  dynamic_var: '{owner} reads a variable whose name is computed at run time; analysis cannot check it.',
  unknown_operator: enOwnerMessage,
  bad_arity: enOwnerMessage,
  too_deep: enOwnerMessage,
  too_many_nodes: enOwnerMessage,
  string_too_long: enOwnerMessage,
  array_too_long: enOwnerMessage,
  forbidden_path: enOwnerMessage,
  not_json: enOwnerMessage,
  indicator_cycle: (a) => `Indicators form a cycle: ${items(a.cycle).join(' → ')}.`,
  polarity_mismatch: (a) =>
    `Indicator "{indicator}" is marked {polarity}, but its score ${Number(a.scoreTo) > Number(a.scoreFrom) ? 'rises' : 'falls'} from {scoreFrom} to {scoreTo} as inputs.{input} goes from {from} to {to}.`,
  count_unit_decimals: 'Input "{input}" is a count ("{unit}") but {problem}.',
  percent_unit_range: 'Input "{input}" is a percentage but allows up to {maximum}; a rate above 1000% is more likely a unit mistake.',
  unit_polarity_suspect:
    'Indicator "{indicator}" ("{title}") is about errors but is measured in "{unit}" and marked higher-better; errors are usually a count where lower is better.',
  param_unfilled: (a) =>
    a.template === 'true' ? `Parameter "{param}" is a template blank; a department's copy must fill it before publishing.` : 'Parameter "{param}" has no value; fill it before publishing.',
  param_type_mismatch: 'Parameter "{param}" is declared {declared}, but its value is {actual}.',
  unused_param: 'Parameter "{param}" is not used by any rule.',
  unused_input: 'Input "{input}" is not used by any rule, population value or tie-break; it would be collected for nothing.',
  unused_population_value: 'Population value "{key}" is not used by any rule.',
  kpi_count_advice: (a) => `${has(a, 'position') ? 'Position "{position}"' : 'The default row'} has {count} KPI${a.count === 1 ? '' : 's'}; 5–8 per post are advised.`,
  weight_below_5: (a) => `Indicator "{indicator}" weighs {weight}%${has(a, 'position') ? ' for position "{position}"' : ' in the default row'}; each KPI should weigh at least 5%.`,
  indicator_missing_unit: 'Indicator "{indicator}" has no unit.',
  indicator_missing_polarity: 'Indicator "{indicator}" does not state its polarity (higher-better is assumed).',
  duplicate_key: (a) => `${cap(a.what)} key "{key}" is used more than once (${readable(a.first)} and ${readable(a.again)}).`,
  rater_weights_not_100: 'Rater group weights sum to {sum}, not 100.',
  raters_missing: 'Input "{input}" is collected from several raters, but the scheme has no raters section.',
  raters_unused: 'The scheme defines rater groups, but no input is multi-rater.',
  population_missing_field: (a) => `Population value "{key}" ({kind}) needs ${enList(items(a.fields).map((f) => `"${f}"`))}.`,
};

// ── 简体中文 ────────────────────────────────────────────────────────────────
const ZH_NOUN: Record<string, string> = { band: '等级区间', bands: '等级区间', 'band row': '分档', 'band rows': '分档' };
const ZH_WHAT: Record<string, string> = { totals: '总分', values: '取值' };
const ZH_MODE: Record<string, string> = { exact: '精确比例', limits: '上下限' };
const ZH_POLARITY: Record<string, string> = { 'higher-better': '越高越好', 'lower-better': '越低越好' };
const zhOf = (map: Record<string, string>, value: MessageArg) => map[String(value)] ?? String(value);
const zhRow = (a: FindingArgs) => (has(a, 'position') ? '岗位“{position}”' : '默认行');
const zhAt = (a: FindingArgs, sentence: string) => (has(a, 'where') ? `{where}：${sentence}` : sentence);
const zhOwnerMessage = '{owner}：{message}';

export const findingsZhCN: Record<FindingCode, FindingTemplate> = {
  weights_not_100: (a) =>
    !has(a, 'dimension')
      ? has(a, 'position')
        ? '岗位“{position}”的权重合计为 {sum}，应为 100。'
        : '默认权重合计为 {sum}，应为 100。'
      : has(a, 'position')
        ? '岗位“{position}”在维度“{dimension}”下的权重合计为 {sum}，应为 100。'
        : '维度“{dimension}”的默认权重合计为 {sum}，应为 100。',
  dimension_weights_not_100: (a) => (has(a, 'position') ? '岗位“{position}”的维度权重合计为 {sum}，应为 100。' : '默认维度权重合计为 {sum}，应为 100。'),
  derived_weights_not_100: '派生得分“{derived}”的维度权重合计为 {sum}，应为 100。',
  unknown_weight_indicator: (a) => `${zhRow(a)}的权重中有“{key}”，但这不是已定义的指标。`,
  unknown_weight_dimension: (a) => `${has(a, 'derived') ? '派生得分“{derived}”' : zhRow(a)}的权重中有维度“{key}”，但维度列表中未声明该维度。`,
  unknown_dimension: '指标“{indicator}”属于维度“{dimension}”，但维度列表中未声明该维度。',
  missing_dimension: '方案设置了维度，但指标“{indicator}”未归入任何维度，不会计入任何维度小计。',
  missing_dimension_weight: (a) => `${zhRow(a)}为维度“{dimension}”下的指标设置了权重，但该维度在此没有权重，这些指标不会计分。`,
  default_row_empty: '默认权重行为空：岗位在权重矩阵中没有单独一行的员工将没有任何考核指标。',
  band_gap: (a) => zhAt(a, `没有任何${zhOf(ZH_NOUN, a.noun)}覆盖{range}的${zhOf(ZH_WHAT, a.what)}。`),
  band_gap_fallback: (a) => zhAt(a, `没有任何${zhOf(ZH_NOUN, a.noun)}覆盖{range}的${zhOf(ZH_WHAT, a.what)}，这些值将取兜底值。`),
  band_overlap: (a) => zhAt(a, `${zhOf(ZH_NOUN, a.nouns)} ${items(a.names).join('、')} 在{range}处重叠${a.point === 'true' ? '，均包含该值' : ''}。`),
  band_inverted: (a) => zhAt(a, '{name} 的下限 {min} 不小于上限 {max}，不覆盖任何值。'),
  band_row_invalid: '{where}：第 {row} 个分档{problem}。',
  band_table_unchecked: (a) => zhAt(a, '该分档表有 {rows} 行；仅对不超过 {max} 行的分档表检查空档和重叠。'),
  undeclared_grade: '{subject}“{grade}”，但等级列表（grading.grades）中未声明该等级。',
  quota_shares_not_1: '精确比例模式下各等级比例合计为 {sum}，应为 1。',
  quota_mixed: '等级“{grade}”的名额同时设置了比例（share）和上下限（min/max）：比例用于精确比例模式，上下限用于上下限模式。',
  quota_wrong_mode: (a) => `等级“{grade}”的名额设置了 {field}，但强制分布为${zhOf(ZH_MODE, a.mode)}模式，该设置不会生效。`,
  quota_min_above_max: '等级“{grade}”的名额下限 {min} 大于上限 {max}。',
  quota_infeasible: '各等级名额无法同时满足：{reason}。',
  unknown_reference: '{owner}读取了“{path}”，{why}。',
  self_reference: '指标“{indicator}”的计分规则读取了自身得分（indicators.{indicator}）。',
  dynamic_var: '{owner}读取的变量名在运行时才确定，静态分析无法检查。',
  unknown_operator: zhOwnerMessage,
  bad_arity: zhOwnerMessage,
  too_deep: zhOwnerMessage,
  too_many_nodes: zhOwnerMessage,
  string_too_long: zhOwnerMessage,
  array_too_long: zhOwnerMessage,
  forbidden_path: zhOwnerMessage,
  not_json: zhOwnerMessage,
  indicator_cycle: (a) => `指标之间存在循环依赖：${items(a.cycle).join(' → ')}。`,
  polarity_mismatch: (a) =>
    `指标“{indicator}”标记为${zhOf(ZH_POLARITY, a.polarity)}，但当 inputs.{input} 从 {from} 变为 {to} 时，其得分从 {scoreFrom} ${Number(a.scoreTo) > Number(a.scoreFrom) ? '升至' : '降至'} {scoreTo}。`,
  count_unit_decimals: '输入项“{input}”是计数（单位“{unit}”），但{problem}。',
  percent_unit_range: '输入项“{input}”是百分比，但最大允许 {maximum}；超过 1000% 的比率更可能是单位填错了。',
  unit_polarity_suspect: '指标“{indicator}”（“{title}”）考核的是差错，却以“{unit}”计量并标记为越高越好；差错通常按次数计，越低越好。',
  param_unfilled: (a) => (a.template === 'true' ? '参数“{param}”是模板待填项；各部门的副本须在发布前填写。' : '参数“{param}”尚未填写，请在发布前填写。'),
  param_type_mismatch: '参数“{param}”声明的类型为 {declared}，但其值为 {actual}。',
  unused_param: '参数“{param}”未被任何规则使用。',
  unused_input: '输入项“{input}”未被任何规则、群体统计值或并列排序规则使用，采集它没有意义。',
  unused_population_value: '群体统计值“{key}”未被任何规则使用。',
  kpi_count_advice: (a) => `${has(a, 'position') ? '岗位“{position}”' : '默认行'}有 {count} 个 KPI；建议每个岗位 5–8 个。`,
  weight_below_5: (a) => `指标“{indicator}”在${zhRow(a)}中的权重为 {weight}%；每个 KPI 的权重建议不低于 5%。`,
  indicator_missing_unit: '指标“{indicator}”未填写单位。',
  indicator_missing_polarity: '指标“{indicator}”未注明指标方向（默认按越高越好处理）。',
  duplicate_key: (a) => `{what}的键“{key}”重复使用（${readable(a.first)} 和 ${readable(a.again)}）。`,
  rater_weights_not_100: '评价人分组权重合计为 {sum}，应为 100。',
  raters_missing: '输入项“{input}”由多位评价人打分，但方案没有评价人（raters）设置。',
  raters_unused: '方案定义了评价人分组，但没有任何输入项采用多人评价。',
  population_missing_field: (a) => `群体统计值“{key}”（{kind}）缺少字段：${items(a.fields).map((f) => `“${f}”`).join('、')}。`,
};

/** The finding messages of each language. */
export const FINDING_MESSAGES: Record<Locale, Record<FindingCode, FindingTemplate>> = { 'zh-CN': findingsZhCN, en: findingsEn };

/**
 * A finding's message in a language, from the catalogue and the finding's args; the finding's own
 * (English) message when its code is not in the catalogue or it lacks an arg the message needs.
 * @example findingMessage(f, i18n.locale) // in a component: re-renders when the language changes
 */
export function findingMessage(finding: Pick<Finding, 'code' | 'message' | 'args'>, locale: Locale): string {
  const catalogue = FINDING_MESSAGES[locale] as Record<string, FindingTemplate | undefined>;
  const entry = Object.hasOwn(catalogue, finding.code) ? catalogue[finding.code] : undefined;
  const args = finding.args;
  if (entry === undefined || !args) return finding.message;
  return fillTemplate(entry, args) ?? finding.message;
}

/**
 * The English message of a finding the analyzer has just made; every check passes the args its
 * entry needs, so a missing one is a bug in the check, not in the scheme.
 * @example englishFindingMessage('unused_param', { param: 'bonus' }) // 'Parameter "bonus" is not used by any rule.'
 */
export function englishFindingMessage(code: FindingCode, args: FindingArgs): string {
  const message = fillTemplate(findingsEn[code], args);
  if (message === undefined) throw new Error(`Finding ${code} was made without an arg its message needs: ${JSON.stringify(args)}`);
  return message;
}
