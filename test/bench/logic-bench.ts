/**
 * @module test/bench/logic-bench
 * Micro-benchmark of the JSON Logic evaluators on four scoring rules and 1024 varied records:
 * json-logic-js `apply`, json-logic-engine's compiled `build`, our generated-code and closure
 * evaluators, and a hand-written function per rule. All implementations must agree on every
 * record before anything is timed. Runs are interleaved across implementations (the machine is
 * shared), and the table reports each one's median. Prints a markdown table.
 *
 * Run: node --import tsx test/bench/logic-bench.ts [--runs=3] [--ms=1000]
 */
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { clamp, compileLogic, round, roundHalfUp, safeDivide } from '../../rules/logic/index.ts';
import { createContext, UNLIMITED } from '../../rules/logic/limits.ts';
import { bandTable } from '../../rules/logic/ops-tables.ts';
import { referenceApply, registerDomainOperators } from '../rules/logic/reference.ts';
import { assertSameResults, compareImplementations, formatOps, formatRatio, markdownTable, seededRandom } from './measure.ts';

const argument = (name: string, fallback: number): number => {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.split('=')[1]);
};
const RUNS = argument('runs', 3);
const MIN_RUN_MS = argument('ms', 1000);

interface Record {
  readonly t: number;
  readonly a: number;
  readonly score: number;
  readonly actual: number;
  readonly plan: number;
}

const random = seededRandom(20261121);
const RECORDS: Record[] = Array.from({ length: 1024 }, (_, i) => ({
  // No zero targets: json-logic-js gives ±Infinity or NaN there, json-logic-engine throws instead, and
  // the table compares implementations that agree. Zero plans are fine: `div` has a fallback.
  t: 1 + Math.floor(random() * 200),
  a: Math.floor(random() * 220),
  score: Math.round(random() * 1000) / 10,
  actual: Math.round(random() * 15000) / 100,
  plan: i % 61 === 0 ? 0 : Math.round(random() * 12000) / 100,
}));

const BAND_ROWS = [
  { min: 90, value: 'A' },
  { min: 80, max: 90, value: 'B' },
  { min: 70, max: 80, value: 'C' },
  { min: 60, max: 70, value: 'D' },
  { max: 60, value: 'E' },
];

interface BenchRule {
  readonly name: string;
  readonly rule: unknown;
  /** The same rule for json-logic-engine, which needs literal objects wrapped in "preserve". */
  readonly engineRule?: unknown;
  readonly handWritten: (d: Record) => unknown;
}

const RULES: readonly BenchRule[] = [
  {
    name: '(a) score `max(0, 100 - 10*((t-a)/t))`',
    rule: { max: [0, { '-': [100, { '*': [10, { '/': [{ '-': [{ var: 't' }, { var: 'a' }] }, { var: 't' }] }] }] }] },
    handWritten: (d) => Math.max(0, 100 - 10 * ((d.t - d.a) / d.t)),
  },
  {
    name: '(b) grade if-chain A/B/C/D',
    rule: { if: [{ '>=': [{ var: 'score' }, 90] }, 'A', { '>=': [{ var: 'score' }, 80] }, 'B', { '>=': [{ var: 'score' }, 60] }, 'C', 'D'] },
    handWritten: (d) => (d.score >= 90 ? 'A' : d.score >= 80 ? 'B' : d.score >= 60 ? 'C' : 'D'),
  },
  {
    name: '(c) band table, 5 rows',
    rule: { band: [{ var: 'score' }, BAND_ROWS, null] },
    engineRule: { band: [{ var: 'score' }, { preserve: BAND_ROWS }, null] },
    handWritten: (d) => (d.score >= 90 ? 'A' : d.score >= 80 ? 'B' : d.score >= 70 ? 'C' : d.score >= 60 ? 'D' : 'E'),
  },
  {
    name: '(d) `round(clamp(div(100*actual, plan, 0), 0, 120), 1)`',
    rule: { round: [{ clamp: [{ div: [{ '*': [100, { var: 'actual' }] }, { var: 'plan' }, 0] }, 0, 120] }, 1] },
    handWritten: (d) => roundHalfUp(Math.min(Math.max(d.plan === 0 ? 0 : (100 * d.actual) / d.plan, 0), 120), 1),
  },
];

/** json-logic-engine with the domain operators; it throws NaN for NaN results, which the guard turns back into NaN. */
function engineBuild(rule: unknown): (d: unknown) => unknown {
  const engine = new LogicEngine();
  engine.addMethod('round', (args: unknown[]) => round(args[0], args[1]), { deterministic: true });
  engine.addMethod('clamp', (args: unknown[]) => clamp(args[0], args[1], args[2]), { deterministic: true });
  engine.addMethod('div', (args: unknown[]) => safeDivide(args[0], args[1], args[2]), { deterministic: true });
  // Read each (preserved, so identical) rows array once, as our compilers do for literal tables.
  const tables = new WeakMap<object, ReturnType<typeof bandTable>>();
  const unlimited = createContext(UNLIMITED);
  engine.addMethod(
    'band',
    (args: unknown[]) => {
      const rows = args[1] as unknown[];
      let table = tables.get(rows);
      if (table === undefined) tables.set(rows, (table = bandTable(rows)));
      return table(unlimited, args[0], args[2]);
    },
    { deterministic: true },
  );
  const built = engine.build(rule) as (d: unknown) => unknown;
  return (d) => {
    try {
      return built(d);
    } catch (error) {
      if (typeof error === 'number' && Number.isNaN(error)) return Number.NaN;
      throw error;
    }
  };
}

registerDomainOperators(jsonLogic);

const header = ['rule', 'implementation', 'ops/sec (median)', 'vs json-logic-js', 'vs hand-written'];
const rows: string[][] = [];
for (const bench of RULES) {
  const implementations: { [name: string]: (d: unknown) => unknown } = {
    'json-logic-js 2.0.5 `apply`': (d) => referenceApply(bench.rule, d),
    'json-logic-engine 5.0.7 `build`': engineBuild(bench.engineRule ?? bench.rule),
    'ours: codegen': compileLogic(bench.rule, { mode: 'codegen' }),
    'ours: closure': compileLogic(bench.rule, { mode: 'closure' }),
    'hand-written JS': (d) => bench.handWritten(d as Record),
  };
  assertSameResults(implementations, RECORDS);
  const measured = [...compareImplementations(implementations, RECORDS, { runs: RUNS, minRunMs: MIN_RUN_MS })].map(([name, m]) => ({ name, ...m }));
  const reference = measured[0]?.opsPerSec ?? 1;
  const hand = measured.at(-1)?.opsPerSec ?? 1;
  for (const m of measured) rows.push([bench.name, m.name, formatOps(m.opsPerSec), formatRatio(m.opsPerSec / reference), formatRatio(m.opsPerSec / hand)]);
  process.stderr.write(`measured ${bench.name}\n`);
}

console.log(`Node ${process.version}, ${RECORDS.length} records, ${RUNS} interleaved runs of >= ${MIN_RUN_MS} ms each per implementation (median); all implementations agreed on every record.\n`);
console.log(markdownTable(header, rows));
