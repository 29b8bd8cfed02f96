/**
 * @module i18n/explanations
 * Result texts in the studio's languages. The rules engine words every text it writes into a
 * result in English (an indicator's `explanation`, an adjustment's `note`, a distribution
 * `reason`, result and distribution `notes`, a population value's `explanation`) and stores a
 * message next to it: a code and the values the text was worded from (`rules/4-evaluate/messages.ts`).
 * Here each code has one entry per language, so a Chinese HR user reads Chinese explanations.
 * Both catalogues are typed by the engine's `MessageCode`: a code missing from either is a type
 * error.
 *
 * An entry is a template with `{name}` placeholders, or a function of the args that returns one.
 * Numbers are written as the engine writes them (`formatNumber`: at most 4 decimals, no float
 * noise), so the English catalogue gives back the engine's text exactly. A list arg (nested
 * messages, e.g. the problems that block a score) is worded message by message and joined with
 * the language's list separator; a function entry may join it differently. A result stored
 * before messages existed, a code not in the catalogue or a missing arg: the stored text is shown.
 * The deciding steps of a score are nested `trace_step` messages, worded by `trace.ts` one by
 * one: a step it cannot word shows its own English text, not the whole explanation's.
 *
 * @example
 * explain({ code: 'param_blank', args: { param: 'target' } }, 'parameter "target" has no value yet', 'zh-CN')
 * // '参数“target”尚未填写'
 */
import { formatNumber, type MessageCode } from '../../../rules/4-evaluate/messages.ts';
import type { Locale } from './i18n.svelte.ts';
import { wordTraceMessage } from './trace.ts';

/** Args as a template sees them: nested messages already worded, one string each. */
export type ExplanationArgs = Readonly<Record<string, string | number | readonly string[]>>;

/** A message template, or a function of the args choosing one. */
export type ExplanationTemplate = string | ((args: ExplanationArgs) => string);

/** A message as stored in a result: code and args as the engine wrote them, or anything older. */
export interface StoredMessage {
  code: string;
  args?: Readonly<Record<string, unknown>>;
}

/** Thrown while wording a message that cannot be worded: the stored text is shown instead. */
class CannotWord extends Error {}

const has = (a: ExplanationArgs, name: string) => Object.hasOwn(a, name) && a[name] !== null && a[name] !== undefined;
// A worded nested message a function entry splices into its template must not be read as
// placeholders: its braces are kept aside until the template is filled.
const BRACE = '\uE000';
/** A list arg (nested messages, worded), for a function entry to join its own way. */
const items = (value: ExplanationArgs[string]): readonly string[] => {
  if (!Array.isArray(value)) throw new CannotWord('not a list');
  return (value as readonly string[]).map((s) => s.replaceAll('{', BRACE));
};
/** A value as the engine writes it. */
const text = (value: ExplanationArgs[string]) => (typeof value === 'number' ? formatNumber(value) : String(value));

/**
 * A nested `trace_step` (a deciding step of a score): the step code and its args spread beside
 * the English text, worded by the trace catalogue; the text when there is no code or it cannot
 * be worded. Its braces are kept aside like those of any nested text.
 */
const traceStep =
  (locale: Locale) =>
  (a: ExplanationArgs): string => {
    const { text: english, step, ...args } = { ...a };
    const worded = typeof step === 'string' ? wordTraceMessage({ code: step, args }, locale) : undefined;
    if (worded === undefined && typeof english !== 'string') throw new CannotWord('text');
    return (worded ?? String(english)).replaceAll('{', BRACE);
  };

