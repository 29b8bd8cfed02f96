/**
 * @module rules/logic/messages
 * The words of trace steps as codes and args. An operator's `explain` hook returns either a
 * plain string, for a step that is a formula and reads the same in every language
 * (`max(0, 80) = 80`, `2 × 5 = 10`, `inputs.x = 3`), or a {@link TraceMessage}: a stable code
 * naming the wording variant ("band.in_row", "interpolate.above_last") and the values it is
 * worded from. The tracer stores the message on the step beside its English `text`, which
 * {@link englishTraceText} words from this module's table, so the text stays exactly what it
 * was before codes existed and the studio can word the same step in Chinese
 * (`studio/src/i18n/trace.ts`, typed by {@link TraceMessageCode}).
 *
 * Args are strings and numbers only, so a step can be nested in a result message
 * (`rules/4-evaluate/messages.ts`, code `trace_step`). Values are already rendered as the trace
 * shows them (`show`: numbers without float noise, strings quoted, structures as short JSON),
 * which is language-neutral; counts and positions are numbers; a boolean outcome a language
 * words ("is true", "成立") is the string "true" or "false".
 */

/** A boolean outcome as an arg: worded by each language. */
export type Verdict = 'true' | 'false';

type None = Record<string, never>;

/** The args of every trace code. Names `text` and `step` are reserved (see rules/4-evaluate `trace_step`). */
export interface TraceArgsByCode {
  // ── data ────────────────────────────────────────────────────────────────
  /** `{"var":""}`: the whole data. */
  'var.all': { value: string };
  'var.default': { path: string; value: string };
  'missing.none': None;
  /** keys: the missing keys, ", "-joined. */
  'missing.some': { keys: string };
  'missing_some.enough': { need: string; keys: string };
  'missing_some.short': { need: string; keys: string; missing: string };
  // ── logic ───────────────────────────────────────────────────────────────
  'if.empty': None;
  /** branch: 1-based number of the condition that was true (and of its branch). */
  'if.branch': { branch: number };
  'if.only_value': None;
  'if.else': None;
  'if.none': None;
  /** index of count values was falsy and stopped `and`. */
  'and.stopped': { index: number; count: number; value: string };
  'and.last_falsy': { index: number; value: string };
  'and.all_truthy': { value: string };
  'or.stopped': { index: number; count: number; value: string };
  'or.last_truthy': { index: number; value: string };
  'or.none_truthy': { value: string };
  /** `!`: result is the negation, so the value was falsy when it is "true". */
  not: { value: string; result: Verdict };
  /** `!!`. */
  truthy: { value: string; result: Verdict };
  // ── comparison ──────────────────────────────────────────────────────────
  compare: { left: string; op: string; right: string; result: Verdict };
  /** `<`/`<=` with three arguments. */
  'compare.between': { left: string; op: string; middle: string; right: string; result: Verdict };
  // ── arithmetic ──────────────────────────────────────────────────────────
  remainder: { dividend: string; divisor: string; value: string };
  // ── arrays and strings ──────────────────────────────────────────────────
  /** `map` or `filter` of a non-array: []. */
  'array.not_array': { value: string };
  'map.items': { count: number; value: string };
  'filter.kept': { kept: number; count: number; value: string };
  'reduce.items': { count: number; value: string };
  'reduce.not_array': { value: string; initial: string };
  /** `all`/`none`/`some` of an empty array or a non-array. */
  'quantifier.empty': { value: string; result: Verdict };
  'quantifier.item_passes': { index: number; count: number; result: Verdict };
  'quantifier.item_fails': { index: number; count: number; result: Verdict };
  'quantifier.all_pass': { count: number; result: Verdict };
  'quantifier.none_pass': { count: number; result: Verdict };
  merge: { parts: number; count: number; value: string };
  'in.found': { needle: string; haystack: string };
  'in.not_found': { needle: string; haystack: string };
  /** parts: the joined values, ", "-joined. */
  cat: { parts: string; value: string };
  // ── domain ──────────────────────────────────────────────────────────────
  'div.fallback': { dividend: string; divisor: string; fallback: string };
  /** mode: "floor", "ceil", "exact", or whatever the rule wrote (then the result is null). */
  steps: { amount: string; size: string; mode: string; value: string };
  'band.not_number': { value: string; fallback: string };
  'band.no_rows': { fallback: string };
  'band.no_row': { value: string; fallback: string };
  /** interval: the matched row in the usual notation, e.g. "[80, 90)" or "(-∞, 60)". */
  'band.in_row': { value: string; interval: string; result: string };
  'lookup.found': { key: string; value: string };
  'lookup.missing': { key: string; fallback: string };
  'interpolate.unusable': { result: string };
  /** point: "[x,y]". */
  'interpolate.below_first': { value: string; point: string; result: string };
  'interpolate.above_last': { value: string; point: string; result: string };
  'interpolate.between': { value: string; from: string; to: string; result: string };
  // ── the tracer ──────────────────────────────────────────────────────────
  /** The closing marker when steps were cut off at the cap. */
  'trace.more': { count: number };
}

