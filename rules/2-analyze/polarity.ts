/**
 * @module 2-analyze/polarity
 * Does the score move the way the indicator's polarity says? Probing, not proof: the compiled
 * score rule is evaluated at five points spread over its main input's range (other inputs at
 * their default or mid value, parameters at their values), and only a clear, one-way movement
 * against the stated polarity is reported — R05's 线损率 "deduct 0.5 below target" on a
 * lower-is-better indicator is the kind of slip this catches.
 *
 * Probed: indicators whose polarity is stated (higher-better or lower-better), whose rule reads
 * one input (or several, one of which has the indicator's own key) and no other indicator or
 * population value. The main input's range is its declared minimum/maximum or rating scale;
 * otherwise 0 to twice the largest numeric parameter the rule reads (targets sit mid-range),
 * or 0 to 100.
 */
import type { Input, Scheme } from '../../schemas/generated/scheme.ts';
import { compileLogic } from '../logic/index.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';
import type { VarUse } from './vars.ts';

const PROBES = 5;
const NUMERIC = new Set<Input['type']>(['number', 'integer', 'rating']);

/**
 * Warn where probing shows a score moving against the indicator's polarity.
 * @example
 * checkPolarity(scheme, schemeFacts(scheme).vars)
 * // ['Indicator "line_loss" is marked lower-better, but its score rises from 0 to 10 as inputs.line_loss goes from 0 to 5.68.']
 */
export function checkPolarity(scheme: Scheme, vars: readonly VarUse[]): Finding[] {
  const out: Finding[] = [];
  const params: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(scheme.params ?? {})) if (p.value !== undefined) params[key] = p.value;
  scheme.indicators.forEach((indicator, i) => {
    if (indicator.polarity !== 'higher-better' && indicator.polarity !== 'lower-better') return;
    const reads = vars.filter((v) => v.site.kind === 'indicator' && v.site.indicator === indicator.key && !v.scoped);
    if (reads.some((v) => v.dynamic || /^(indicators|population)\./.test(v.path))) return;
    const inputs = [...new Set(reads.flatMap((v) => (v.path.startsWith('inputs.') ? [v.path.split('.')[1]] : [])))].filter((k) => Object.hasOwn(scheme.inputs, k));
    const main = inputs.length === 1 ? inputs[0] : inputs.find((k) => k === indicator.key);
    if (main === undefined || !NUMERIC.has(scheme.inputs[main].type)) return;
    const paramNumbers = reads.flatMap((v) => {
      const value = v.path.startsWith('params.') ? params[v.path.split('.')[1]] : undefined;
      return typeof value === 'number' ? [Math.abs(value)] : [];
    });
    const [lo, hi] = probeRange(scheme.inputs[main], paramNumbers);
    if (!(hi > lo)) return;
    const probe = probeDirection(indicator.score, lo, hi, scheme.inputs[main].type === 'integer', main, baseInputs(scheme, inputs, paramNumbers), params);
    if (!probe) return;
    const rising = probe.direction > 0;
    if ((indicator.polarity === 'lower-better') === rising) {
      out.push(
        finding('polarity_mismatch', pointerTo('/indicators', i, 'polarity'), {
          indicator: indicator.key,
          polarity: indicator.polarity,
          input: main,
          from: probe.xs[0],
          to: probe.xs[probe.xs.length - 1],
          scoreFrom: probe.ys[0],
          scoreTo: probe.ys[probe.ys.length - 1],
        }),
      );
    }
  });
  return out;
}

/** The probing range of the main input. */
function probeRange(input: Input, paramNumbers: readonly number[]): [number, number] {
  const scale = input.scale?.points.map((p) => p.value);
  if (scale && scale.length > 1) return [Math.min(...scale), Math.max(...scale)];
  const guess = paramNumbers.some((n) => n > 0) ? 2 * Math.max(...paramNumbers) : 100;
  const lo = input.minimum ?? (input.maximum !== undefined && input.maximum <= 0 ? input.maximum - guess : 0);
  const hi = input.maximum ?? lo + guess;
  return [lo, hi];
}

/** Values for the inputs the rule reads besides the main one: the default, else the middle of the range. */
function baseInputs(scheme: Scheme, keys: readonly string[], paramNumbers: readonly number[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of keys) {
    const input = scheme.inputs[key];
    if (input.default !== undefined) values[key] = input.default;
    else if (NUMERIC.has(input.type)) {
      const [lo, hi] = probeRange(input, paramNumbers);
      values[key] = input.type === 'integer' ? Math.round((lo + hi) / 2) : (lo + hi) / 2;
    } else if (input.type === 'boolean') values[key] = false;
    else if (input.type === 'enum') values[key] = input.options?.[0]?.value ?? null;
    else values[key] = '';
  }
  return values;
}

/** +1 when the score only ever rises (and does rise) over the probes, -1 when it only falls, else undefined. */
function probeDirection(
  rule: unknown,
  lo: number,
  hi: number,
  integer: boolean,
  main: string,
  others: Record<string, unknown>,
  params: Record<string, unknown>,
): { direction: 1 | -1; xs: number[]; ys: number[] } | undefined {
  let run: (data: unknown) => unknown;
  try {
    run = compileLogic(rule);
  } catch {
    return undefined; // an invalid rule is reported by the operator check
  }
  const xs = [...new Set(Array.from({ length: PROBES }, (_, k) => lo + ((hi - lo) * k) / (PROBES - 1)).map((x) => (integer ? Math.round(x) : Number(x.toPrecision(12)))))];
  const ys: number[] = [];
  for (const x of xs) {
    let y: unknown;
    try {
      y = run({ inputs: { ...others, [main]: x }, params, indicators: {}, population: {}, employee: {} });
    } catch {
      return undefined;
    }
    if (typeof y !== 'number' || !Number.isFinite(y)) return undefined;
    ys.push(y);
  }
  const steps = ys.slice(1).map((y, k) => y - ys[k]);
  if (steps.every((d) => d >= 0) && steps.some((d) => d > 0)) return { direction: 1, xs, ys };
  if (steps.every((d) => d <= 0) && steps.some((d) => d < 0)) return { direction: -1, xs, ys };
  return undefined;
}