// ── English ─────────────────────────────────────────────────────────────────
export const explanationsEn: Record<MessageCode, ExplanationTemplate> = {
  score: (a) => `{score} points${has(a, 'values') ? ' from {values}' : ''}${has(a, 'steps') ? ' ({steps})' : ''}`,
  trace_step: traceStep('en'),
  not_assessed: 'not assessed for position "{position}"',
  rule_invalid: '{reason}',
  rule_error: '{reason}',
  rule_failed: 'the rule failed: {reason}',
  division_by_zero: 'the rule divides by zero for these inputs (e.g. a target of 0); use div with a fallback to say what should happen',
  division_by_zero_no_fallback: 'the rule divides by zero for these inputs and its div has no fallback value',
  not_usable_number: 'the rule gave {value}, not a usable number',
  not_a_number: (a) => (has(a, 'value') ? 'the rule gave {value}, not a number' : 'the rule gave nothing, not a number'),
  param_blank: 'parameter "{param}" has no value yet',
  dependency_unscored: 'indicator "{indicator}" has no score ({because})',
  population_missing: 'population value "{key}" is not available (needs the whole population, or too few peers)',
  problems: '{problems}',

  input_missing: 'input "{input}" is missing',
  input_not_number: 'input "{input}" must be a number, got {value}',
  input_not_integer: 'input "{input}" must be a whole number, got {value}',
  input_below_minimum: 'input "{input}" is {value}, below the minimum {minimum}',
  input_above_maximum: 'input "{input}" is {value}, above the maximum {maximum}',
  input_not_on_scale: 'input "{input}" is {value}, not a point of its scale ({points})',
  input_not_boolean: 'input "{input}" must be true or false, got {value}',
  input_not_option: 'input "{input}" must be one of {options}, got {value}',
  input_not_text: 'input "{input}" must be text',
  ratings_need_groups: 'input "{input}" needs ratings per rater group ({groups})',
  ratings_unknown_group: 'input "{input}" has ratings from an unknown rater group "{group}"',
  ratings_too_few: 'input "{input}": {group} has {count} rating(s), needs {minimum}',
  ratings_too_few_no_peer_mean: 'input "{input}": {group} has {count} rating(s), needs {minimum} and no peer mean is available',
  ratings_no_group: (a) => `input "{input}" has no rater group with enough ratings${has(a, 'short') && items(a.short).length ? ' ({short})' : ''}`,
  rater_group_short: '{group} has {count} rating(s), needs {minimum}',

  input_default: '{input}: not given; default {value} used',
  input_aggregated: (a) => `{input}: ${items(a.parts).join(' + ')} = {value}${has(a, 'short') && items(a.short).length ? '; left out: {short}, weights renormalised' : ''}`,
  rater_mean: (a) => `{group} {mean} ({count} rating${a.count === 1 ? '' : 's'}) × {share}%`,
  rater_peer_mean: '{group} {mean} (peer mean) × {share}%',
  no_derived_score: (a) => `No {derived} score: dimension(s) ${String(a.dimensions).split(', ').map((d) => `"${d}"`).join(', ')} have no weighted indicator for position "{position}".`,
  no_total: (a) => `No total: {count} indicator(s) without a score: ${items(a.indicators).join(', ')}.`,
  unscored_indicator: '{indicator} ({status})',
  no_grade_rule_invalid: 'No grade: {reason}',
  no_grade_rule_failed: 'No grade: the grading rule failed: {reason}',
  no_grade_not_declared: 'No grade: the grading rule gave {value}, which is not a declared grade',
  no_grade_no_band: 'No grade: no band contains the total {total}',

  condition_not_met: 'condition not met',
  not_applied: 'not applied: {reason}',
  points_not_a_number: 'not applied: points rule gave {value}, not a number',
  points: (a) => `{adjustment}: ${a.kind === 'bonus' ? '+' : '−'}{points}${has(a, 'uncapped') ? ' ({uncapped} capped at {cap})' : ''}`,
  no_grade_to_move: 'not applied: there is no grade to move',
  grade_fixed_by_veto: 'not applied: the grade is fixed by a veto',
  grade_changed: (a) => `{adjustment}: grade ${has(a, 'from') ? '{from}' : '(none)'} → {to}${a.kind === 'veto' ? ' (veto)' : ''}`,

  within_quota: 'within quota',
  exact_share: (a) => `ranked {rank} of {size}: exact distribution gives {grade} to {count} people ({percent}%)${has(a, 'bandGrade') ? '; band grade was {bandGrade}' : ''}`,
  over_limit: '{grade} is limited to {percent}% of {size} = {limit}; ranked {rank} among {among} with {grade}, moved to {to}',
  group_over_limit: '{grades} is limited to {percent}% of {size} = {limit}; moved from {from} to {to}',
  below_minimum: '{grade} needs at least {percent}% of {size} = {need}; ranked {rank} of {size}, moved from {from}',
  vetoed_outside_distribution: '{count} employee(s) with a veto grade are outside the distribution.',
  not_forced: 'Not forced: {size} people, fewer than the minimum of {minimum}.',
  lowest_grade_over_limit: '{grade} is over its limit but is the lowest grade; nobody can move down.',

  population_too_few: '{count} peer(s) with a value in {scope} "{group}", fewer than the {minimum} needed',
  population_rank: '{kind} of {source} among {count} peer(s) in {scope} "{group}"',
  population_statistic: (a) => {
    const what =
      a.kind === 'top-share-min'
        ? `the ${(has(a, 'order') ? a.order : 'higher-better') === 'higher-better' ? 'lowest' : 'highest'} {source} among the top {share}%`
        : a.kind === 'percentile'
          ? 'percentile {percentile} of {source}'
          : '{kind} of {source}';
    return `${what} over {count} peer(s) in {scope} "{group}" = ${has(a, 'value') ? '{value}' : 'none'}`;
  },
};