/** Every code a trace step can carry. */
export type TraceMessageCode = keyof TraceArgsByCode;

// Compile-time guard: a trace step's args are spread beside `text` and `step` when nested in a
// result message, so no code may use those names.
type ReservedArgs = { [C in TraceMessageCode]: Extract<keyof TraceArgsByCode[C], 'text' | 'step'> }[TraceMessageCode];
const NO_RESERVED_ARGS: [ReservedArgs] extends [never] ? true : false = true;
void NO_RESERVED_ARGS;

/** The words of one trace step: a code and the args it is worded from. */
export type TraceMessage = { [C in TraceMessageCode]: { readonly code: C; readonly args: Readonly<TraceArgsByCode[C]> } }[TraceMessageCode];

/**
 * A trace message (the English text is built by the tracer, and only for steps it keeps).
 * @example traceMessage('if.branch', { branch: 2 }) // { code: 'if.branch', args: { branch: 2 } }
 */
export function traceMessage<C extends TraceMessageCode>(code: C, args: TraceArgsByCode[C]): TraceMessage {
  return { code, args } as TraceMessage;
}

const NO_ARGS: None = Object.freeze({}) as None;
const FIXED = new Map<TraceMessageCode, TraceMessage>();

/**
 * The shared, frozen message of a code without args (allocated once, not per step).
 * @example fixedTraceMessage('if.else') === fixedTraceMessage('if.else') // true
 */
export function fixedTraceMessage(code: { [C in TraceMessageCode]: TraceArgsByCode[C] extends None ? C : never }[TraceMessageCode]): TraceMessage {
  let message = FIXED.get(code);
  if (message === undefined) FIXED.set(code, (message = Object.freeze(traceMessage(code, NO_ARGS))));
  return message;
}

/**
 * A boolean outcome as an arg; for the booleans operators return, the same as `String(result)`.
 * @example verdict(3 > 2) // 'true'
 */
export function verdict(result: unknown): Verdict {
  return result ? 'true' : 'false';
}

const was = (result: Verdict, yes: string, no: string) => (result === 'true' ? yes : no);

