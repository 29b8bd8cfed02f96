/**
 * Rules that are large in one direction (a very long `var` path, an operator with thousands of
 * arguments, deep nesting) compile and run in time linear in their size on every evaluator, or
 * are refused with a limit error; never an out-of-memory crash, a hang or a raw RangeError. The
 * first cases are the hostile probe's, exactly. If the code generator meets an engine limit
 * anyway, the closure evaluator answers instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isYardstickError } from '../../../rules/errors.ts';
import { checkLogic, clearLogicCache, collectVars, compileLogic, listOperators, traceLogic } from '../../../rules/logic/index.ts';
import { compileRule } from '../../../rules/3-compile/compile.ts';
import { MAX_INLINE_ARGS, MAX_UNROLLED_SEGMENTS } from '../../../rules/logic/codegen.ts';

// Each case took from 10 s to an out-of-memory crash before; a few hundred milliseconds now.
const QUICK = { timeout: 10_000 };

/** `value` under `depth` nested objects, each holding the next under `key`. */
function nested(key: string, depth: number, value: unknown): unknown {
  let data = value;
  for (let i = 0; i < depth; i++) data = { [key]: data };
  return data;
}

const vars = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => ({ var: name(i) }));

/** Runs a rule through the generated code, the closures and the tracer (uncached). */
function everyEvaluator(rule: unknown, data: unknown, limits?: { maxNodes?: number; maxDepth?: number }): { codegen: unknown; mode: string; closure: unknown; tracer: unknown } {
  const generated = compileLogic(rule, { mode: 'codegen', cache: false, ...(limits ? { limits } : {}) });
  return {
    codegen: generated(data),
    mode: generated.mode,
    closure: compileLogic(rule, { mode: 'closure', cache: false, ...(limits ? { limits } : {}) })(data),
    tracer: traceLogic(rule, data, limits ? { limits } : {}).result,
  };
}

describe('long var paths', () => {
  it('reads a path of 65,535 dots (65,536 empty segments) to the end', QUICK, () => {
    const rule = { var: '.'.repeat(65_535) };
    expect(checkLogic(rule)).toEqual([]);
    // 65,536 levels of {"": …} lead to the value; one level fewer leaves the last step absent.
    expect(everyEvaluator(rule, nested('', 65_536, 'found'))).toEqual({ codegen: 'found', mode: 'codegen', closure: 'found', tracer: 'found' });
    expect(everyEvaluator(rule, nested('', 65_535, 'found'))).toEqual({ codegen: null, mode: 'codegen', closure: null, tracer: null });
    expect(everyEvaluator(rule, {})).toEqual({ codegen: null, mode: 'codegen', closure: null, tracer: null });
  });

  it('reads a path of 16,000 segments, with its default when absent', QUICK, () => {
    const path = Array.from({ length: 16_000 }, () => 'a').join('.');
    expect(everyEvaluator({ var: path }, nested('a', 16_000, 7))).toEqual({ codegen: 7, mode: 'codegen', closure: 7, tracer: 7 });
    expect(everyEvaluator({ var: [path, 'none'] }, nested('a', 15_999, 7))).toEqual({ codegen: 'none', mode: 'codegen', closure: 'none', tracer: 'none' });
  });

  it('generates source whose size does not grow with the path', () => {
    const short = compileLogic({ var: 'a.b.c.d.e.f.g.h.i' }, { mode: 'codegen', cache: false });
    const long = compileLogic({ var: Array.from({ length: 16_000 }, () => 'z').join('.') }, { mode: 'codegen', cache: false });
    expect(long.source?.length).toBe(short.source?.length);
    expect(short.source).not.toContain('"a"'); // over MAX_UNROLLED_SEGMENTS the keys live in the reader, not in the source
    expect(MAX_UNROLLED_SEGMENTS).toBeLessThan(9);
  });

  it('still shares the prefix of short paths and reads them the same way', () => {
    const compiled = compileLogic({ '+': [{ var: 'x.a' }, { var: 'x.b' }, { var: 'x.a' }] }, { mode: 'codegen', cache: false });
    expect(compiled.source?.match(/ = typeof d0 === "object"/g)).toHaveLength(1);
    expect(compiled({ x: { a: 2, b: 5 } })).toBe(9);
  });
});

