/**
 * @module rules/logic/ops-tables
 * Table operators for grading and conversion tables: `band` (rows with explicit, inclusive or
 * exclusive edges), `lookup` (own-key lookup) and `interpolate` (piecewise-linear).
 *
 * A band row is a plain object `{"min"?, "max"?, "includeMin"? (default true),
 * "includeMax"? (default false), "value"}`. JSON Logic treats an object with exactly one key
 * as an operation, so a row always carries `value` plus at least one edge (write
 * `"min": null` for an open row); and `value` is data, not logic: it is returned as written.
 */
import { finiteNumber } from './coerce.ts';
import { FORBIDDEN_KEYS, ownValue } from './data-access.ts';
import { show } from './format.ts';
import { K_DEFINED, K_NUMBER, K_OTHER } from './kinds.ts';
import { chargeWork } from './limits.ts';
import { traceMessage } from './messages.ts';
import type { EagerOperator } from './operator.ts';
import type { EvalContext } from './types.ts';

interface BandRow {
  readonly min: number | null;
  readonly max: number | null;
  readonly includeMin: boolean;
  readonly includeMax: boolean;
  readonly value: unknown;
}

/** An edge: null/absent is open; anything but a number makes the row unusable (undefined). */
function edge(value: unknown): number | null | undefined {
  return value === null || value === undefined ? null : (finiteNumber(value) ?? undefined);
}

/** The row as a band, or undefined when it is not a usable row. */
function readRow(row: unknown): BandRow | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
  const min = edge(ownValue(row, 'min'));
  const max = edge(ownValue(row, 'max'));
  if (min === undefined || max === undefined) return undefined;
  const includeMin = ownValue(row, 'includeMin');
  const includeMax = ownValue(row, 'includeMax');
  const value = ownValue(row, 'value');
  return {
    min,
    max,
    includeMin: typeof includeMin === 'boolean' ? includeMin : true,
    includeMax: typeof includeMax === 'boolean' ? includeMax : false,
    value: value === undefined ? null : value,
  };
}

function contains(band: BandRow, x: number): boolean {
  const aboveMin = band.min === null || (band.includeMin ? x >= band.min : x > band.min);
  const belowMax = band.max === null || (band.includeMax ? x <= band.max : x < band.max);
  return aboveMin && belowMax;
}

/** Index of the first usable row containing `x`, or -1. */
function firstMatch(bands: readonly (BandRow | undefined)[], x: number): number {
  for (let i = 0; i < bands.length; i++) {
    const candidate = bands[i];
    if (candidate !== undefined && contains(candidate, x)) return i;
  }
  return -1;
}

/**
 * Index of the first usable row containing `x`, or -1; the one reading of band rows, also used
 * for a scheme's grading bands (whose rows carry `grade` instead of `value`).
 * @example matchBand(90, [{ min: 80, max: 90 }, { min: 90 }]) // 1
 */
export function matchBand(x: number, rows: readonly unknown[]): number {
  return firstMatch(rows.map(readRow), x);
}

/**
 * A row's interval in the usual notation, e.g. `[90, ∞)` or `(10, 15]`, its edges written by `format`.
 * @example intervalText({ min: 10, max: 15, includeMin: false, includeMax: true, value: 5 }) // "(10, 15]"
 */
export function intervalText(row: unknown, format: (edge: number) => string = String): string {
  const band = readRow(row);
  if (band === undefined) return '(unusable row)';
  const open = band.min === null ? '(-∞' : `${band.includeMin ? '[' : '('}${format(band.min)}`;
  const close = band.max === null ? '∞)' : `${format(band.max)}${band.includeMax ? ']' : ')'}`;
  return `${open}, ${close}`;
}

/**
 * `band` over rows read once: for a table written in the rule, the compilers read the rows at
 * compile time and each evaluation is a loop over numbers.
 * @example bandTable([{ min: 90, value: 'A' }])(ctx, 95) // 'A'
 */
export function bandTable(rows: readonly unknown[]): (ctx: EvalContext, x: unknown, fallback?: unknown) => unknown {
  const bands = rows.map(readRow);
  return (ctx, x, fallback) => {
    const otherwise = fallback === undefined ? null : fallback;
    const value = finiteNumber(x);
    if (value === null) return otherwise;
    chargeWork(ctx, bands.length, 'band');
    const index = firstMatch(bands, value);
    return index < 0 ? otherwise : (bands[index] as BandRow).value;
  };
}

