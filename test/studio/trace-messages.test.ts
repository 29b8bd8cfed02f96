/**
 * Rule evaluation steps in the studio's languages (`studio/src/i18n/trace.ts`), in Node: every
 * step code has both languages, English words each step of real traces exactly as its text
 * (after JSON, as the API sends it), Chinese reads naturally, and a step without a usable
 * message shows its stored text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceLogic, type TraceStep } from '../../rules/logic/index.ts';
import { TRACE_ENGLISH } from '../../rules/logic/messages.ts';
import { TRACE_WORDING, traceStepText, wordTraceMessage } from '../../studio/src/i18n/trace.ts';
import { data, rule } from '../rules/logic/arbitraries.ts';
import { TRACE_CASES } from '../rules/logic/trace-cases.ts';

/** The last step of a case's trace, as the API sends it. */
function lastStep(c: (typeof TRACE_CASES)[number]): TraceStep {
  const steps = traceLogic(c.rule, c.data, c.maxSteps === undefined ? {} : { maxSteps: c.maxSteps }).steps;
  return JSON.parse(JSON.stringify(steps.at(-1))) as TraceStep;
}

const zh = (c: Parameters<typeof lastStep>[0]) => traceStepText(lastStep(c), 'zh-CN');
const caseOf = (text: string) => TRACE_CASES.find((c) => c.text === text)!;

describe('trace step wording', () => {
  it('has both languages for every step code', () => {
    for (const wording of Object.values(TRACE_WORDING)) expect(Object.keys(wording).sort()).toEqual(Object.keys(TRACE_ENGLISH).sort());
  });

  it('words every case in English as its text, and in Chinese from its args', () => {
    for (const c of TRACE_CASES) {
      const step = lastStep(c);
      expect(traceStepText(step, 'en')).toBe(c.text);
      const chinese = traceStepText(step, 'zh-CN');
      expect(chinese, c.code).toMatch(/[\u4e00-\u9fff]/);
      // No English words left, outside the values quoted from the data and rule.
      expect(chinese.replace(/“[^”]*”|"[^"]*"/g, ''), c.code).not.toMatch(/undefined|NaN|\b(is|are|the|of|items?|fallback|default|condition|branch|value|passes|fails|truthy|falsy)\b/);
    }
  });

  it('words steps in Chinese for HR readers', () => {
    expect(zh(caseOf('130 is above the last point [120,100] → 100'))).toBe('130 高于最后一个点 [120,100] → 100');
    expect(zh(caseOf('3.5 in steps of 1 (floor) = 3'))).toBe('3.5 按每档 1 计（舍去）= 3');
    expect(zh(caseOf('25 in steps of 10 (ceil) = 3'))).toBe('25 按每档 10 计（进一）= 3');
    expect(zh(caseOf('"A" is not in the table → fallback 0'))).toBe('“A” 不在对照表中 → 取默认值 0');
    expect(zh(caseOf('85 is in [80, 90) → 80'))).toBe('85 落在区间 [80, 90) → 80');
    expect(zh(caseOf('-5 is in no row → fallback 0'))).toBe('-5 不在任何区间内 → 取默认值 0');
    expect(zh(caseOf('3 > 2 is true'))).toBe('3 > 2 成立');
    expect(zh(caseOf('"A" == "B" is false'))).toBe('“A” == “B” 不成立');
    expect(zh(caseOf('condition 2 is true: took branch 2'))).toBe('条件 2 成立：取第 2 个分支');
    expect(zh(caseOf('no condition is true: took the else branch'))).toBe('所有条件都不成立：取“否则”分支');
    expect(zh(caseOf('inputs.bonus is missing → default 5'))).toBe('inputs.bonus 未填写 → 取默认值 5');
    expect(zh(caseOf('5 ÷ 0 has no finite result → fallback 0'))).toBe('5 ÷ 0 无法得出有效结果 → 取默认值 0');
    expect(zh(caseOf('remainder of 7 ÷ 3 = 1'))).toBe('7 ÷ 3 的余数 = 1');
    expect(zh(caseOf('90 lies between [60,0] and [120,100] → 50'))).toBe('90 介于 [60,0] 和 [120,100] 之间 → 50');
    expect(zh(caseOf('… 3 more steps'))).toBe('…… 另有 3 步未列出');
  });

  it('shows a formula as it is, in both languages', () => {
    const steps = traceLogic({ max: [0, { '*': [2, { var: 'x' }] }] }, { x: 5 }).steps;
    expect(steps.map((s) => traceStepText(s, 'zh-CN'))).toEqual(['x = 5', '2 × 5 = 10', 'max(0, 10) = 10']);
  });

  it('shows the stored text for a step without a usable message', () => {
    const text = 'As stored.';
    expect(traceStepText({ text }, 'zh-CN')).toBe(text);
    expect(traceStepText({ text, message: null }, 'zh-CN')).toBe(text);
    expect(traceStepText({ text, message: { code: 'no.such.code', args: {} } }, 'zh-CN')).toBe(text);
    expect(traceStepText({ text, message: { code: 'constructor', args: {} } }, 'zh-CN')).toBe(text);
    expect(traceStepText({ text, message: { code: 'toString', args: {} } }, 'en')).toBe(text);
    expect(traceStepText({ text, message: { code: 'if.branch' } }, 'zh-CN')).toBe(text);
    expect(traceStepText({ text, message: { code: 'if.branch', args: {} } }, 'zh-CN')).toBe(text);
    expect(traceStepText({ text, message: { code: 'if.branch', args: { branch: { n: 1 } } } }, 'zh-CN')).toBe(text);
    expect(traceStepText({ text, message: { code: 'band.in_row', args: { value: '85', interval: '[80, 90)' } } }, 'en')).toBe(text);
    expect(wordTraceMessage({ code: 'if.branch', args: { branch: 1 } }, 'zh-CN')).toBe('条件 1 成立：取第 1 个分支');
    expect(wordTraceMessage(undefined, 'zh-CN')).toBeUndefined();
  });

  it('words every step of random rules in English exactly as its text, and the worded ones in Chinese', () => {
    fc.assert(
      fc.property(rule, data, (generatedRule, generatedData) => {
        let steps: TraceStep[];
        try {
          steps = JSON.parse(JSON.stringify(traceLogic(generatedRule, generatedData, { maxSteps: 40 }).steps)) as TraceStep[];
        } catch {
          return; // the rule throws on this data
        }
        for (const step of steps) {
          expect(traceStepText(step, 'en')).toBe(step.text);
          if (step.message) expect(traceStepText(step, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 1500, seed: 20261123 },
    );
  });
});
