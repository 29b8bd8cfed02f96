/**
 * @module test/rules/logic/arbitraries
 * fast-check generators of rules over every registered operator and of data for them. They
 * stay inside the documented differences from json-logic-js: paths never name inherited
 * properties (`toString`), keys given to `missing` are plain values, and arities respect the
 * registry's bounds.
 */
import fc from 'fast-check';

const interestingNumbers = [0, -0, 1, -1, 0.5, -2.5, 2.5, 1.005, 6.25, 2.675, 0.1, 0.3, 10, 100, 1e21, -7.125];

export const number = fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constantFrom(...interestingNumbers), fc.double({ min: -1000, max: 1000, noNaN: true }));

export const text = fc.oneof(fc.constantFrom('', '0', '1', '2.5', '-3', ' 7 ', '1e3', 'abc', 'A', 'a.b', '12abc'), fc.string({ maxLength: 3 }));

export const scalar = fc.oneof(number, text, fc.boolean(), fc.constant(null));

/** Data records: some keys missing, nested object `o`, array `xs`. */
export const data = fc.record(
  {
    a: scalar,
    b: scalar,
    c: scalar,
    n: number,
    s: text,
    xs: fc.array(scalar, { maxLength: 4 }),
    // Rarely an object whose own "toString" is not a function: coercing it throws, in json-logic-js and here.
    o: fc.oneof({ weight: 9, arbitrary: fc.record({ x: scalar, y: scalar }, { noNullPrototype: true }) }, { weight: 1, arbitrary: fc.constant({ x: 1, toString: 1 }) }),
  },
  { requiredKeys: ['n'], noNullPrototype: true },
);

const paths = ['a', 'b', 'c', 'n', 's', 'xs', 'o', 'o.x', 'o.y', 'xs.0', 'xs.1', 'xs.length', 's.length', 's.0', 'nope', 'o.nope.deeper', ''];
const keys = ['a', 'b', 'n', 'o.x', 'nope', 'xs.0'];

const varRule = fc.oneof(
  fc.constantFrom(...paths).map((path) => ({ var: path })),
  fc.tuple(fc.constantFrom(...paths), scalar).map(([path, fallback]) => ({ var: [path, fallback] })),
);

const literalArray = fc.array(scalar, { maxLength: 4 });

const bandRow = fc
  .record({ min: fc.oneof(number, fc.constant(null)), max: fc.oneof(number, fc.constant(null)), includeMin: fc.boolean(), includeMax: fc.boolean(), value: scalar }, { requiredKeys: ['min', 'value'] })
  .map((row) => row as Record<string, unknown>);

const points = fc.array(fc.tuple(number, number), { minLength: 1, maxLength: 4 }).map((list) => [...list].sort((p, q) => p[0] - q[0]));

const op = (name: string, args: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown> => args.map((list) => ({ [name]: list }));

/** Rules up to a few levels deep over every operator of the registry (the top is always an operation). */
export const rule: fc.Arbitrary<unknown> = fc.letrec<{ rule: unknown; operation: unknown }>((tie) => {
  const sub = tie('rule');
  const many = (min: number, max: number) => fc.array(sub, { minLength: min, maxLength: max });
  const operations = [
    ...['+', 'cat', 'merge'].map((name) => op(name, many(0, 3))),
    ...['*', 'min', 'max', 'and', 'or'].map((name) => op(name, many(1, 3))),
    op('-', many(1, 2)),
    ...['/', '%', '==', '===', '!=', '!==', '>', '>=', 'in'].map((name) => op(name, many(2, 2))),
    ...['<', '<='].map((name) => op(name, many(2, 3))),
    ...['!', '!!'].map((name) => op(name, many(1, 1))),
    op('if', many(0, 5)),
    op('?:', many(3, 3)),
    op('substr', many(2, 3)),
    op('in', fc.tuple(sub, fc.oneof(literalArray, text, fc.constant({ var: 'xs' }), fc.constant({ var: 's' })))),
    op('var', fc.tuple(sub)),
    op('missing', fc.oneof(fc.array(fc.constantFrom(...keys), { maxLength: 3 }), fc.array(fc.constantFrom(...keys), { maxLength: 3 }).map((list) => [list]))),
    op('missing_some', fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...keys), { maxLength: 3 }))),
    ...['map', 'filter', 'all', 'none', 'some'].map((name) => op(name, fc.tuple(fc.oneof(fc.constant({ var: 'xs' }), literalArray, sub), sub))),
    op('reduce', fc.tuple(fc.oneof(fc.constant({ var: 'xs' }), literalArray), fc.oneof(sub, fc.constant({ '+': [{ var: 'current' }, { var: 'accumulator' }] })), sub)),
    op('round', fc.oneof(fc.tuple(sub), fc.tuple(sub, fc.oneof(fc.integer({ min: -1, max: 11 }), fc.constant(null), fc.constant(2.5), sub)))),
    op('clamp', fc.tuple(sub, fc.oneof(number, fc.constant(null), sub), fc.oneof(number, fc.constant(null), sub))),
    op('div', fc.oneof(fc.tuple(sub, sub), fc.tuple(sub, sub, sub))),
    op('band', fc.oneof(fc.tuple(sub, fc.array(bandRow, { maxLength: 5 })), fc.tuple(sub, fc.array(bandRow, { maxLength: 5 }), scalar))),
    op('lookup', fc.tuple(fc.oneof(fc.constant({ A: 1.2, B: 1, C: 0.8 }), fc.constant(['x', 'y', 'z']), fc.constant({ var: 'o' }), fc.constant({ var: 'xs' })), fc.oneof(sub, fc.constantFrom('A', 'x', 'y', 0, 2, '1', 5)), scalar)),
    op('interpolate', fc.tuple(sub, points)),
    op('steps', fc.oneof(fc.tuple(sub, sub), fc.tuple(sub, fc.oneof(number, sub), fc.constantFrom('floor', 'ceil', 'exact', 'other', null)))),
  ];
  return {
    rule: fc.oneof({ maxDepth: 4, depthSize: 'medium', depthIdentifier: 'rule' }, fc.oneof(scalar, varRule, varRule, fc.constant({ var: '' })), tie('operation'), tie('operation')),
    operation: fc.oneof(...operations),
  };
}).operation;
