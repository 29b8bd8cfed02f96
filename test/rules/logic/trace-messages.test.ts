/**
 * Trace steps carry their words as a code and args beside the English text (rules/logic/messages.ts):
 * every wording variant yields its code with the text worded before codes existed, the English
 * table words every message of real traces (the official suite, random rules) exactly as its
 * text, args are plain strings and numbers, and steps without a message are formulas.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceLogic, type TraceStep } from '../../../rules/logic/index.ts';
import { englishTraceText, fixedTraceMessage, TRACE_ENGLISH, type TraceMessageCode } from '../../../rules/logic/messages.ts';
import { data, rule } from './arbitraries.ts';
import { TRACE_CASES } from './trace-cases.ts';

/** The steps of a trace, or none when the rule throws on the data (as some random rules do). */
function stepsOf(traced: unknown, input: unknown, maxSteps?: number): TraceStep[] {
  try {
    return traceLogic(traced, input, maxSteps === undefined ? {} : { maxSteps }).steps;
  } catch {
    return [];
  }
}

/** What a step with a message must satisfy: its text is the English wording, its args are plain. */
function expectWorded(step: TraceStep): void {
  const { message } = step;
  if (message === undefined) return;
  expect(Object.hasOwn(TRACE_ENGLISH, message.code), message.code).toBe(true);
  expect(englishTraceText(message), `${message.code} ${JSON.stringify(message.args)}`).toBe(step.text);
  for (const [name, value] of Object.entries(message.args)) {
    expect(['string', 'number'], `${message.code}.${name}`).toContain(typeof value);
    expect(['text', 'step']).not.toContain(name);
  }
  // Sent by the API and nested in stored results: the same after JSON.
  expect(englishTraceText(JSON.parse(JSON.stringify(message)))).toBe(step.text);
}

// Words a formula step may hold besides quoted strings and its variable's path: function-style
// operator names and how values are written.
const FORMULA_WORDS = new Set(['max', 'min', 'round', 'clamp', 'substr', 'number', 'null', 'true', 'false', 'undefined', 'Infinity', 'NaN', 'e']);

/** Words of a formula step's text outside quoted strings and its data path, that no language would translate. */
function wordsOfFormula(step: TraceStep): string[] {
  const text = step.op === 'var' ? step.text.slice(step.text.indexOf(' = ') + 3) : step.text;
  // A long value is cut short with "…", possibly inside a string ("y…) or mid-word (nul…): a value, not a word.
  const outsideQuotes = text.replace(/"(?:[^"\\…]|\\[^…])*\\?["…]/g, '').replace(/[A-Za-z_]+…/g, '');
  return (outsideQuotes.match(/[A-Za-z_]+/g) ?? []).filter((word) => !FORMULA_WORDS.has(word));
}

describe('trace step messages', () => {
  it.each(TRACE_CASES.map((c, index) => ({ ...c, index })))('#$index $code: $text', ({ code, rule: tracedRule, data: input, text, maxSteps }) => {
    const step = stepsOf(tracedRule, input, maxSteps).at(-1);
    expect(step?.text).toBe(text);
    expect(step?.message?.code).toBe(code);
    expectWorded(step as TraceStep);
  });

  it('has a case for every code', () => {
    const covered = new Set<TraceMessageCode>(TRACE_CASES.map((c) => c.code));
    expect([...covered].sort()).toEqual(Object.keys(TRACE_ENGLISH).sort());
  });

  it('leaves formulas without a message: they read the same in every language', () => {
    const steps = stepsOf({ max: [0, { '-': [100, { '*': [10, { var: 'inputs.complaints' }] }] }] }, { inputs: { complaints: 2 } });
    expect(steps.map((s) => [s.text, s.message])).toEqual([
      ['inputs.complaints = 2', undefined],
      ['10 × 2 = 20', undefined],
      ['100 - 20 = 80', undefined],
      ['max(0, 80) = 80', undefined],
    ]);
    for (const formula of [{ round: [2.675, 2] }, { clamp: [120, 0, 100] }, { div: [7, 2] }, { '/': [7, 2] }, { substr: ['jsonlogic', 4, -2] }, { '+': ['3'] }, { '-': [4] }, { min: [3, 2] }]) {
      expect(stepsOf(formula, null).at(-1)?.message, JSON.stringify(formula)).toBeUndefined();
    }
  });

  it('shares one frozen message per code without args', () => {
    expect(fixedTraceMessage('if.else')).toBe(fixedTraceMessage('if.else'));
    expect(Object.isFrozen(fixedTraceMessage('if.else'))).toBe(true);
    const [first, second] = [stepsOf({ if: [false, 1, 2] }, null), stepsOf({ if: [false, 3, 4] }, null)];
    expect(first.at(-1)?.message).toBe(second.at(-1)?.message);
  });

  it('words every step of the official JSON Logic suite in English exactly as its text', () => {
    const suite = JSON.parse(readFileSync(new URL('../../fixtures/jsonlogic/tests.json', import.meta.url), 'utf8')) as Array<string | [unknown, unknown, unknown]>;
    let worded = 0;
    for (const entry of suite) {
      if (typeof entry === 'string') continue;
      for (const step of stepsOf(entry[0], entry[1])) {
        expectWorded(step);
        if (step.message) worded++;
      }
    }
    expect(worded).toBeGreaterThan(100);
  });

  it('words every step of random rules over every operator in English exactly as its text, and leaves only formulas unworded', () => {
    const seen = new Set<TraceMessageCode>();
    fc.assert(
      fc.property(rule, data, (generatedRule, generatedData) => {
        for (const step of stepsOf(generatedRule, generatedData, 60)) {
          expectWorded(step);
          if (step.message) seen.add(step.message.code);
          else expect(wordsOfFormula(step), step.text).toEqual([]);
        }
      }),
      { numRuns: 3000, seed: 20261122 },
    );
    // Random rules reach nearly every variant (not 'band.no_rows': their rows are always arrays).
    expect(seen.size).toBeGreaterThan(Object.keys(TRACE_ENGLISH).length - 8);
  });
});
