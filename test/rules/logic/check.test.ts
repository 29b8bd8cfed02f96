/**
 * Static checks: checkLogic's findings and messages, collectVars, listOperators, and
 * compileLogic refusing what the check rejects.
 */
import { describe, expect, it } from 'vitest';
import { isYardstickError } from '../../../rules/errors.ts';
import { checkLogic, collectVars, compileLogic, DEFAULT_LIMITS, listOperators, MAX_ISSUES } from '../../../rules/logic/index.ts';

function nested(levels: number, wrap: (inner: unknown) => unknown, leaf: unknown = 1): unknown {
  let rule = leaf;
  for (let i = 0; i < levels; i++) rule = wrap(rule);
  return rule;
}

describe('checkLogic', () => {
  it('accepts valid rules', () => {
    expect(checkLogic({ if: [{ '>=': [{ var: 'score' }, 90] }, 'A', { band: [{ var: 'x' }, [{ min: 0, value: 1 }]] }] })).toEqual([]);
  });

  it('names an unknown operator and where it is', () => {
    expect(checkLogic({ if: [{ method: ['abc', 'toUpperCase'] }, 1, 2] })).toEqual([
      { code: 'unknown_operator', pointer: '/if/0', message: 'Unknown operator "method" at /if/0; allowed operators are listed in the operator reference.' },
    ]);
  });

  it('says "the top of the rule" for the root', () => {
    expect(checkLogic({ log: 'x' })[0]?.message).toBe('Unknown operator "log" at the top of the rule; allowed operators are listed in the operator reference.');
  });

  it('escapes pointers (RFC 6901)', () => {
    expect(checkLogic({ '/': [{ 'a/b~': [1] }, 2] })[0]?.pointer).toBe('/~1/0');
    expect(checkLogic({ cat: [{ '+': [{ 'x/y': 1 }] }] })[0]?.pointer).toBe('/cat/0/+/0');
  });

  it('reports wrong argument counts', () => {
    expect(checkLogic({ round: [1, 2, 3] })).toEqual([{ code: 'bad_arity', pointer: '', message: 'Operator "round" at the top of the rule takes 1 to 2 arguments; it has 3.' }]);
    expect(checkLogic({ '!': [] })[0]).toMatchObject({ code: 'bad_arity', message: expect.stringContaining('exactly 1 argument;') });
    expect(checkLogic({ '*': [] })[0]).toMatchObject({ code: 'bad_arity', message: expect.stringContaining('at least 1 argument;') });
    expect(checkLogic({ var: 'x' })).toEqual([]); // a single non-array argument counts as one
  });

  it('reports literal paths into forbidden keys, with the path and key', () => {
    expect(checkLogic({ '+': [{ var: 'a.__proto__.x' }, 1] })).toEqual([
      {
        code: 'forbidden_path',
        pointer: '/+/0',
        message: 'The path "a.__proto__.x" at /+/0 uses the forbidden key "__proto__"; rules may not read __proto__, constructor or prototype.',
      },
    ]);
    expect(checkLogic({ missing: ['ok', 'constructor'] })).toMatchObject([{ code: 'forbidden_path', pointer: '/missing/1' }]);
    expect(checkLogic({ missing: [['ok', 'x.prototype']] })).toMatchObject([{ code: 'forbidden_path', pointer: '/missing/0/1' }]);
    expect(checkLogic({ missing_some: [1, ['__proto__']] })).toMatchObject([{ code: 'forbidden_path', pointer: '/missing_some/1/0' }]);
    expect(checkLogic({ lookup: [{ var: '' }, 'constructor'] })).toMatchObject([{ code: 'forbidden_path', pointer: '/lookup/1' }]);
  });

  it('leaves dynamic paths to run time', () => {
    expect(checkLogic({ var: { cat: ['__proto__', '.x'] } })).toEqual([]);
  });

  it('does not look for operators inside literal objects (they are data)', () => {
    expect(checkLogic({ band: [1, [{ min: 0, value: { unknownOp: 1 } }]] })).toEqual([]);
  });

  it('enforces size limits, overridable per call', () => {
    expect(checkLogic({ cat: ['x'.repeat(11)] }, { maxStringLength: 10 })).toMatchObject([{ code: 'string_too_long', pointer: '/cat/0' }]);
    expect(checkLogic({ in: [1, [1, 2, 3]] }, { maxArrayLength: 2 })).toMatchObject([{ code: 'array_too_long', pointer: '/in/1' }]);
    expect(checkLogic({ '+': [1, 2, 3, 4] }, { maxNodes: 3 })).toMatchObject([{ code: 'too_many_nodes' }]);
    expect(checkLogic(nested(4, (r) => ({ '-': [r] })), { maxDepth: 3 })).toMatchObject([{ code: 'too_deep', pointer: '/-/0/-/0/-/0' }]);
    expect(checkLogic(nested(64, (r) => ({ '-': [r] }), 1))).toEqual([]);
    expect(checkLogic(nested(64, (r) => ({ '-': [r] }), { var: 'x' }))).toMatchObject([{ code: 'too_deep' }]);
  });

  it('checks a 100,000-level rule without overflowing the stack, reporting one issue', () => {
    const deep = nested(100_000, (r) => ({ '!': [r] }));
    const issues = checkLogic(deep);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('too_deep');
    expect(issues[0]?.pointer.split('/')).toHaveLength(2 * DEFAULT_LIMITS.maxDepth + 1);
  });

  it('stops at MAX_ISSUES findings', () => {
    const rule = { cat: Array.from({ length: 500 }, (_, i) => ({ [`op${i}`]: 1 })) };
    expect(checkLogic(rule)).toHaveLength(MAX_ISSUES);
  });

  it('reports values JSON cannot hold', () => {
    const f = (): number => 1;
    expect(checkLogic({ '+': [Number.NaN, Infinity, undefined, f, new Date(0), 10n] }).map((issue) => [issue.code, issue.pointer])).toEqual([
      ['not_json', '/+/0'],
      ['not_json', '/+/1'],
      ['not_json', '/+/2'],
      ['not_json', '/+/3'],
      ['not_json', '/+/4'],
      ['not_json', '/+/5'],
    ]);
  });

  it('never throws, whatever it is given', () => {
    const cyclic: Record<string, unknown> = { a: 1, b: 2 };
    cyclic['self'] = cyclic;
    const cyclicOp: Record<string, unknown[]> = { '+': [] };
    (cyclicOp['+'] as unknown[]).push(cyclicOp);
    for (const input of [undefined, Symbol('s'), () => 1, cyclic, cyclicOp, nested(100_000, (r) => [r]), nested(100_000, (r) => ({ a: r, b: 1 })), Object.create(null), new Map()]) {
      expect(() => checkLogic(input)).not.toThrow();
    }
    expect(checkLogic(cyclicOp).map((issue) => issue.code)).toEqual(['too_deep']);
  });
});

