/**
 * The official JSON Logic suite (jsonlogic.com tests.json, 277 cases) against every evaluator:
 * json-logic-js itself, generated code, closures and the tracer. No case is skipped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVALUATORS } from './evaluators.ts';

type SuiteEntry = string | [unknown, unknown, unknown];

const suite = JSON.parse(readFileSync(new URL('../../fixtures/jsonlogic/tests.json', import.meta.url), 'utf8')) as SuiteEntry[];

interface Case {
  readonly index: number;
  readonly section: string;
  readonly title: string;
  readonly rule: unknown;
  readonly data: unknown;
  readonly expected: unknown;
}

const cases: Case[] = [];
let section = '';
for (const entry of suite) {
  if (typeof entry === 'string') {
    section = entry.replace(/^#\s*/, '');
    continue;
  }
  const [rule, data, expected] = entry;
  cases.push({ index: cases.length + 1, section, title: JSON.stringify(rule).slice(0, 80), rule, data, expected });
}

describe('the official suite', () => {
  it('has the 277 cases the fixture README promises', () => {
    expect(cases).toHaveLength(277);
  });
});

describe.each(EVALUATORS)('conformance: $name', ({ evaluate }) => {
  it.each(cases)('#$index $section: $title', ({ rule, data, expected }) => {
    const before = structuredClone(data);
    expect(evaluate(rule, data)).toEqual(expected);
    expect(data).toEqual(before); // evaluation never mutates its input
  });
});
