/**
 * Rules and data are untrusted. The historical attacks on JSON Logic engines, against every
 * evaluator of ours: the removed `method` operator, prototype pollution through rules and data,
 * operators named after Object.prototype members, stack exhaustion, and work explosions.
 * Afterwards Object.prototype must be untouched and the inputs unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isYardstickError, type ErrorCode } from '../../../rules/errors.ts';
import { checkLogic, collectVars, compileLogic, listOperators, traceLogic } from '../../../rules/logic/index.ts';

type Run = (rule: unknown, data: unknown) => unknown;

const RUNNERS: readonly { readonly name: string; readonly run: Run }[] = [
  { name: 'codegen', run: (rule, data) => compileLogic(rule, { mode: 'codegen', cache: false })(data) },
  { name: 'closure', run: (rule, data) => compileLogic(rule, { mode: 'closure', cache: false })(data) },
  { name: 'tracer', run: (rule, data) => traceLogic(rule, data).result },
];

function codeOf(run: () => unknown): ErrorCode | 'no error' | 'not a YardstickError' {
  try {
    run();
    return 'no error';
  } catch (error) {
    return isYardstickError(error) ? error.code : 'not a YardstickError';
  }
}

function nested(levels: number, wrap: (inner: unknown) => unknown, leaf: unknown = 1): unknown {
  let rule = leaf;
  for (let i = 0; i < levels; i++) rule = wrap(rule);
  return rule;
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeNames = Object.getOwnPropertyNames(Array.prototype).sort();

beforeAll(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

afterAll(() => {
  // Nothing any test below did may have reached a prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayPrototypeNames);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype.toString.call([])).toBe('[object Array]');
});

describe.each(RUNNERS)('security: $name', ({ run }) => {
  describe('rejected before evaluation', () => {
    it.each([
      ['the removed method operator', { method: ['abc', 'toUpperCase'] }, 'unknown_operator'],
      ['method on data', { method: [{ var: 'name' }, 'constructor'] }, 'unknown_operator'],
      ['a dotted operator name (json-logic-js method lookup)', { 'max.apply': [null, [1, 2]] }, 'unknown_operator'],
      ['a dotted operator name into a prototype', { 'var.constructor': ['x'] }, 'unknown_operator'],
      ['log (I/O)', { log: 'x' }, 'unknown_operator'],
      ['operator "constructor"', { constructor: ['x'] }, 'unknown_operator'],
      ['operator "__proto__" (from JSON.parse)', JSON.parse('{"__proto__":{"polluted":1}}'), 'unknown_operator'],
      ['operator "toString"', { toString: [] }, 'unknown_operator'],
      ['operator "hasOwnProperty"', { hasOwnProperty: ['x'] }, 'unknown_operator'],
      ['operator "valueOf" nested', { if: [{ valueOf: [] }, 1, 2] }, 'unknown_operator'],
      ['var "__proto__.polluted"', { var: '__proto__.polluted' }, 'forbidden_path'],
      ['var "constructor.prototype"', { var: 'constructor.prototype' }, 'forbidden_path'],
      ['var "a.__proto__"', { var: 'a.__proto__' }, 'forbidden_path'],
      ['var with a default', { var: ['x.prototype', 0] }, 'forbidden_path'],
      ['var with a numeric-looking array path', { var: [['constructor']] }, 'forbidden_path'],
      ['missing on __proto__', { missing: ['__proto__'] }, 'forbidden_path'],
      ['lookup of __proto__ in the data', { lookup: [{ var: '' }, '__proto__'] }, 'forbidden_path'],
      ['lookup of constructor', { lookup: [{ var: 'table' }, 'constructor', 0] }, 'forbidden_path'],
      ['a 100,000-level rule', nested(100_000, (r) => ({ '!': [r] })), 'limit_exceeded'],
      ['a 100,000-level array', nested(100_000, (r) => [r]), 'limit_exceeded'],
      ['a 100,000-level literal object', nested(100_000, (r) => ({ a: r, b: 0 })), 'limit_exceeded'],
      ['a rule with too many values', { '+': new Array(6000).fill(1) }, 'limit_exceeded'],
      ['a huge string literal', { cat: ['x'.repeat(70_000)] }, 'limit_exceeded'],
      ['a huge array literal', { in: [1, new Array(40_000).fill(0)] }, 'limit_exceeded'],
    ])('%s', (_title, rule, code) => {
      expect(codeOf(() => run(rule, { name: 'abc', table: {}, a: {} }))).toBe(code);
    });
  });

  describe('prototype pollution through data', () => {
    const poisoned = (): unknown => JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"a":{"__proto__":{"polluted":3}},"list":[1,2]}');

    it('never reads __proto__, constructor or prototype, even as own keys', () => {
      const data = poisoned();
      expect(run({ var: 'polluted' }, data)).toBeNull();
      expect(run({ var: 'a.polluted' }, data)).toBeNull();
      // Dynamic paths reach run time; a forbidden segment reads as absent: the default, else null.
      expect(run({ var: { cat: ['__proto__', '.polluted'] } }, data)).toBeNull();
      expect(run({ var: [{ cat: ['constructor', '.prototype'] }, 'default'] }, data)).toBe('default');
      expect(run({ var: { cat: ['a.__', 'proto__'] } }, data)).toBeNull();
      expect(run({ missing: { merge: [{ cat: ['__proto', '__'] }, 'list'] } }, data)).toEqual(['__proto__']);
      expect(run({ lookup: [{ var: '' }, { cat: ['__proto', '__'] }, 'fallback'] }, data)).toBe('fallback');
      expect(run({ lookup: [{ var: 'list' }, { cat: ['const', 'ructor'] }] }, data)).toBeNull();
      expect(data).toEqual(poisoned());
    });

    it('never reads inherited properties', () => {
      expect(run({ var: 'toString' }, {})).toBeNull();
      expect(run({ var: 'list.map' }, { list: [] })).toBeNull();
      expect(run({ var: 's.charAt' }, { s: 'x' })).toBeNull();
      expect(run({ var: 'n.toFixed' }, { n: 1 })).toBeNull();
      expect(run({ var: [{ cat: ['hasOwn', 'Property'] }, 'no'] }, {})).toBe('no');
      // own properties json-logic-js reads too: string and array length and indexes
      expect(run({ var: 's.length' }, { s: 'abc' })).toBe(3);
      expect(run({ var: 'list.1' }, { list: ['a', 'b'] })).toBe('b');
    });

    it('passes poisoned objects through without installing them', () => {
      const data = poisoned();
      const merged = run({ merge: [{ var: 'a' }, { var: 'list' }] }, data) as unknown[];
      expect(merged).toHaveLength(3);
      expect(Object.getPrototypeOf(merged[0])).toBe(Object.prototype);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  });

  describe('functions found in data are never called', () => {
    it('returns them as values, never follows or invokes them', () => {
      let calls = 0;
      const spy = (): number => ++calls;
      const list = Object.assign([3, 1, 2], { map: spy, filter: spy, indexOf: spy, reduce: spy, concat: spy });
      const data = { f: Object.assign(spy, { secret: 1 }), list, haystack: { indexOf: spy } };
      expect(run({ var: 'f' }, data)).toBe(spy);
      expect(run({ var: 'f.secret' }, data)).toBeNull();
      expect(run({ map: [{ var: 'list' }, { '*': [{ var: '' }, 2] }] }, data)).toEqual([6, 2, 4]);
      expect(run({ filter: [{ var: 'list' }, { '>': [{ var: '' }, 1] }] }, data)).toEqual([3, 2]);
      expect(run({ in: [1, { var: 'list' }] }, data)).toBe(true);
      expect(run({ reduce: [{ var: 'list' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }, data)).toBe(6);
      expect(run({ merge: [{ var: 'list' }, 4] }, data)).toEqual([3, 1, 2, 4]);
      expect(codeOf(() => run({ in: ['x', { var: 'haystack' }] }, data))).toBe('invalid_input');
      expect(calls).toBe(0);
    });
  });

  describe('work is bounded', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => i);

    it('a nested map over 10,000 × 10,000 items stops with limit_exceeded, fast', () => {
      const data = { rows: Array.from({ length: 10_000 }, () => ({ cells: big })) };
      const started = performance.now();
      expect(codeOf(() => run({ map: [{ var: 'rows' }, { map: [{ var: 'cells' }, { '+': [{ var: '' }, 1] }] }] }, data))).toBe('limit_exceeded');
      expect(codeOf(() => run({ some: [{ var: 'rows' }, { none: [{ var: 'cells' }, { '<': [{ var: '' }, 0] }] }] }, data))).toBe('no error');
      expect(codeOf(() => run({ all: [{ var: 'rows' }, { all: [{ var: 'cells' }, { '>=': [{ var: '' }, 0] }] }] }, data))).toBe('limit_exceeded');
      expect(performance.now() - started).toBeLessThan(5000);
    });

    it('merge and cat cannot build huge values', () => {
      expect(codeOf(() => run({ merge: [{ var: 'big' }, { var: 'big' }, { var: 'big' }, { var: 'big' }] }, { big }))).toBe('limit_exceeded');
      expect(codeOf(() => run({ cat: [{ var: 's' }, { var: 's' }] }, { s: 'x'.repeat(40_000) }))).toBe('limit_exceeded');
      expect(codeOf(() => run({ substr: [{ var: 'zeros' }, 0] }, { zeros: new Array(70_000).fill(0) }))).toBe('limit_exceeded'); // "0,0,…" is 139,999 characters
    });

    it('accumulating loops run out of work instead of time', () => {
      const started = performance.now();
      const grow = { reduce: [{ var: 'big' }, { merge: [{ var: 'accumulator' }, { var: 'current' }, { var: 'current' }] }, []] };
      expect(codeOf(() => run(grow, { big }))).toBe('limit_exceeded');
      const text = { reduce: [{ var: 'big' }, { cat: [{ var: 'accumulator' }, 'xxxxxxxxxx'] }, ''] };
      expect(codeOf(() => run(text, { big }))).toBe('limit_exceeded');
      expect(performance.now() - started).toBeLessThan(5000);
    });
  });

  it('odd data that JavaScript cannot coerce gives invalid_input, as json-logic-js throws', () => {
    expect(codeOf(() => run({ cat: [{ var: 'o' }] }, JSON.parse('{"o":{"toString":1}}')))).toBe('invalid_input');
    expect(codeOf(() => run({ missing_some: [1, { var: 'nothing' }] }, {}))).toBe('invalid_rule');
  });
});

describe('static tools on hostile rules', () => {
  it('collectVars and listOperators survive 100,000 levels and prototype keys', () => {
    const deep = nested(100_000, (r) => ({ '+': [r] }), { var: '__proto__' });
    expect(collectVars(deep)).toHaveLength(1);
    expect(listOperators(deep)).toEqual(['+', 'var']);
    expect(listOperators(JSON.parse('{"__proto__":{"constructor":[1]}}'))).toEqual(['__proto__', 'constructor']);
    expect(checkLogic(JSON.parse('{"__proto__":{"polluted":1}}')).map((issue) => issue.pointer)).toEqual(['', '/__proto__']);
  });
});