/**
 * `band(x, rows, fallback)`: the `value` of the first row whose interval contains x, else the
 * fallback (default null).
 * @example {"band":[12, [{"max":10,"value":0},{"min":10,"max":15,"includeMin":false,"includeMax":true,"value":5}], null]} → 5
 */
export function band(ctx: EvalContext, x: unknown, rows: unknown, fallback?: unknown): unknown {
  if (!Array.isArray(rows)) return fallback === undefined ? null : fallback;
  return bandTable(rows)(ctx, x, fallback);
}

/** The array an argument holds when the rule wrote a literal array there. */
function literalArray(literal: { readonly value: unknown } | undefined): readonly unknown[] | undefined {
  return literal !== undefined && Array.isArray(literal.value) ? literal.value : undefined;
}

export const bandOperator: EagerOperator = {
  name: 'band',
  family: 'domain',
  lazy: false,
  readsData: false,
  arity: { min: 2, max: 3 },
  returns: K_DEFINED,
  decisive: true,
  apply: ([x, rows, fallback], ctx) => band(ctx, x, rows, fallback),
  compile: (site) => {
    const fallback = site.argCount > 2 ? `, ${site.arg(2)}` : '';
    const rows = literalArray(site.argLiteral(1));
    if (rows !== undefined) return `${site.ref(bandTable(rows))}(${site.context()}, ${site.arg(0)}${fallback})`;
    return `${site.ref(band)}(${site.context()}, ${site.arg(0)}, ${site.arg(1)}${fallback})`;
  },
  closure: ([x, rows, fallback]) => {
    const literal = literalArray(rows?.literal);
    if (x === undefined || literal === undefined) return undefined;
    const table = bandTable(literal);
    return fallback === undefined ? (data, ctx) => table(ctx, x.evaluate(data, ctx)) : (data, ctx) => table(ctx, x.evaluate(data, ctx), fallback.evaluate(data, ctx));
  },
  explain: ({ args: [x, rows], result }) => {
    const value = finiteNumber(x);
    if (value === null) return traceMessage('band.not_number', { value: show(x), fallback: show(result) });
    if (!Array.isArray(rows)) return traceMessage('band.no_rows', { fallback: show(result) });
    const index = matchBand(value, rows);
    return index < 0
      ? traceMessage('band.no_row', { value: show(value), fallback: show(result) })
      : traceMessage('band.in_row', { value: show(value), interval: intervalText(rows[index]), result: show(result) });
  },
  doc: {
    summary: 'The value of the first row whose [min, max) interval (edges configurable) contains the number, else the fallback (default null).',
    example: {
      rule: {
        band: [
          { var: 'complaints' },
          [
            { max: 10, value: 0 },
            { min: 10, max: 15, includeMin: false, includeMax: true, value: 5 },
            { min: 15, includeMin: false, value: 10 },
          ],
          null,
        ],
      },
      data: { complaints: 12 },
      result: 5,
    },
  },
};

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * `lookup(table, key, fallback)`: the table's own entry for key (an object key, or an array
 * index), else the fallback (default null). Inherited and forbidden keys give the fallback.
 * @example {"lookup":[{"A":1.2,"B":1,"C":0.8}, "B"]} → 1
 */
export function lookup(table: unknown, key: unknown, fallback?: unknown): unknown {
  const otherwise = fallback === undefined ? null : fallback;
  if (typeof key !== 'string' && !(typeof key === 'number' && Number.isFinite(key))) return otherwise;
  const name = String(key);
  if (typeof table !== 'object' || table === null || FORBIDDEN_KEYS.has(name)) return otherwise;
  if (Array.isArray(table) && !ARRAY_INDEX.test(name)) return otherwise;
  const value = ownValue(table, name);
  return value === undefined ? otherwise : value;
}

export const lookupOperator: EagerOperator = {
  name: 'lookup',
  family: 'domain',
  lazy: false,
  readsData: false,
  arity: { min: 2, max: 3 },
  returns: K_DEFINED,
  decisive: true,
  keyArg: 1,
  apply: ([table, key, fallback]) => lookup(table, key, fallback),
  compile: (site) => `${site.ref(lookup)}(${Array.from({ length: site.argCount }, (_, i) => site.arg(i)).join(', ')})`,
  explain: ({ args: [table, key], result }) =>
    lookup(table, key) === null && result !== null
      ? traceMessage('lookup.missing', { key: show(key), fallback: show(result) })
      : traceMessage('lookup.found', { key: show(key), value: show(result) }),
  doc: { summary: 'Own-key lookup in an object (or index in an array), else the fallback (default null).', example: { rule: { lookup: [{ A: 1.2, B: 1, C: 0.8 }, { var: 'grade' }, 0] }, data: { grade: 'B' }, result: 1 } },
};