describe('operators with thousands of arguments', () => {
  it('runs the probe\'s "or" of 987 and of 1,600 variables', QUICK, () => {
    for (const count of [987, 1600]) {
      const rule = { or: vars(count, (i) => `a${i}`) };
      // All falsy but the last but one: "or" returns the first truthy value.
      const data = Object.fromEntries(Array.from({ length: count }, (_, i) => [`a${i}`, i === count - 2 ? 'yes' : 0]));
      expect(everyEvaluator(rule, data)).toEqual({ codegen: 'yes', mode: 'codegen', closure: 'yes', tracer: 'yes' });
      expect(everyEvaluator(rule, {})).toEqual({ codegen: null, mode: 'codegen', closure: null, tracer: null });
    }
  });

  it('runs an "and" of 2,400 variables (the most the default 5,000 values allow)', QUICK, () => {
    const rule = { and: vars(2400, (i) => `a${i}`) };
    const ones = Object.fromEntries(Array.from({ length: 2400 }, (_, i) => [`a${i}`, 1]));
    expect(everyEvaluator(rule, ones)).toEqual({ codegen: 1, mode: 'codegen', closure: 1, tracer: 1 });
    // An empty array is falsy in JSON Logic (not in JavaScript): "and" stops there and returns it.
    expect(everyEvaluator(rule, { ...ones, a1200: [] })).toEqual({ codegen: [], mode: 'codegen', closure: [], tracer: [] });
  });

  it('runs an "and" of 10,000 variables when maxNodes allows it', QUICK, () => {
    const rule = { and: vars(10_000, () => 'one') };
    expect(everyEvaluator(rule, { one: 'x' }, { maxNodes: 30_000 })).toEqual({ codegen: 'x', mode: 'codegen', closure: 'x', tracer: 'x' });
  });

  it('refuses 2,500 arguments under the default limits with limit_exceeded', () => {
    // 1 (the rule) + 1 (its argument list) + 2 × 2,500 (each {"var":…} and its path) = 5,002 values > 5,000.
    const rule = { and: vars(2500, (i) => `a${i}`) };
    expect(checkLogic(rule).map((found) => found.code)).toEqual(['too_many_nodes']);
    expect(() => compileLogic(rule)).toThrow(expect.objectContaining({ code: 'limit_exceeded' }));
  });

  it('runs "if" with 1,000 condition/value pairs and "+" / "cat" with 2,000 arguments', QUICK, () => {
    const pairs = Array.from({ length: 1000 }, (_, i) => [{ var: i === 700 ? 'yes' : 'no' }, i]).flat();
    const choose = { if: [...pairs, 'else'] };
    expect(everyEvaluator(choose, { yes: true, no: false })).toEqual({ codegen: 700, mode: 'codegen', closure: 700, tracer: 700 });
    expect(everyEvaluator(choose, { yes: false, no: false })).toEqual({ codegen: 'else', mode: 'codegen', closure: 'else', tracer: 'else' });
    expect(everyEvaluator({ '+': vars(2000, () => 'n') }, { n: '1.5' })).toEqual({ codegen: 3000, mode: 'codegen', closure: 3000, tracer: 3000 });
    expect(everyEvaluator({ cat: vars(2000, () => 's') }, { s: 'ab' })).toEqual({ codegen: 'ab'.repeat(2000), mode: 'codegen', closure: 'ab'.repeat(2000), tracer: 'ab'.repeat(2000) });
  });

  it('inlines only operations of at most MAX_INLINE_ARGS arguments', () => {
    const small = compileLogic({ or: vars(MAX_INLINE_ARGS, (i) => `a${i}`) }, { mode: 'codegen', cache: false });
    const large = compileLogic({ or: vars(MAX_INLINE_ARGS + 1, (i) => `a${i}`) }, { mode: 'codegen', cache: false });
    // Inline: one expression testing each value in turn. Beyond: the registry's "or" called with one function per argument.
    expect(small.source).not.toContain('=>');
    expect(large.source?.match(/=> \{/g)).toHaveLength(MAX_INLINE_ARGS + 1);
    expect(large({ [`a${MAX_INLINE_ARGS}`]: 3 })).toBe(3);
  });
});

describe('rules nested deeper than the engine compiles in one function', () => {
  it('are answered by the closure evaluator, with the right result', QUICK, () => {
    // {"and":[{"var":"a"}, {"and":[{"var":"a"}, … {"var":"x"}]}]}, 999 levels.
    let rule: unknown = { var: 'x' };
    for (let level = 0; level < 998; level++) rule = { and: [{ var: 'a' }, rule] };
    const limits = { maxDepth: 1000 };
    expect(everyEvaluator(rule, { a: 1, x: 'deep' }, limits)).toMatchObject({ codegen: 'deep', closure: 'deep', tracer: 'deep' });
    expect(compileLogic(rule, { limits, cache: false })({ a: 0, x: 'deep' })).toBe(0);
  });
});

describe('static checks of very deep rules', () => {
  // {"+":[{"var":"a"}, {"+":[{"var":"a"}, … {"var":"a"}]}]}, 50,000 operations deep (about 1 MB). Listing its
  // paths took 1.6 s at 8,000 levels (128 million characters of pointers, each a flat copy); 50,000 would need 5 billion.
  let deep: unknown = { var: 'a' };
  for (let level = 0; level < 50_000; level++) deep = { '+': [{ var: 'a' }, deep] };

  it('are refused as too deep, and still list every path, in time linear in the depth', QUICK, () => {
    // Both arguments of the operation at depth 64 are at depth 65: each is reported, and not entered.
    expect(checkLogic(deep).map((found) => [found.code, found.pointer.length])).toEqual([
      ['too_deep', '/+/1'.repeat(63).length + '/+/0'.length],
      ['too_deep', '/+/1'.repeat(64).length],
    ]);
    // 50,001 paths whose pointers add up to 5 billion characters: built from shared prefixes, not copied.
    const vars = collectVars(deep);
    expect(vars).toHaveLength(50_001);
    expect(vars[2]).toEqual({ path: 'a', pointer: '/+/1/+/1/+/0', dynamic: false, scoped: false });
    expect(vars[50_000]).toEqual({ path: 'a', pointer: '/+/1'.repeat(50_000), dynamic: false, scoped: false });
    expect(listOperators(deep)).toEqual(['+', 'var']);
  });

  it('give a scheme rule that records the limit error', QUICK, () => {
    const compiled = compileRule(deep, '/indicators/0/score');
    expect(compiled.error?.code).toBe('limit_exceeded');
    expect(compiled.run({})).toBeNull();
  });
});

describe('engine limits in generated code fall back to closures', () => {
  const realFunction = globalThis.Function;
  afterEach(() => {
    globalThis.Function = realFunction;
    clearLogicCache();
  });

  it('when building the function fails with a RangeError, in auto and codegen modes', () => {
    globalThis.Function = function tooBig() {
      throw new RangeError('Maximum call stack size exceeded');
    } as unknown as FunctionConstructor;
    for (const mode of ['auto', 'codegen'] as const) {
      const compiled = compileLogic({ max: [0, { '-': [{ var: 'x' }, 5] }] }, { mode, cache: false });
      expect(compiled.mode).toBe('closure');
      expect(compiled({ x: 12 })).toBe(7);
    }
  });

  it('when the first run meets one, and evaluation errors stay YardstickErrors', () => {
    // An engine that overflows while running the body (e.g. compiling it lazily) on some calls.
    globalThis.Function = function lazyOverflow(this: unknown, ...args: string[]) {
      const source = (args.pop() as string).replace('try {', 'try { if (d0 !== null && typeof d0 === "object" && d0.overflow === true) throw new RangeError("Maximum call stack size exceeded");');
      return realFunction(...args, source);
    } as unknown as FunctionConstructor;
    const compiled = compileLogic({ '+': [{ var: 'x' }, 1] }, { mode: 'codegen', cache: false });
    expect(compiled.mode).toBe('codegen');
    expect(compiled({ x: 1 })).toBe(2);
    expect(compiled({ x: 2, overflow: true })).toBe(3);
    try {
      compileLogic({ merge: [{ var: 'x' }, { var: 'x' }] }, { mode: 'codegen', cache: false, limits: { maxArrayLength: 3 } })({ x: [1, 2] });
      expect.unreachable();
    } catch (error) {
      expect(isYardstickError(error) && error.code).toBe('limit_exceeded');
    }
  });
});