// ── 简体中文 ────────────────────────────────────────────────────────────────
/** Indicator statuses, as the studio's status badges name them (`status.*` in zh-CN.ts). */
const ZH_STATUS: Record<string, string> = {
  ok: '正常',
  'missing-input': '缺少输入',
  'missing-param': '缺少参数',
  'missing-population': '缺少群体数据',
  'out-of-range': '超出范围',
  'division-by-zero': '除数为零',
  'invalid-result': '结果无效',
  error: '规则错误',
  'not-applicable': '不适用',
};
const ZH_SCOPE: Record<string, string> = { department: '部门', team: '团队', group: '小组', position: '岗位', level: '职级' };
const ZH_KIND: Record<string, string> = {
  rank: '排名',
  'rank-linear': '排名折算分',
  'percentile-rank': '百分位排名',
  mean: '平均值',
  median: '中位数',
  min: '最小值',
  max: '最大值',
  count: '人数',
};
const zhOf = (map: Record<string, string>, value: ExplanationArgs[string]) => map[String(value)] ?? String(value);
/** '部门“D01”' / '全体人员' (scope all has the one group all). */
const zhScope = (a: ExplanationArgs) => (a.scope === 'all' ? '全体人员' : `${zhOf(ZH_SCOPE, a.scope)}“{group}”`);
const zhSign = (a: ExplanationArgs) => (a.kind === 'bonus' ? '+' : '−');