describe('compileLogic refuses what the check rejects', () => {
  it.each([
    [{ nope: [1] }, 'unknown_operator'],
    [{ var: 'constructor' }, 'forbidden_path'],
    [nested(100, (r) => ({ '-': [r] })), 'limit_exceeded'],
    [{ round: [] }, 'invalid_rule'],
    [{ '+': [Number.NaN] }, 'invalid_rule'],
    [{ cat: [{ var: '__proto__' }, { nope: 1 }] }, 'forbidden_path'],
  ])('%j → %s', (rule, code) => {
    try {
      compileLogic(rule);
      expect.unreachable('compileLogic should have thrown');
    } catch (error) {
      expect(isYardstickError(error) && error.code).toBe(code);
      expect((error as { details: { issues: unknown[] } }).details.issues).toEqual(checkLogic(rule));
    }
  });
});

describe('collectVars', () => {
  it('lists static, dynamic and scoped paths with pointers', () => {
    const rule = {
      if: [
        { '>': [{ var: 'inputs.complaints' }, 2] },
        { var: ['params.penalty', 0] },
        { var: { cat: ['inputs.', { var: 'kind' }] } },
        { map: [{ var: 'items' }, { var: 'price' }] },
        { var: '' },
      ],
    };
    expect(collectVars(rule)).toEqual([
      { path: 'inputs.complaints', pointer: '/if/0/>/0', dynamic: false, scoped: false },
      { path: 'params.penalty', pointer: '/if/1', dynamic: false, scoped: false },
      { path: '{"cat":["inputs.",{"var":"kind"}]}', pointer: '/if/2', dynamic: true, scoped: false },
      { path: 'kind', pointer: '/if/2/var/cat/1', dynamic: false, scoped: false },
      { path: 'items', pointer: '/if/3/map/0', dynamic: false, scoped: false },
      { path: 'price', pointer: '/if/3/map/1', dynamic: false, scoped: true },
      { path: '', pointer: '/if/4', dynamic: false, scoped: false },
    ]);
  });

  it('includes the keys named by missing and missing_some', () => {
    expect(collectVars({ or: [{ missing: ['a', 'b.c'] }, { missing_some: [1, ['d', 'e']] }, { missing: [['f', 'g']] }, { missing: { var: 'keys' } }] })).toEqual([
      { path: 'a', pointer: '/or/0/missing/0', dynamic: false, scoped: false },
      { path: 'b.c', pointer: '/or/0/missing/1', dynamic: false, scoped: false },
      { path: 'd', pointer: '/or/1/missing_some/1/0', dynamic: false, scoped: false },
      { path: 'e', pointer: '/or/1/missing_some/1/1', dynamic: false, scoped: false },
      { path: 'f', pointer: '/or/2/missing/0/0', dynamic: false, scoped: false },
      { path: 'g', pointer: '/or/2/missing/0/1', dynamic: false, scoped: false },
      { path: '{"var":"keys"}', pointer: '/or/3/missing', dynamic: true, scoped: false },
      { path: 'keys', pointer: '/or/3/missing', dynamic: false, scoped: false },
    ]);
  });

  it('handles 100,000-level rules', () => {
    expect(collectVars(nested(100_000, (r) => ({ '-': [r] }), { var: 'deep' }))).toHaveLength(1);
  });
});

describe('listOperators', () => {
  it('lists operators in order of first use, known or not', () => {
    expect(listOperators({ max: [0, { '-': [100, { var: 'x' }] }, { mystery: [{ var: 'y' }] }] })).toEqual(['max', '-', 'var', 'mystery']);
  });
});
