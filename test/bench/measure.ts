/**
 * @module test/bench/measure
 * Measuring helpers for micro-benchmarks of evaluators: warm up, time several runs of at least
 * a given duration over a set of records, report the median ops/sec. Each measured function
 * gets its own freshly built loop, so V8's type feedback for one implementation does not slow
 * the next one down (a shared loop would turn megamorphic after a few implementations).
 */

export interface MeasureOptions {
  /** Timed runs (default 3). */
  readonly runs?: number;
  /** Minimum duration of each run in ms (default 1000). */
  readonly minRunMs?: number;
  /** Warm-up before timing in ms (default 300). */
  readonly warmupMs?: number;
}

export interface Measurement {
  /** Median of the runs. */
  readonly opsPerSec: number;
  /** ops/sec of every run. */
  readonly runs: readonly number[];
  /** Calls per run. */
  readonly callsPerRun: number;
}

type Loop = (fn: (record: unknown) => unknown, records: readonly unknown[], passes: number) => number;

/** A fresh copy of the timing loop (its own feedback vector). The result check keeps calls from being optimised away. */
function freshLoop(): Loop {
  return new Function(
    'fn',
    'records',
    'passes',
    `"use strict";
     const never = {};
     let sink = 0;
     for (let p = 0; p < passes; p++) {
       for (let i = 0; i < records.length; i++) if (fn(records[i]) === never) sink++;
     }
     return sink;`,
  ) as Loop;
}

/**
 * The median of numbers.
 * @example median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A calibrated timer for one implementation: each `run()` times one run of at least minRunMs. */
export interface Runner {
  /** ops/sec of one timed run. */
  run(): number;
  readonly callsPerRun: number;
}

/**
 * Warms `fn` up over `records` and finds how many passes take about `minRunMs`.
 * @example
 * const runner = createRunner(compiled, records); runner.run(); // ops/sec
 */
export function createRunner(fn: (record: unknown) => unknown, records: readonly unknown[], options: MeasureOptions = {}): Runner {
  const { minRunMs = 1000, warmupMs = 300 } = options;
  const loop = freshLoop();
  let passes = 1;
  const warmupEnd = performance.now() + warmupMs;
  for (;;) {
    const started = performance.now();
    loop(fn, records, passes);
    const elapsed = performance.now() - started;
    if (elapsed >= minRunMs / 4 && performance.now() >= warmupEnd) {
      passes = Math.max(1, Math.ceil((passes * minRunMs) / Math.max(elapsed, 1e-3)));
      break;
    }
    passes *= 2;
  }
  return {
    callsPerRun: passes * records.length,
    run: () => {
      let calls = 0;
      let elapsed = 0;
      const started = performance.now();
      do {
        loop(fn, records, passes);
        calls += passes * records.length;
        elapsed = performance.now() - started;
      } while (elapsed < minRunMs);
      return (calls / elapsed) * 1000;
    },
  };
}

/**
 * Times `fn` over `records`: warm-up, then `runs` runs of at least `minRunMs` each.
 * @example
 * const { opsPerSec } = measure((d) => compiled(d), records, { runs: 3, minRunMs: 1000 });
 */
export function measure(fn: (record: unknown) => unknown, records: readonly unknown[], options: MeasureOptions = {}): Measurement {
  const runner = createRunner(fn, records, options);
  const results = Array.from({ length: options.runs ?? 3 }, () => runner.run());
  return { opsPerSec: median(results), runs: results, callsPerRun: runner.callsPerRun };
}

/**
 * Measures several implementations with their runs interleaved (run 1 of each, then run 2 of
 * each…), so a machine whose load changes over time skews them alike.
 * @example
 * compareImplementations({ 'json-logic-js': (d) => apply(rule, d), codegen: compiled }, records)
 */
export function compareImplementations(implementations: Readonly<Record<string, (record: unknown) => unknown>>, records: readonly unknown[], options: MeasureOptions = {}): Map<string, Measurement> {
  const runners = Object.entries(implementations).map(([name, fn]) => ({ name, runner: createRunner(fn, records, options), results: [] as number[] }));
  for (let run = 0; run < (options.runs ?? 3); run++) for (const entry of runners) entry.results.push(entry.runner.run());
  return new Map(runners.map(({ name, runner, results }) => [name, { opsPerSec: median(results), runs: results, callsPerRun: runner.callsPerRun }]));
}

/** Deep equality where NaN equals NaN and -0 differs from 0. */
export function sameResult(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameResult(item, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameResult((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return false;
}

/**
 * Throws unless every implementation returns the same result as the first on every record.
 * @example
 * assertSameResults({ reference: (d) => apply(rule, d), ours: compiled }, records);
 */
export function assertSameResults(implementations: Readonly<Record<string, (record: unknown) => unknown>>, records: readonly unknown[]): void {
  const [baselineName, baseline] = Object.entries(implementations)[0] ?? [];
  if (baseline === undefined) return;
  for (const [name, fn] of Object.entries(implementations)) {
    records.forEach((record, i) => {
      const expected = baseline(record);
      const actual = fn(record);
      if (!sameResult(actual, expected)) {
        throw new Error(`${name} differs from ${baselineName} on record ${i} ${JSON.stringify(record)}: ${String(actual)} vs ${String(expected)}`);
      }
    });
  }
}

/** ops/sec with thousands separators. */
export function formatOps(opsPerSec: number): string {
  return Math.round(opsPerSec).toLocaleString('en-US');
}

/** A ratio as "12.3×" (or "1/4.5" below 1). */
export function formatRatio(ratio: number): string {
  return ratio >= 1 ? `${ratio.toFixed(ratio >= 10 ? 0 : 1)}×` : `1/${(1 / ratio).toFixed(1)}`;
}

/** A markdown table from a header and rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * A deterministic pseudo-random generator (mulberry32), so every run benchmarks the same records.
 * @example const random = seededRandom(42); random(); // 0.6011…
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
