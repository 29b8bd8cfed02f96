/**
 * @module i18n/trace
 * Rule evaluation steps in the studio's languages: the steps list of a result's indicator and
 * the deciding steps quoted in a score explanation. The engine words every step in English
 * (`TraceStep.text`) and, for a step with words, keeps them as a code and args beside it
 * (`rules/logic/messages.ts`); a formula such as `max(0, 80) = 80` reads the same everywhere and
 * has no message, so its text is shown. Both catalogues are typed by the engine's
 * `TraceMessageCode`: a code missing from either is a type error. English is the engine's own
 * table, so it gives back `text` exactly.
 *
 * Args hold values as the trace shows them (numbers plain, strings in JSON quotes, structures as
 * short JSON); Chinese writes a single quoted string with Chinese quotes (“A”) and words the
 * verdicts ("true"/"false") of comparisons and truthiness. A step without a message, an unknown
 * code or a missing arg: the stored English text is shown.
 *
 * @example
 * traceStepText({ text: '130 is above the last point [120,100] → 100', message: { code: 'interpolate.above_last', args: { value: '130', point: '[120,100]', result: '100' } } }, 'zh-CN')
 * // '130 高于最后一个点 [120,100] → 100'
 */
import { TRACE_ENGLISH, type TraceArgsByCode, type TraceMessageCode, type Verdict } from '../../../rules/logic/messages.ts';
import type { Locale } from './i18n.svelte.ts';

/** How one language words every step code. */
export type TraceWording = { readonly [C in TraceMessageCode]: (args: TraceArgsByCode[C]) => string };

/** A step's words as stored or sent by the API: code and args as the engine wrote them, or anything else. */
export interface StoredTraceMessage {
  readonly code: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

/** A trace step as the studio receives it (only the parts worded here). */
export interface StoredTraceStep {
  readonly text: string;
  readonly message?: StoredTraceMessage | null;
}

// ── 简体中文 ────────────────────────────────────────────────────────────────
/** A value as shown by the engine, with a lone JSON string in Chinese quotes: "A" → “A”. */
const zh = (shown: string) => shown.replace(/^"((?:[^"\\]|\\.)*)"$/s, '“$1”');
const holds = (result: Verdict) => (result === 'true' ? '成立' : '不成立');
const ZH_STEP_MODE: Readonly<Record<string, string>> = { floor: '舍去', ceil: '进一', exact: '精确' };