export const explanationsZhCN: Record<MessageCode, ExplanationTemplate> = {
  score: (a) => `{score} 分${has(a, 'values') ? '，依据 {values}' : ''}${has(a, 'steps') ? '（{steps}）' : ''}`,
  trace_step: traceStep('zh-CN'),
  not_assessed: (a) => (a.position === 'default' ? '该岗位不考核此项' : '岗位“{position}”不考核此项'),
  rule_invalid: '计分规则无法执行：{reason}',
  rule_error: '计分规则执行出错：{reason}',
  rule_failed: '计分规则执行失败：{reason}',
  division_by_zero: '按这些输入，计分规则出现除以零（例如目标值为 0）；请用带兜底值的 div 说明此时如何计分',
  division_by_zero_no_fallback: '按这些输入，计分规则出现除以零，且其 div 没有设置兜底值',
  not_usable_number: '计分规则得出 {value}，不是可用的数值',
  not_a_number: (a) => (has(a, 'value') ? '计分规则得出 {value}，不是数值' : '计分规则没有得出结果'),
  param_blank: '参数“{param}”尚未填写',
  dependency_unscored: '指标“{indicator}”没有得分（{because}）',
  population_missing: '群体统计值“{key}”暂不可用（需与全体人员一起计算，或同组人数不足）',
  problems: '{problems}',

  input_missing: '缺少输入项“{input}”',
  input_not_number: '输入项“{input}”应为数字，实际为 {value}',
  input_not_integer: '输入项“{input}”应为整数，实际为 {value}',
  input_below_minimum: '输入项“{input}”为 {value}，低于最小值 {minimum}',
  input_above_maximum: '输入项“{input}”为 {value}，高于最大值 {maximum}',
  input_not_on_scale: '输入项“{input}”为 {value}，不是评分刻度上的值（{points}）',
  input_not_boolean: '输入项“{input}”应为“是”或“否”，实际为 {value}',
  input_not_option: '输入项“{input}”应为 {options} 之一，实际为 {value}',
  input_not_text: '输入项“{input}”应为文本',
  ratings_need_groups: '输入项“{input}”需按评价人分组（{groups}）填写评分',
  ratings_unknown_group: '输入项“{input}”含有未知评价人分组“{group}”的评分',
  ratings_too_few: '输入项“{input}”：{group} 只有 {count} 个评分，至少需要 {minimum} 个',
  ratings_too_few_no_peer_mean: '输入项“{input}”：{group} 只有 {count} 个评分，至少需要 {minimum} 个，且没有可用的同组平均分',
  ratings_no_group: (a) => `输入项“{input}”没有评分数量足够的评价人分组${has(a, 'short') && items(a.short).length ? '（{short}）' : ''}`,
  rater_group_short: '{group} 只有 {count} 个评分，至少需要 {minimum} 个',

  input_default: '{input}：未填写，按默认值 {value} 计算',
  input_aggregated: (a) => `{input}：${items(a.parts).join(' + ')} = {value}${has(a, 'short') && items(a.short).length ? '；未计入：{short}，其余权重按比例折算' : ''}`,
  rater_mean: '{group} {mean}（{count} 个评分）× {share}%',
  rater_peer_mean: '{group} {mean}（同组平均分）× {share}%',
  no_derived_score: (a) => `无法计算“{derived}”得分：维度${String(a.dimensions).split(', ').map((d) => `“${d}”`).join('、')}在岗位“{position}”下没有计权的指标。`,
  no_total: (a) => `无法计算总分：{count} 个指标没有得分：${items(a.indicators).join('、')}。`,
  unscored_indicator: (a) => `{indicator}（${zhOf(ZH_STATUS, a.status)}）`,
  no_grade_rule_invalid: '无法评定等级：{reason}',
  no_grade_rule_failed: '无法评定等级：定级规则执行失败：{reason}',
  no_grade_not_declared: '无法评定等级：定级规则得出 {value}，不是已定义的等级',
  no_grade_no_band: '无法评定等级：没有等级区间包含总分 {total}',

  condition_not_met: '条件不满足',
  not_applied: '未执行：{reason}',
  points_not_a_number: '未执行：加减分规则得出 {value}，不是数值',
  points: (a) => `{adjustment}：${zhSign(a)}{points} 分${has(a, 'uncapped') ? '（计算为 {uncapped} 分，上限 {cap} 分）' : ''}`,
  no_grade_to_move: '未执行：没有可调整的等级',
  grade_fixed_by_veto: '未执行：等级已由一票否决确定',
  grade_changed: (a) => `{adjustment}：等级 ${has(a, 'from') ? '{from}' : '（无）'} → {to}${a.kind === 'veto' ? '（一票否决）' : ''}`,

  within_quota: '在名额之内',
  exact_share: (a) => `排名第 {rank}（共 {size} 人）：按精确比例，{grade} 共 {count} 人（{percent}%）${has(a, 'bandGrade') ? '；按总分区间原为 {bandGrade}' : ''}`,
  over_limit: '{grade} 最多占 {size} 人的 {percent}% = {limit} 人；在 {among} 名 {grade} 中排名第 {rank}，调整为 {to}',
  group_over_limit: '{grades} 合计最多占 {size} 人的 {percent}% = {limit} 人；由 {from} 调整为 {to}',
  below_minimum: '{grade} 至少占 {size} 人的 {percent}% = {need} 人；排名第 {rank}（共 {size} 人），由 {from} 调整为 {grade}',
  vetoed_outside_distribution: '{count} 名员工的等级由一票否决确定，不参与强制分布。',
  not_forced: '未强制分布：只有 {size} 人，少于最低人数 {minimum}。',
  lowest_grade_over_limit: '{grade} 超出名额上限，但已是最低等级，无法再下调。',

  population_too_few: (a) => `${zhScope(a)}中有数值的只有 {count} 人，少于所需的 {minimum} 人`,
  population_rank: (a) => `{source} 在${zhScope(a)} {count} 人中的${zhOf(ZH_KIND, a.kind)}`,
  population_statistic: (a) => {
    const what =
      a.kind === 'top-share-min'
        ? `前 {share}% 人员中 {source} 的${(has(a, 'order') ? a.order : 'higher-better') === 'higher-better' ? '最低值' : '最高值'}`
        : a.kind === 'percentile'
          ? '{source} 的第 {percentile} 百分位数'
          : `{source} 的${zhOf(ZH_KIND, a.kind)}`;
    return `${zhScope(a)} {count} 人中${what} = ${has(a, 'value') ? '{value}' : '无'}`;
  },
};