type Point = readonly [number, number];

/** The points as numbers with ascending x, or undefined when they are not usable. */
function readPoints(points: unknown): Point[] | undefined {
  if (!Array.isArray(points) || points.length === 0) return undefined;
  const read: Point[] = [];
  for (const point of points) {
    if (!Array.isArray(point)) return undefined;
    const x = finiteNumber(point[0]);
    const y = finiteNumber(point[1]);
    if (x === null || y === null) return undefined;
    if (read.length > 0 && x < (read[read.length - 1] as Point)[0]) return undefined;
    read.push([x, y]);
  }
  return read;
}

/** Index i of the segment [p(i-1), p(i)] holding x; 0 below the first point, length above the last. */
function segmentOf(x: number, points: readonly Point[]): number {
  let i = 0;
  while (i < points.length && x > (points[i] as Point)[0]) i++;
  return i;
}

/** Piecewise-linear value at `value` through usable points. */
function interpolateAt(value: number, read: readonly Point[]): number {
  const i = segmentOf(value, read);
  if (i === 0) return (read[0] as Point)[1];
  if (i === read.length) return (read[read.length - 1] as Point)[1];
  const [x0, y0] = read[i - 1] as Point;
  const [x1, y1] = read[i] as Point;
  return y0 + ((y1 - y0) * (value - x0)) / (x1 - x0);
}

/**
 * `interpolate` over points read once (for points written in the rule).
 * @example interpolationTable([[70, 60], [80, 80]])(ctx, 75) // 70
 */
export function interpolationTable(points: readonly unknown[]): (ctx: EvalContext, x: unknown) => number | null {
  const read = readPoints(points);
  return (ctx, x) => {
    chargeWork(ctx, points.length, 'interpolate');
    const value = finiteNumber(x);
    return value === null || read === undefined ? null : interpolateAt(value, read);
  };
}

/**
 * `interpolate(x, [[x0,y0],[x1,y1],…])`: piecewise-linear through the points (x ascending);
 * y0 below x0, the last y above the last x; null for a non-number or unusable points.
 * @example {"interpolate":[75, [[70,60],[80,80]]]} → 70
 */
export function interpolate(ctx: EvalContext, x: unknown, points: unknown): number | null {
  return Array.isArray(points) ? interpolationTable(points)(ctx, x) : null;
}

export const interpolateOperator: EagerOperator = {
  name: 'interpolate',
  family: 'domain',
  lazy: false,
  readsData: false,
  arity: { min: 2, max: 2 },
  returns: K_NUMBER | K_OTHER,
  decisive: true,
  apply: ([x, points], ctx) => interpolate(ctx, x, points),
  compile: (site) => {
    const points = literalArray(site.argLiteral(1));
    if (points !== undefined) return `${site.ref(interpolationTable(points))}(${site.context()}, ${site.arg(0)})`;
    return `${site.ref(interpolate)}(${site.context()}, ${site.arg(0)}, ${site.arg(1)})`;
  },
  closure: ([x, points]) => {
    const literal = literalArray(points?.literal);
    if (x === undefined || literal === undefined) return undefined;
    const table = interpolationTable(literal);
    return (data, ctx) => table(ctx, x.evaluate(data, ctx));
  },
  explain: ({ args: [x, points], result }) => {
    const value = finiteNumber(x);
    const read = readPoints(points);
    if (value === null || read === undefined) return traceMessage('interpolate.unusable', { result: show(result) });
    const i = segmentOf(value, read);
    if (i === 0) return traceMessage('interpolate.below_first', { value: show(value), point: show(read[0]), result: show(result) });
    if (i === read.length) return traceMessage('interpolate.above_last', { value: show(value), point: show(read[read.length - 1]), result: show(result) });
    return traceMessage('interpolate.between', { value: show(value), from: show(read[i - 1]), to: show(read[i]), result: show(result) });
  },
  doc: { summary: 'Piecewise-linear interpolation through [x, y] points with ascending x; flat beyond the ends.', example: { rule: { interpolate: [{ var: 'completion' }, [[70, 60], [80, 80], [100, 100]]] }, data: { completion: 75 }, result: 70 } },
};

export const TABLE_OPERATORS: readonly EagerOperator[] = [bandOperator, lookupOperator, interpolateOperator];