/** The English wording of every code: exactly the texts trace steps carried before codes existed. */
export const TRACE_ENGLISH: { readonly [C in TraceMessageCode]: (args: TraceArgsByCode[C]) => string } = {
  'var.all': (a) => `the data = ${a.value}`,
  'var.default': (a) => `${a.path} is missing → default ${a.value}`,
  'missing.none': () => 'nothing is missing',
  'missing.some': (a) => `missing: ${a.keys}`,
  'missing_some.enough': (a) => `at least ${a.need} of ${a.keys} are present`,
  'missing_some.short': (a) => `fewer than ${a.need} of ${a.keys} are present; missing: ${a.missing}`,

  'if.empty': () => 'no conditions: null',
  'if.branch': (a) => `condition ${a.branch} is true: took branch ${a.branch}`,
  'if.only_value': () => 'no conditions: took the only value',
  'if.else': () => 'no condition is true: took the else branch',
  'if.none': () => 'no condition is true and there is no else branch: null',
  'and.stopped': (a) => `value ${a.index} of ${a.count} is falsy → ${a.value}`,
  'and.last_falsy': (a) => `value ${a.index} is falsy → ${a.value}`,
  'and.all_truthy': (a) => `every value is truthy → ${a.value}`,
  'or.stopped': (a) => `value ${a.index} of ${a.count} is truthy → ${a.value}`,
  'or.last_truthy': (a) => `value ${a.index} is truthy → ${a.value}`,
  'or.none_truthy': (a) => `no value is truthy → ${a.value}`,
  not: (a) => `${a.value} is ${was(a.result, 'falsy', 'truthy')}, so "not" gives ${a.result}`,
  truthy: (a) => `${a.value} is ${was(a.result, 'truthy', 'falsy')}`,

  compare: (a) => `${a.left} ${a.op} ${a.right} is ${a.result}`,
  'compare.between': (a) => `${a.left} ${a.op} ${a.middle} ${a.op} ${a.right} is ${a.result}`,

  remainder: (a) => `remainder of ${a.dividend} ÷ ${a.divisor} = ${a.value}`,

  'array.not_array': (a) => `${a.value} is not an array → []`,
  'map.items': (a) => `mapped ${a.count} items → ${a.value}`,
  'filter.kept': (a) => `kept ${a.kept} of ${a.count} items → ${a.value}`,
  'reduce.items': (a) => `reduced ${a.count} items → ${a.value}`,
  'reduce.not_array': (a) => `${a.value} is not an array → the initial value ${a.initial}`,
  'quantifier.empty': (a) => `${a.value} is not a non-empty array → ${a.result}`,
  'quantifier.item_passes': (a) => `item ${a.index} of ${a.count} passes → ${a.result}`,
  'quantifier.item_fails': (a) => `item ${a.index} of ${a.count} fails → ${a.result}`,
  'quantifier.all_pass': (a) => `every item of ${a.count} passes → ${a.result}`,
  'quantifier.none_pass': (a) => `no item of ${a.count} passes → ${a.result}`,
  merge: (a) => `merged ${a.parts} values into ${a.count} items → ${a.value}`,
  'in.found': (a) => `${a.needle} is in ${a.haystack}`,
  'in.not_found': (a) => `${a.needle} is not in ${a.haystack}`,
  cat: (a) => `joined ${a.parts} → ${a.value}`,

  'div.fallback': (a) => `${a.dividend} ÷ ${a.divisor} has no finite result → fallback ${a.fallback}`,
  steps: (a) => `${a.amount} in steps of ${a.size} (${a.mode}) = ${a.value}`,
  'band.not_number': (a) => `${a.value} is not a number → fallback ${a.fallback}`,
  'band.no_rows': (a) => `the rows are not an array → fallback ${a.fallback}`,
  'band.no_row': (a) => `${a.value} is in no row → fallback ${a.fallback}`,
  'band.in_row': (a) => `${a.value} is in ${a.interval} → ${a.result}`,
  'lookup.found': (a) => `${a.key} in the table → ${a.value}`,
  'lookup.missing': (a) => `${a.key} is not in the table → fallback ${a.fallback}`,
  'interpolate.unusable': (a) => `interpolate needs a number and points with ascending x → ${a.result}`,
  'interpolate.below_first': (a) => `${a.value} is at or below the first point ${a.point} → ${a.result}`,
  'interpolate.above_last': (a) => `${a.value} is above the last point ${a.point} → ${a.result}`,
  'interpolate.between': (a) => `${a.value} lies between ${a.from} and ${a.to} → ${a.result}`,

  'trace.more': (a) => `… ${a.count} more steps`,
};

/**
 * The English text of a trace message, as the tracer stores it in `TraceStep.text`.
 * @example englishTraceText(traceMessage('lookup.missing', { key: '"A"', fallback: '0' })) // '"A" is not in the table → fallback 0'
 */
export function englishTraceText(message: TraceMessage): string {
  return (TRACE_ENGLISH[message.code] as (args: TraceMessage['args']) => string)(message.args);
}
