/**
 * The registry as data: own-key operator lookups, arity bounds, every operator's documentation
 * example run through every evaluator, and the README's operator reference kept in step.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getOperator, isOperator, operatorNames, operatorSpecs } from '../../../rules/logic/index.ts';
import { EVALUATORS } from './evaluators.ts';
import { operatorReferenceRows } from './reference-table.ts';

const STANDARD = ['==', '===', '!=', '!==', '>', '>=', '<', '<=', '!!', '!', '%', 'in', 'cat', 'substr', '+', '*', '-', '/', 'min', 'max', 'merge', 'var', 'missing', 'missing_some', 'if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some'];
const DOMAIN = ['round', 'clamp', 'div', 'band', 'lookup', 'interpolate', 'steps'];
const LAZY = ['if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some'];

describe('operator registry', () => {
  it('holds exactly the json-logic-js operators (minus log and method) plus the domain operators', () => {
    expect(new Set(operatorNames())).toEqual(new Set([...STANDARD, ...DOMAIN]));
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'log', 'method', 'a.b', 'Math.max', ''])('%j is not an operator', (name) => {
    expect(isOperator(name)).toBe(false);
    expect(getOperator(name)).toBeUndefined();
  });

  it('marks exactly the argument-evaluating operators lazy', () => {
    expect(operatorSpecs().filter((spec) => spec.lazy).map((spec) => spec.name).sort()).toEqual([...LAZY].sort());
  });

  it('gives every operator sane arity bounds, an explanation and a summary', () => {
    for (const spec of operatorSpecs()) {
      expect(spec.arity.min, spec.name).toBeGreaterThanOrEqual(0);
      expect(spec.arity.max, spec.name).toBeGreaterThanOrEqual(spec.arity.min);
      expect(typeof spec.explain, spec.name).toBe('function');
      expect(spec.doc.summary.length, spec.name).toBeGreaterThan(10);
    }
  });
});

const examples = operatorSpecs().map((spec) => ({ name: spec.name, ...spec.doc.example }));

describe.each(EVALUATORS)('doc examples: $name', ({ evaluate }) => {
  it.each(examples)('$name', ({ rule, data, result }) => {
    expect(evaluate(rule, data)).toEqual(result);
  });
});

describe('operator reference (rules/logic/README.md)', () => {
  it('lists exactly the registry, row for row', () => {
    const readme = readFileSync(new URL('../../../rules/logic/README.md', import.meta.url), 'utf8');
    const tableRows = readme.split('\n').filter((line) => /^\| `[^`]+` \| (arithmetic|comparison|logic|array|string|data|domain) \|/.test(line));
    expect(tableRows.join('\n')).toBe(operatorReferenceRows(operatorSpecs()).join('\n'));
  });
});