/** Each language's entries and the separator of a worded list of messages. */
export const EXPLANATIONS: Record<Locale, { messages: Record<MessageCode, ExplanationTemplate>; listSeparator: string }> = {
  'zh-CN': { messages: explanationsZhCN, listSeparator: '；' },
  en: { messages: explanationsEn, listSeparator: '; ' },
};

/** Word one message; throws CannotWord when the code or an arg is unusable. */
function word(message: unknown, locale: Locale): string {
  if (!message || typeof message !== 'object') throw new CannotWord('no message');
  const { code, args } = message as StoredMessage;
  const { messages, listSeparator } = EXPLANATIONS[locale];
  const entry = typeof code === 'string' && Object.hasOwn(messages, code) ? messages[code as MessageCode] : undefined;
  if (entry === undefined || !args || typeof args !== 'object') throw new CannotWord(String(code));
  const worded: Record<string, string | number | readonly string[]> = {};
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'string' || typeof value === 'number') worded[name] = value;
    else if (Array.isArray(value)) worded[name] = value.map((m) => word(m, locale));
  }
  // Reading an arg the message lacks throws: an optional one is tested with has() first.
  const strict = new Proxy(worded, {
    get(target, name) {
      if (typeof name === 'string' && !has(target, name)) throw new CannotWord(name);
      return target[name as string];
    },
  });
  const template = typeof entry === 'function' ? entry(strict) : entry;
  return template
    .replace(/\{(\w+)\}/g, (_whole, name: string) => {
      const value = strict[name];
      return Array.isArray(value) ? value.join(listSeparator) : text(value as string | number);
    })
    .replaceAll(BRACE, '{');
}

/**
 * A result text in a language: the stored message worded from the catalogue, or the stored
 * (English) text when there is no message (older results), its code is unknown or an arg is
 * missing.
 * @example explain(indicator.explanationMessage, indicator.explanation, i18n.locale) // in a component: re-renders when the language changes
 */
export function explain(message: StoredMessage | null | undefined, fallbackText: string, locale: Locale): string {
  if (!message) return fallbackText;
  try {
    return word(message, locale);
  } catch (err) {
    if (err instanceof CannotWord) return fallbackText;
    throw err;
  }
}

/**
 * Notes in a language: each note worded from the message at the same position, when the
 * messages are there and in step with the notes; the stored texts otherwise.
 * @example explainAll(result.notes, result.noteMessages, i18n.locale) // ['无法计算总分：…']
 */
export function explainAll(notes: readonly string[], messages: readonly StoredMessage[] | null | undefined, locale: Locale): string[] {
  if (!messages || messages.length !== notes.length) return [...notes];
  return notes.map((note, i) => explain(messages[i], note, locale));
}
