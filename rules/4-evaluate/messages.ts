/**
 * @module 4-evaluate/messages
 * The texts evaluation writes into results (indicator explanations, adjustment notes,
 * distribution reasons, result notes, population value explanations), one entry per stable
 * code. The engine never words these texts inline: it builds a `Message` (code + args) with
 * `say()` and stores its English wording (`englishText`) next to it, so the CLI, stored results
 * and tests read the same English as before, and the studio can word the same message in
 * Chinese from the args (`studio/src/i18n/explanations.ts`, typed by `MessageCode`).
 *
 * Args hold what a person would check: keys, positions, scores, the values used. Numbers stay
 * numbers and are shown with `formatNumber`; values echoed as the user entered them (a bad
 * input cell) are strings. A list of nested messages (the problems blocking a score, the rater
 * groups of an averaged rating) is an array arg, worded by each language.
 */
import type { TraceMessageCode } from '../logic/messages.ts';
import type { Message, MessageArgs } from './result.ts';

/** Numbers as people read them in a trace: at most 4 decimals, no float noise. */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toFixed(4))) : String(n);
}

type List = readonly Message[];

/** The args of every code. Optional args are left out (not set to undefined) when absent. */
export interface MessageArgsByCode {
  // ── indicator explanations ───────────────────────────────────────────────
  /**
   * values: "inputs.x = 2, params.y = 3"; steps: the deciding trace steps, each a `trace_step`
   * (worded "; "-joined). Results stored before steps were messages have one "; "-joined string.
   */
  score: { score: number; values?: string; steps?: List | string };
  /**
   * One deciding trace step of a score: its English text, and when the step has words its trace
   * code (`step`, rules/logic/messages.ts) with that code's args spread beside it (an arg cannot
   * hold an object), so the studio can word the step and fall back to `text` step by step.
   */
  trace_step: { text: string; step?: TraceMessageCode; [arg: string]: string | number | undefined };
  not_assessed: { position: string };
  /** The rule cannot run at all (compile error, dependency cycle); reason as the compiler words it. */
  rule_invalid: { reason: string };
  /** The rule stopped with an engine error (e.g. a limit); reason as the engine words it. */
  rule_error: { reason: string };
  rule_failed: { reason: string };
  division_by_zero: Record<string, never>;
  division_by_zero_no_fallback: Record<string, never>;
  not_usable_number: { value: string };
  /** value: the result as JSON; left out when the rule gave nothing. */
  not_a_number: { value?: string };
  param_blank: { param: string };
  dependency_unscored: { indicator: string; because: List };
  population_missing: { key: string };
  /** Several problems block a score. */
  problems: { problems: List };
  // ── input problems ───────────────────────────────────────────────────────
  input_missing: { input: string };
  input_not_number: { input: string; value: string };
  input_not_integer: { input: string; value: string };
  input_below_minimum: { input: string; value: string; minimum: string };
  input_above_maximum: { input: string; value: string; maximum: string };
  input_not_on_scale: { input: string; value: string; points: string };
  input_not_boolean: { input: string; value: string };
  input_not_option: { input: string; value: string; options: string };
  input_not_text: { input: string };
  ratings_need_groups: { input: string; groups: string };
  ratings_unknown_group: { input: string; group: string };
  ratings_too_few: { input: string; group: string; count: number; minimum: number };
  ratings_too_few_no_peer_mean: { input: string; group: string; count: number; minimum: number };
  ratings_no_group: { input: string; short?: List };
  rater_group_short: { group: string; count: number; minimum: number };
  // ── result notes ─────────────────────────────────────────────────────────
  input_default: { input: string; value: string };
  /** parts: rater_mean / rater_peer_mean; short: rater_group_short of the groups left out. */
  input_aggregated: { input: string; parts: List; value: number; short?: List };
  /** share: the group's weight in percent after renormalising. */
  rater_mean: { group: string; mean: number; count: number; share: number };
  rater_peer_mean: { group: string; mean: number; share: number };
  no_derived_score: { derived: string; dimensions: string; position: string };
  no_total: { count: number; indicators: List };
  unscored_indicator: { indicator: string; status: string };
  no_grade_rule_invalid: { reason: string };
  no_grade_rule_failed: { reason: string };
  no_grade_not_declared: { value: string };
  no_grade_no_band: { total: number };
  // ── adjustments ──────────────────────────────────────────────────────────
  condition_not_met: Record<string, never>;
  not_applied: { reason: string };
  points_not_a_number: { value: string };
  /** kind: bonus or deduction; uncapped and cap only when the cap cut the points. */
  points: { adjustment: string; kind: string; points: number; uncapped?: number; cap?: number };
  no_grade_to_move: Record<string, never>;
  grade_fixed_by_veto: Record<string, never>;
  /** kind: veto, set-grade or grade-bump; from left out when there was no grade. */
  grade_changed: { adjustment: string; kind: string; from?: string; to: string };
  // ── forced distribution ──────────────────────────────────────────────────
  within_quota: Record<string, never>;
  exact_share: { rank: number; size: number; grade: string; count: number; percent: number; bandGrade?: string };
  over_limit: { grade: string; percent: number; size: number; limit: number; rank: number; among: number; to: string };
  group_over_limit: { grades: string; percent: number; size: number; limit: number; from: string; to: string };
  below_minimum: { grade: string; percent: number; size: number; need: number; rank: number; from: string };
  vetoed_outside_distribution: { count: number };
  not_forced: { size: number; minimum: number };
  lowest_grade_over_limit: { grade: string };
  // ── population values ────────────────────────────────────────────────────
  population_too_few: { count: number; scope: string; group: string; minimum: number };
  population_rank: { kind: string; source: string; count: number; scope: string; group: string };
  /** percentile for kind percentile; share (in percent) and order for top-share-min; value left out when none. */
  population_statistic: { kind: string; source: string; count: number; scope: string; group: string; value?: number; percentile?: number; share?: number; order?: string };
}