export const traceZhCN: TraceWording = {
  'var.all': (a) => `全部数据 = ${zh(a.value)}`,
  'var.default': (a) => `${a.path} 未填写 → 取默认值 ${zh(a.value)}`,
  'missing.none': () => '没有缺失项',
  'missing.some': (a) => `缺失：${a.keys}`,
  'missing_some.enough': (a) => `${a.keys} 中至少有 ${a.need} 项已填写`,
  'missing_some.short': (a) => `${a.keys} 中已填写的不足 ${a.need} 项；缺失：${a.missing}`,

  'if.empty': () => '没有条件：结果为 null',
  'if.branch': (a) => `条件 ${a.branch} 成立：取第 ${a.branch} 个分支`,
  'if.only_value': () => '没有条件：取唯一的值',
  'if.else': () => '所有条件都不成立：取“否则”分支',
  'if.none': () => '所有条件都不成立，且没有“否则”分支：结果为 null',
  'and.stopped': (a) => `第 ${a.index} 个值（共 ${a.count} 个）为假 → ${zh(a.value)}`,
  'and.last_falsy': (a) => `第 ${a.index} 个值为假 → ${zh(a.value)}`,
  'and.all_truthy': (a) => `所有值都为真 → ${zh(a.value)}`,
  'or.stopped': (a) => `第 ${a.index} 个值（共 ${a.count} 个）为真 → ${zh(a.value)}`,
  'or.last_truthy': (a) => `第 ${a.index} 个值为真 → ${zh(a.value)}`,
  'or.none_truthy': (a) => `没有为真的值 → ${zh(a.value)}`,
  not: (a) => `${zh(a.value)} 为${a.result === 'true' ? '假' : '真'}，取反得 ${a.result}`,
  truthy: (a) => `${zh(a.value)} 为${a.result === 'true' ? '真' : '假'}`,

  compare: (a) => `${zh(a.left)} ${a.op} ${zh(a.right)} ${holds(a.result)}`,
  'compare.between': (a) => `${zh(a.left)} ${a.op} ${zh(a.middle)} ${a.op} ${zh(a.right)} ${holds(a.result)}`,

  remainder: (a) => `${zh(a.dividend)} ÷ ${zh(a.divisor)} 的余数 = ${a.value}`,

  'array.not_array': (a) => `${zh(a.value)} 不是数组 → []`,
  'map.items': (a) => `逐项计算 ${a.count} 项 → ${a.value}`,
  'filter.kept': (a) => `${a.count} 项中保留 ${a.kept} 项 → ${a.value}`,
  'reduce.items': (a) => `逐项累计 ${a.count} 项 → ${zh(a.value)}`,
  'reduce.not_array': (a) => `${zh(a.value)} 不是数组 → 取初始值 ${zh(a.initial)}`,
  'quantifier.empty': (a) => `${zh(a.value)} 不是非空数组 → ${a.result}`,
  'quantifier.item_passes': (a) => `第 ${a.index} 项（共 ${a.count} 项）满足条件 → ${a.result}`,
  'quantifier.item_fails': (a) => `第 ${a.index} 项（共 ${a.count} 项）不满足条件 → ${a.result}`,
  'quantifier.all_pass': (a) => `${a.count} 项全部满足条件 → ${a.result}`,
  'quantifier.none_pass': (a) => `${a.count} 项都不满足条件 → ${a.result}`,
  merge: (a) => `将 ${a.parts} 个值合并为 ${a.count} 项 → ${a.value}`,
  'in.found': (a) => `${zh(a.needle)} 包含在 ${zh(a.haystack)} 中`,
  'in.not_found': (a) => `${zh(a.needle)} 不在 ${zh(a.haystack)} 中`,
  cat: (a) => `拼接 ${a.parts} → ${zh(a.value)}`,

  'div.fallback': (a) => `${zh(a.dividend)} ÷ ${zh(a.divisor)} 无法得出有效结果 → 取默认值 ${zh(a.fallback)}`,
  steps: (a) => `${zh(a.amount)} 按每档 ${zh(a.size)} 计（${ZH_STEP_MODE[a.mode] ?? a.mode}）= ${a.value}`,
  'band.not_number': (a) => `${zh(a.value)} 不是数字 → 取默认值 ${zh(a.fallback)}`,
  'band.no_rows': (a) => `区间表不是数组 → 取默认值 ${zh(a.fallback)}`,
  'band.no_row': (a) => `${a.value} 不在任何区间内 → 取默认值 ${zh(a.fallback)}`,
  'band.in_row': (a) => `${a.value} 落在区间 ${a.interval} → ${zh(a.result)}`,
  'lookup.found': (a) => `${zh(a.key)} 在对照表中 → ${zh(a.value)}`,
  'lookup.missing': (a) => `${zh(a.key)} 不在对照表中 → 取默认值 ${zh(a.fallback)}`,
  'interpolate.unusable': (a) => `插值需要一个数字，以及按 x 升序排列的点 → ${a.result}`,
  'interpolate.below_first': (a) => `${a.value} 低于或等于第一个点 ${a.point} → ${a.result}`,
  'interpolate.above_last': (a) => `${a.value} 高于最后一个点 ${a.point} → ${a.result}`,
  'interpolate.between': (a) => `${a.value} 介于 ${a.from} 和 ${a.to} 之间 → ${a.result}`,

  'trace.more': (a) => `…… 另有 ${a.count} 步未列出`,
};

/** Each language's wording of the step codes; English is the engine's own. */
export const TRACE_WORDING: Readonly<Record<Locale, TraceWording>> = { 'zh-CN': traceZhCN, en: TRACE_ENGLISH };

/** Thrown while wording a step that cannot be worded: its stored text is shown instead. */
class CannotWord extends Error {}

/**
 * The step's words in a language, or undefined when they cannot be worded (unknown code,
 * missing or unusable arg).
 * @example wordTraceMessage({ code: 'if.branch', args: { branch: 1 } }, 'zh-CN') // '条件 1 成立：取第 1 个分支'
 */
export function wordTraceMessage(message: StoredTraceMessage | null | undefined, locale: Locale): string | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const { code, args } = message;
  const wording = TRACE_WORDING[locale];
  if (typeof code !== 'string' || !Object.hasOwn(wording, code) || !args || typeof args !== 'object') return undefined;
  // An entry reads only the args of its code: reading one the message lacks (or of the wrong
  // type, e.g. from another engine version) means the stored text is the safer thing to show.
  const strict = new Proxy(args, {
    get(target, name) {
      const value = typeof name === 'string' && Object.hasOwn(target, name) ? target[name] : undefined;
      if (typeof value !== 'string' && typeof value !== 'number') throw new CannotWord(String(name));
      return value;
    },
  });
  try {
    return (wording[code as TraceMessageCode] as (args: unknown) => string)(strict);
  } catch (err) {
    if (err instanceof CannotWord) return undefined;
    throw err;
  }
}

/**
 * A trace step in a language: its message worded, or its stored English text (a formula, an
 * older engine, a step that cannot be worded).
 * @example traceStepText(step, i18n.locale) // in a component: re-renders when the language changes
 */
export function traceStepText(step: StoredTraceStep, locale: Locale): string {
  return wordTraceMessage(step.message, locale) ?? step.text;
}
