/**
 * @module 4-evaluate/evaluate
 * Phase 4 of the pipeline: a compiled scheme applied to one employee or to a population.
 */
import { YardstickError } from '../errors.ts';
import type { CompiledScheme } from '../3-compile/compile.ts';
import { EmployeeRun, type EmployeeData, type EvaluateOptions } from './employee-run.ts';
import { computePopulationValue } from './population-values.ts';
import { placeContenders, tieBreakSources } from './distribution.ts';
import type { EmployeeResult, PopulationResult, PopulationValueResult } from './result.ts';
import type { RaterPeerMeans, RatingsByGroup } from '../inputs/values.ts';

export type { EmployeeData, EvaluateOptions };

/**
 * Evaluate one employee: indicator scores with status and trace, dimension subtotals, weighted
 * total, adjustments and grade. Population values come from `options.population` (indicators
 * that need them and lack them report `missing-population`).
 * @example
 * const r = evaluateEmployee(compileScheme(scheme), { id: 'E01', position: 'engineer', inputs: { complaints: 2 } });
 * r.indicators[0] // { key: 'complaints', status: 'ok', score: 80, explanation: '80 points from inputs.complaints = 2 (…)',
 * //                   explanationMessage: { code: 'score', args: { score: 80, values: 'inputs.complaints = 2', … } } }
 */
export function evaluateEmployee(compiled: CompiledScheme, employee: EmployeeData, options: EvaluateOptions = {}): EmployeeResult {
  checkEmployee(employee, 0);
  const run = new EmployeeRun(compiled, employee, options);
  for (const step of compiled.order) if (step.kind === 'indicator') run.evaluateIndicator(step.key);
  for (const key of compiled.brokenIndicators.keys()) if (!run.indicatorResults.has(key)) run.evaluateIndicator(key);
  run.finishScores();
  run.applyGradeAdjustments('after-distribution');
  return run.result!;
}

/**
 * Evaluate a whole population: population values (ranks, peer thresholds) in dependency order,
 * every employee's scores, ranks, the forced distribution and the adjustments after it.
 * Deterministic for the same scheme and data, whatever the order of `employees`.
 * @example
 * const { employees, gradeCounts } = evaluatePopulation(compiled, rows, { explain: false });
 */
export function evaluatePopulation(compiled: CompiledScheme, employees: EmployeeData[], options: Omit<EvaluateOptions, 'population'> = {}): PopulationResult {
  const seen = new Set<string>();
  employees.forEach((e, i) => {
    checkEmployee(e, i);
    if (seen.has(e.id)) throw new YardstickError('invalid_input', `Employee id "${e.id}" appears more than once (row ${i + 1}).`, { row: i + 1, id: e.id });
    seen.add(e.id);
  });
  const sorted = [...employees].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const raterPeerMeans = options.raterPeerMeans ?? peerMeans(compiled, sorted);
  const runOptions = { ...options, raterPeerMeans };
  const runs = sorted.map((e) => new EmployeeRun(compiled, e, runOptions));
  const populationValues: PopulationValueResult[] = [];
  for (const step of compiled.order) {
    if (step.kind === 'indicator') for (const run of runs) run.evaluateIndicator(step.key);
    else {
      const def = compiled.populationValues.get(step.key)!;
      const { values, results } = computePopulationValue(def, runs.map((run) => run.populationMember(def)));
      runs.forEach((run, i) => run.setPopulationValue(def.key, values[i]));
      populationValues.push(...results);
    }
  }
  for (const key of compiled.brokenIndicators.keys()) for (const run of runs) if (!run.indicatorResults.has(key)) run.evaluateIndicator(key);
  for (const run of runs) run.finishScores();
  const scheme = compiled.scheme;
  const scope = scheme.population?.distribution?.scope ?? 'all';
  const sources = tieBreakSources(scheme);
  const { placements, groups: distribution } = placeContenders(scheme, runs.map((run, i) => run.contender(i, scope, sources)));
  runs.forEach((run, i) => run.place(placements[i]));
  for (const run of runs) run.applyGradeAdjustments('after-distribution');

  const byId = new Map(runs.map((r) => [r.employee.id, r.result!]));
  const results = employees.map((e) => byId.get(e.id)!);
  const gradeCounts: Record<string, number> = Object.fromEntries(scheme.grading.grades.map((g) => [g.key, 0]));
  for (const r of results) if (r.grade !== null) gradeCounts[r.grade] = (gradeCounts[r.grade] ?? 0) + 1;
  return { schemeKey: scheme.key, schemeHash: compiled.hash, employees: results, populationValues, distribution, gradeCounts };
}

function checkEmployee(e: EmployeeData, index: number): void {
  if (!e || typeof e !== 'object') throw new YardstickError('invalid_input', `Row ${index + 1} is not an employee record.`, { row: index + 1 });
  if (typeof e.id !== 'string' || e.id === '') throw new YardstickError('invalid_input', `Row ${index + 1} has no employee id.`, { row: index + 1, field: 'id' });
  if (!e.inputs || typeof e.inputs !== 'object' || Array.isArray(e.inputs)) throw new YardstickError('invalid_input', `Employee "${e.id}" has no inputs object.`, { row: index + 1, field: 'inputs' });
}

/** For the peer-mean rater fallback: per multi-rater input and group, the mean of group means. */
function peerMeans(compiled: CompiledScheme, employees: EmployeeData[]): RaterPeerMeans {
  const scheme = compiled.scheme;
  if (scheme.raters?.fallback !== 'peer-mean') return {};
  const out: RaterPeerMeans = {};
  for (const [key, def] of Object.entries(scheme.inputs)) {
    if (!def.multiRater) continue;
    for (const g of scheme.raters.groups) {
      const minimum = g.minRaters ?? scheme.raters.minRaters ?? 1;
      const means: number[] = [];
      for (const e of employees) {
        const given = e.inputs[key] as RatingsByGroup | undefined;
        const ratings = given && typeof given === 'object' && !Array.isArray(given) && Object.hasOwn(given, g.key) ? given[g.key].filter((r): r is number => typeof r === 'number') : [];
        if (ratings.length >= minimum && ratings.length > 0) means.push(ratings.reduce((a, b) => a + b, 0) / ratings.length);
      }
      if (means.length) (out[key] ??= {})[g.key] = means.reduce((a, b) => a + b, 0) / means.length;
    }
  }
  return out;
}