/** Every code a result text can carry. */
export type MessageCode = keyof MessageArgsByCode;

const n = formatNumber;
const and = (list: List | undefined, joiner: string) => (list ?? []).map(englishText).join(joiner);
const sign = (kind: string) => (kind === 'bonus' ? '+' : '−');

/** The English wording of every code: exactly the texts results carried before codes existed. */
export const ENGLISH: { [C in MessageCode]: (args: MessageArgsByCode[C]) => string } = {
  score: (a) => {
    const steps = typeof a.steps === 'string' ? a.steps : and(a.steps, '; ');
    return `${n(a.score)} points${a.values ? ` from ${a.values}` : ''}${steps ? ` (${steps})` : ''}`;
  },
  trace_step: (a) => a.text,
  not_assessed: (a) => `not assessed for position "${a.position}"`,
  rule_invalid: (a) => a.reason,
  rule_error: (a) => a.reason,
  rule_failed: (a) => `the rule failed: ${a.reason}`,
  division_by_zero: () => 'the rule divides by zero for these inputs (e.g. a target of 0); use div with a fallback to say what should happen',
  division_by_zero_no_fallback: () => 'the rule divides by zero for these inputs and its div has no fallback value',
  not_usable_number: (a) => `the rule gave ${a.value}, not a usable number`,
  not_a_number: (a) => `the rule gave ${a.value ?? 'nothing'}, not a number`,
  param_blank: (a) => `parameter "${a.param}" has no value yet`,
  dependency_unscored: (a) => `indicator "${a.indicator}" has no score (${and(a.because, '; ')})`,
  population_missing: (a) => `population value "${a.key}" is not available (needs the whole population, or too few peers)`,
  problems: (a) => and(a.problems, '; '),

  input_missing: (a) => `input "${a.input}" is missing`,
  input_not_number: (a) => `input "${a.input}" must be a number, got ${a.value}`,
  input_not_integer: (a) => `input "${a.input}" must be a whole number, got ${a.value}`,
  input_below_minimum: (a) => `input "${a.input}" is ${a.value}, below the minimum ${a.minimum}`,
  input_above_maximum: (a) => `input "${a.input}" is ${a.value}, above the maximum ${a.maximum}`,
  input_not_on_scale: (a) => `input "${a.input}" is ${a.value}, not a point of its scale (${a.points})`,
  input_not_boolean: (a) => `input "${a.input}" must be true or false, got ${a.value}`,
  input_not_option: (a) => `input "${a.input}" must be one of ${a.options}, got ${a.value}`,
  input_not_text: (a) => `input "${a.input}" must be text`,
  ratings_need_groups: (a) => `input "${a.input}" needs ratings per rater group (${a.groups})`,
  ratings_unknown_group: (a) => `input "${a.input}" has ratings from an unknown rater group "${a.group}"`,
  ratings_too_few: (a) => `input "${a.input}": ${a.group} has ${a.count} rating(s), needs ${a.minimum}`,
  ratings_too_few_no_peer_mean: (a) => `input "${a.input}": ${a.group} has ${a.count} rating(s), needs ${a.minimum} and no peer mean is available`,
  ratings_no_group: (a) => `input "${a.input}" has no rater group with enough ratings${a.short?.length ? ` (${and(a.short, '; ')})` : ''}`,
  rater_group_short: (a) => `${a.group} has ${a.count} rating(s), needs ${a.minimum}`,

  input_default: (a) => `${a.input}: not given; default ${a.value} used`,
  input_aggregated: (a) => `${a.input}: ${and(a.parts, ' + ')} = ${n(a.value)}${a.short?.length ? `; left out: ${and(a.short, '; ')}, weights renormalised` : ''}`,
  rater_mean: (a) => `${a.group} ${n(a.mean)} (${a.count} rating${a.count === 1 ? '' : 's'}) × ${n(a.share)}%`,
  rater_peer_mean: (a) => `${a.group} ${n(a.mean)} (peer mean) × ${n(a.share)}%`,
  no_derived_score: (a) => `No ${a.derived} score: dimension(s) ${a.dimensions.split(', ').map((d) => `"${d}"`).join(', ')} have no weighted indicator for position "${a.position}".`,
  no_total: (a) => `No total: ${a.count} indicator(s) without a score: ${and(a.indicators, ', ')}.`,
  unscored_indicator: (a) => `${a.indicator} (${a.status})`,
  no_grade_rule_invalid: (a) => `No grade: ${a.reason}`,
  no_grade_rule_failed: (a) => `No grade: the grading rule failed: ${a.reason}`,
  no_grade_not_declared: (a) => `No grade: the grading rule gave ${a.value}, which is not a declared grade`,
  no_grade_no_band: (a) => `No grade: no band contains the total ${n(a.total)}`,

  condition_not_met: () => 'condition not met',
  not_applied: (a) => `not applied: ${a.reason}`,
  points_not_a_number: (a) => `not applied: points rule gave ${a.value}, not a number`,
  points: (a) => `${a.adjustment}: ${sign(a.kind)}${n(a.points)}${a.uncapped !== undefined ? ` (${n(a.uncapped)} capped at ${n(a.cap!)})` : ''}`,
  no_grade_to_move: () => 'not applied: there is no grade to move',
  grade_fixed_by_veto: () => 'not applied: the grade is fixed by a veto',
  grade_changed: (a) => `${a.adjustment}: grade ${a.from ?? '(none)'} → ${a.to}${a.kind === 'veto' ? ' (veto)' : ''}`,

  within_quota: () => 'within quota',
  exact_share: (a) => `ranked ${a.rank} of ${a.size}: exact distribution gives ${a.grade} to ${a.count} people (${n(a.percent)}%)${a.bandGrade !== undefined ? `; band grade was ${a.bandGrade}` : ''}`,
  over_limit: (a) => `${a.grade} is limited to ${n(a.percent)}% of ${a.size} = ${a.limit}; ranked ${a.rank} among ${a.among} with ${a.grade}, moved to ${a.to}`,
  group_over_limit: (a) => `${a.grades} is limited to ${n(a.percent)}% of ${a.size} = ${a.limit}; moved from ${a.from} to ${a.to}`,
  below_minimum: (a) => `${a.grade} needs at least ${n(a.percent)}% of ${a.size} = ${a.need}; ranked ${a.rank} of ${a.size}, moved from ${a.from}`,
  vetoed_outside_distribution: (a) => `${a.count} employee(s) with a veto grade are outside the distribution.`,
  not_forced: (a) => `Not forced: ${a.size} people, fewer than the minimum of ${a.minimum}.`,
  lowest_grade_over_limit: (a) => `${a.grade} is over its limit but is the lowest grade; nobody can move down.`,

  population_too_few: (a) => `${a.count} peer(s) with a value in ${a.scope} "${a.group}", fewer than the ${a.minimum} needed`,
  population_rank: (a) => `${a.kind} of ${a.source} among ${a.count} peer(s) in ${a.scope} "${a.group}"`,
  population_statistic: (a) => {
    const what =
      a.kind === 'top-share-min'
        ? `the ${(a.order ?? 'higher-better') === 'higher-better' ? 'lowest' : 'highest'} ${a.source} among the top ${n(a.share ?? 10)}%`
        : a.kind === 'percentile'
          ? `percentile ${a.percentile ?? 50} of ${a.source}`
          : `${a.kind} of ${a.source}`;
    return `${what} over ${a.count} peer(s) in ${a.scope} "${a.group}" = ${a.value === undefined ? 'none' : n(a.value)}`;
  },
};

