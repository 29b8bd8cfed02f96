/**
 * compileLogic: the cache, the modes (including the fallback under a Content-Security-Policy
 * without 'unsafe-eval'), the generated source, limits per call, and result isolation.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isYardstickError } from '../../../rules/errors.ts';
import { canGenerateCode, clearLogicCache, compileLogic, evaluateLogic, LOGIC_CACHE_CAPACITY, logicCacheStats, resetCodegenDetection } from '../../../rules/logic/index.ts';

const SCORE = { max: [0, { '-': [100, { '*': [10, { '/': [{ '-': [{ var: 't' }, { var: 'a' }] }, { var: 't' }] }] }] }] };

describe('compile cache', () => {
  afterEach(() => clearLogicCache());

  it('hits for equal rules whose keys are in a different order', () => {
    clearLogicCache();
    const first = compileLogic({ band: [{ var: 'x' }, [{ min: 0, max: 10, value: 'low' }, { value: 'high', min: 10 }]] });
    const second = compileLogic(JSON.parse('{"band":[{"var":"x"},[{"value":"low","max":10,"min":0},{"min":10,"value":"high"}]]}'));
    expect(second).toBe(first);
    expect(logicCacheStats()).toMatchObject({ size: 1, hits: 1, misses: 1 });
  });

  it('keeps rules apart by mode, limits and -0', () => {
    clearLogicCache();
    compileLogic(SCORE, { mode: 'codegen' });
    compileLogic(SCORE, { mode: 'closure' });
    compileLogic(SCORE, { limits: { maxWork: 10 } });
    expect(logicCacheStats().size).toBe(3);
    expect(Object.is(evaluateLogic({ '-': [0] }, null), -0)).toBe(true);
    expect(Object.is(evaluateLogic({ '-': [-0] }, null), 0)).toBe(true);
  });

  it('is bounded, evicting the least recently used rule', () => {
    clearLogicCache();
    for (let i = 0; i <= LOGIC_CACHE_CAPACITY; i++) compileLogic({ '+': [{ var: 'x' }, i] }, { mode: 'closure' });
    expect(logicCacheStats().size).toBe(LOGIC_CACHE_CAPACITY);
    compileLogic({ '+': [{ var: 'x' }, 0] }, { mode: 'closure' });
    expect(logicCacheStats().misses).toBe(LOGIC_CACHE_CAPACITY + 2);
  });

  it('can be bypassed', () => {
    clearLogicCache();
    compileLogic(SCORE, { cache: false });
    expect(logicCacheStats()).toMatchObject({ size: 0, hits: 0, misses: 0 });
  });
});

describe('generated code', () => {
  it('reads static paths as own properties, by JSON string constants', () => {
    const compiled = compileLogic({ '+': [{ var: 'inputs.kpi' }, { var: 'inputs.bonus' }] }, { mode: 'codegen' });
    expect(compiled.mode).toBe('codegen');
    expect(compiled.source).toContain('.call(d0, "inputs") ? d0["inputs"] : undefined');
    expect(compiled.source).toContain(', "kpi") ?');
    expect(compiled.source?.match(/ = typeof d0 === "object"/g)).toHaveLength(1); // the shared prefix is read once
    expect(compiled({ inputs: { kpi: 2, bonus: '3' } })).toBe(5);
  });

  it('keeps hostile strings as data', () => {
    const hostile = ['"); throw new Error("pwned"); ("', "'; globalThis.pwned = 1; '", '\u2028\u2029', '</script>', '${globalThis.pwned = 1}', '\\', '*/ pwned() /*'];
    for (const text of hostile) {
      const rule = { cat: [text, { var: text.replace(/\./g, '') }, { var: [`x.${text.replace(/\./g, '')}`, text] }] };
      const data = { [text.replace(/\./g, '')]: 'v', x: {} };
      expect(compileLogic(rule, { mode: 'codegen' })(data)).toBe(`${text}v${text}`);
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('returns literals that later callers cannot corrupt', () => {
    const compiled = compileLogic({ if: [{ var: 'x' }, [1, 2], { a: 1, b: 2 }] });
    const list = compiled({ x: true }) as number[];
    expect(() => list.push(3)).toThrow(TypeError);
    expect(compiled({ x: true })).toEqual([1, 2]);
  });

  it('is detached from later edits to the rule object', () => {
    const rule = { in: [{ var: 'g' }, ['A', 'B']] };
    const compiled = compileLogic(rule, { cache: false });
    (rule.in[1] as string[]).push('C');
    expect(compiled({ g: 'C' })).toBe(false);
  });
});

describe('modes', () => {
  const realFunction = globalThis.Function;

  afterEach(() => {
    globalThis.Function = realFunction;
    resetCodegenDetection();
    clearLogicCache();
  });

  function forbidEval(): void {
    // What a browser does under a Content-Security-Policy without 'unsafe-eval'.
    globalThis.Function = function refused() {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source of script");
    } as unknown as FunctionConstructor;
  }

  it("'auto' uses generated code where it can", () => {
    resetCodegenDetection();
    expect(compileLogic(SCORE).mode).toBe('codegen');
  });

  it("'auto' falls back to closures when new Function is refused (detected once)", () => {
    forbidEval();
    resetCodegenDetection();
    clearLogicCache();
    expect(canGenerateCode()).toBe(false);
    const compiled = compileLogic(SCORE);
    expect(compiled.mode).toBe('closure');
    expect(compiled({ t: 10, a: 7 })).toBe(97);
    expect(evaluateLogic({ map: [{ var: 'xs' }, { round: [{ var: '' }, 1] }] }, { xs: [6.25, 1.05] })).toEqual([6.3, 1.1]);
  });

  it("'auto' also falls back when the policy arrives after detection", () => {
    resetCodegenDetection();
    expect(canGenerateCode()).toBe(true);
    forbidEval();
    clearLogicCache();
    const compiled = compileLogic({ '+': [{ var: 'a' }, 1] });
    expect(compiled.mode).toBe('closure');
    expect(compiled({ a: 1 })).toBe(2);
    expect(canGenerateCode()).toBe(false);
  });

  it("'auto' works in a fresh module state with eval already refused", async () => {
    forbidEval();
    vi.resetModules();
    const fresh = await import('../../../rules/logic/compile.ts');
    const compiled = fresh.compileLogic(SCORE);
    expect(compiled.mode).toBe('closure');
    expect(compiled({ t: 8, a: 8 })).toBe(100);
  });

  it("an explicit 'codegen' request fails clearly under the policy", () => {
    forbidEval();
    clearLogicCache();
    try {
      compileLogic(SCORE, { mode: 'codegen' });
      expect.unreachable();
    } catch (error) {
      expect(isYardstickError(error) && error.code).toBe('internal');
    }
  });
});

describe('limits per call', () => {
  it('rejects invalid limits', () => {
    expect(() => compileLogic(1, { limits: { maxWork: -1 } })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => compileLogic(1, { limits: { maxDepth: 1.5 } })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('applies the work budget per evaluation, not per compiled rule', () => {
    const compiled = compileLogic({ map: [{ var: 'xs' }, 1] }, { limits: { maxWork: 100 } });
    for (let i = 0; i < 5; i++) expect(compiled({ xs: new Array(60).fill(0) })).toHaveLength(60);
    expect(() => compiled({ xs: new Array(101).fill(0) })).toThrow(expect.objectContaining({ code: 'limit_exceeded' }));
  });
});
