/**
 * Entry of the browser side of `simulator-bench.ts`: the same simulator step, bundled by Vite
 * into one script and run inside Chromium under the studio's CSP.
 */
import { canGenerateCode } from '../../rules/logic/index.ts';
import { compileScheme } from '../../rules/3-compile/compile.ts';
import { evaluatePopulation } from '../../rules/4-evaluate/evaluate.ts';
import type { Scheme } from '../../schemas/generated/scheme.ts';
import propertyServices from '../../rules/templates/property-services.json' with { type: 'json' };
import { edited, population, simulate } from './simulator-bench-core.ts';

export function run(n: number, runs: number, warmUp: number) {
  const scheme = structuredClone(propertyServices) as unknown as Scheme;
  scheme.template = false;
  const employees = population(n);
  const baseline = evaluatePopulation(compileScheme(scheme), employees, { explain: false });
  const grades = new Map(baseline.employees.map((e) => [e.employeeId, e.grade]));
  for (let i = 0; i < warmUp; i++) simulate(grades, edited(scheme), employees);
  const times: number[] = [];
  let changed = 0;
  for (let i = 0; i < runs; i++) {
    const copy = edited(scheme);
    const started = performance.now();
    changed = simulate(grades, copy, employees).changed;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(times.length / 2)]!, p90: times[Math.ceil(times.length * 0.9) - 1]!, changed, mode: canGenerateCode() ? 'codegen' : 'closure' };
}