/**
 * A message with its args (no English is built: `englishText` does that when needed).
 * @example say('param_blank', { param: 'target' }) // { code: 'param_blank', args: { param: 'target' } }
 */
export function say<C extends MessageCode>(code: C, args: MessageArgsByCode[C]): Message {
  return { code, args: args as unknown as MessageArgs };
}

const FIXED = new Map<MessageCode, Message>();

/**
 * The shared, frozen message of a code without args: bulk runs write it for thousands of
 * employees, so it is allocated once.
 * @example fixed('condition_not_met') === fixed('condition_not_met') // true
 */
export function fixed(code: { [C in MessageCode]: MessageArgsByCode[C] extends Record<string, never> ? C : never }[MessageCode]): Message {
  let message = FIXED.get(code);
  if (!message) FIXED.set(code, (message = shared({ code, args: {} })));
  return message;
}

/**
 * The English wording of a message, as stored in results next to it.
 * @example englishText(say('not_assessed', { position: 'driver' })) // 'not assessed for position "driver"'
 */
export function englishText(message: Message): string {
  // Shared messages are frozen: word each once, so thousands of results share one string.
  if (!Object.isFrozen(message)) return word(message);
  let text = SHARED_TEXT.get(message);
  if (text === undefined) SHARED_TEXT.set(message, (text = word(message)));
  return text;
}

const SHARED_TEXT = new WeakMap<Message, string>();
const word = (message: Message) => (ENGLISH[message.code] as (args: MessageArgs) => string)(message.args);

/**
 * A message frozen for sharing between results (e.g. one per weight row or input default);
 * `englishText` words it once.
 * @example const notAssessed = shared(say('not_assessed', { position: 'driver' }));
 */
export function shared(message: Message): Message {
  Object.freeze(message.args);
  return Object.freeze(message);
}
