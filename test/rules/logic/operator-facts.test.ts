/**
 * What the rest of Yardstick needs to know about an operator is a field of its registry entry:
 * which arguments run per item, which paths it names, which key it reads, whether its trace step
 * decides a score, whether it divides. These tests pin each fact for every operator (written out
 * by hand from the operators' documentation) and check the parts that use them: the walk's
 * scoped flag, collectVars, the forbidden-key check, a scheme rule's `divides`, grading bands.
 * They also keep the json-logic-js oracle out of everything the studio can load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBand, bandContains } from '../../../rules/4-evaluate/grading.ts';
import { compileRule } from '../../../rules/3-compile/compile.ts';
import { checkLogic, collectVars, operatorSpecs } from '../../../rules/logic/index.ts';

const names = (has: (spec: ReturnType<typeof operatorSpecs>[number]) => boolean) => operatorSpecs().filter(has).map((spec) => spec.name).sort();

describe('operator facts in the registry', () => {
  it('map, filter, reduce, all, none and some run their second argument per item', () => {
    expect(names((spec) => spec.scopedArgs !== undefined)).toEqual(['all', 'filter', 'map', 'none', 'reduce', 'some']);
    for (const spec of operatorSpecs()) if (spec.scopedArgs !== undefined) expect(spec.scopedArgs).toEqual([1]);
  });

  it('var, missing and missing_some name data paths; lookup reads its second argument as a key', () => {
    expect(names((spec) => spec.namedPaths !== undefined)).toEqual(['missing', 'missing_some', 'var']);
    expect(names((spec) => spec.keyArg !== undefined)).toEqual(['lookup']);
  });

  it('the branch, table and bound operators are decisive for explanations', () => {
    expect(names((spec) => spec.decisive === true)).toEqual(['?:', 'band', 'clamp', 'div', 'if', 'interpolate', 'lookup', 'max', 'min', 'round', 'steps']);
  });

  it('/, % and div are the operators that may divide by zero', () => {
    expect(names((spec) => spec.mayDivideByZero === true)).toEqual(['%', '/', 'div']);
  });
});

describe('the facts at work', () => {
  it('marks per-item paths as scoped, and only those', () => {
    const rule = { all: [{ var: 'xs' }, { some: [{ var: 'ys' }, { '>': [{ var: 'v' }, { var: 'limit' }] }] }] };
    expect(collectVars(rule).map((found) => [found.path, found.scoped])).toEqual([
      ['xs', false],
      ['ys', true],
      ['v', true],
      ['limit', true],
    ]);
  });

  it('lists the keys of missing and missing_some with their pointers', () => {
    expect(collectVars({ missing_some: [1, ['a', 'b.c']] }).map((found) => [found.path, found.pointer])).toEqual([
      ['a', '/missing_some/1/0'],
      ['b.c', '/missing_some/1/1'],
    ]);
    // One array argument is the key list; a key that is itself an array is [path, default].
    expect(collectVars({ missing: [['x', 0]] }).map((found) => [found.path, found.pointer])).toEqual([
      ['x', '/missing/0/0'],
      ['0', '/missing/0/1'],
    ]);
    expect(collectVars({ missing: [[['x', 0]]] }).map((found) => [found.path, found.pointer])).toEqual([['x', '/missing/0/0/0']]);
  });

  it('refuses a literal forbidden lookup key at its pointer', () => {
    expect(checkLogic({ lookup: [{ var: 't' }, 'constructor'] })).toEqual([
      { code: 'forbidden_path', pointer: '/lookup/1', message: 'The lookup key "constructor" at /lookup/1 is forbidden; rules may not read __proto__, constructor or prototype.' },
    ]);
  });

  it('says a scheme rule divides only when it uses /, % or div as an operation', () => {
    expect(compileRule({ '/': [{ var: 'inputs.a' }, 2] }, '/x').divides).toBe(true);
    expect(compileRule({ max: [0, { '%': [{ var: 'inputs.a' }, 3] }] }, '/x').divides).toBe(true);
    expect(compileRule({ if: [true, { div: [1, { var: 'inputs.b' }] }, 0] }, '/x').divides).toBe(true);
    expect(compileRule({ '+': [{ var: 'inputs.a' }, 1] }, '/x').divides).toBe(false);
    // A literal object (two keys: data, not an operation) with a "/" key divides nothing.
    expect(compileRule({ lookup: [{ '/': 1, div: 2 }, { var: 'inputs.k' }] }, '/x').divides).toBe(false);
    expect(compileRule({ cat: ['"/":', 'div'] }, '/x').divides).toBe(false);
  });

  it('reads grading bands with the band operator: [min, max) by default, edges configurable', () => {
    expect(bandContains({ grade: 'B', min: 80, max: 90 }, 80)).toBe(true);
    expect(bandContains({ grade: 'B', min: 80, max: 90 }, 90)).toBe(false);
    expect(bandContains({ grade: 'B', min: 80, max: 90, includeMin: false, includeMax: true }, 80)).toBe(false);
    expect(bandContains({ grade: 'B', min: 80, max: 90, includeMin: false, includeMax: true }, 90)).toBe(true);
    expect(bandContains({ grade: 'A', min: 90 }, 1e9)).toBe(true);
    expect(bandContains({ grade: 'D', max: 60 }, -5)).toBe(true);
    expect(describeBand({ grade: 'A', min: 90 })).toBe('[90, ∞)');
    expect(describeBand({ grade: 'D', max: 60, includeMax: true })).toBe('(-∞, 60]');
    // Scheme edges are written to 4 decimal places, as elsewhere in score explanations.
    expect(describeBand({ grade: 'B', min: 80.123456, max: 90, includeMin: false })).toBe('(80.1235, 90)');
  });
});

describe('the json-logic-js oracle stays out of the studio', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sources(path);
      return /\.(ts|js|svelte)$/.test(entry) ? [path] : [];
    });
  }

  it('is imported by no module under rules/ or studio/src/', () => {
    const importers = [...sources('rules'), ...sources('studio/src')].filter((path) => /from\s+['"]json-logic-js['"]|import\(\s*['"]json-logic-js['"]/.test(readFileSync(path, 'utf8')));
    expect(importers).toEqual([]);
  });
});
