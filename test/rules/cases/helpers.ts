/**
 * Small helpers shared by the golden-case and template tests: run a scheme through the real
 * pipeline (parse → compile → evaluate) and read results by key.
 */
import { analyzeScheme, compileScheme, evaluateEmployee, evaluatePopulation, parseScheme, roundDecimal } from '../../../rules/index.ts';
import type { EmployeeData, EmployeeResult, EvaluateOptions, Finding, IndicatorResult, PopulationResult, Scheme } from '../../../rules/index.ts';

export { roundDecimal };

/** Parse (validating against the JSON Schema) and compile. */
export function build(doc: unknown) {
  const scheme = parseScheme(doc);
  return { scheme, compiled: compileScheme(scheme) };
}

/** Findings of severity error. */
export function analysisErrors(scheme: Scheme): Finding[] {
  return analyzeScheme(scheme).filter((f) => f.severity === 'error');
}

export function evaluateOne(scheme: Scheme, employee: EmployeeData, options?: EvaluateOptions): EmployeeResult {
  return evaluateEmployee(compileScheme(scheme), employee, options);
}

export function evaluateAll(scheme: Scheme, employees: EmployeeData[]): PopulationResult {
  return evaluatePopulation(compileScheme(scheme), employees);
}

/** The result of one indicator; throws when the key is unknown, so a typo cannot pass silently. */
export function indicator(result: EmployeeResult, key: string): IndicatorResult {
  const found = result.indicators.find((r) => r.key === key);
  if (!found) throw new Error(`no indicator "${key}" in the result (have: ${result.indicators.map((r) => r.key).join(', ')})`);
  return found;
}

export function score(result: EmployeeResult, key: string): number | null {
  return indicator(result, key).score;
}

export function byId(result: PopulationResult, id: string): EmployeeResult {
  const found = result.employees.find((e) => e.employeeId === id);
  if (!found) throw new Error(`no employee "${id}"`);
  return found;
}

/** A population value's group result (statistics kinds), e.g. the mean of a column. */
export function populationValue(result: PopulationResult, key: string, group = 'all'): number | null {
  const found = result.populationValues.find((v) => v.key === key && v.group === group);
  if (!found) throw new Error(`no population value "${key}" for group "${group}"`);
  return found.value;
}

/** A copy of a (possibly frozen) scheme with some parameters filled in. */
export function withParams(scheme: Scheme, values: Record<string, unknown>): Scheme {
  const copy = structuredClone(scheme) as Scheme;
  copy.params ??= {};
  for (const [key, value] of Object.entries(values)) {
    if (!Object.hasOwn(copy.params, key)) throw new Error(`no parameter "${key}"`);
    copy.params[key] = { ...copy.params[key], value: value as never };
  }
  return parseScheme(copy);
}

/** A golden case file (test/fixtures/cases), loosely typed: `inputs` and `expected` differ per case. */
export interface GoldenCase {
  id: string;
  indicators: Array<{ key: string; name: string; weight?: number; rule: string }>;
  employees: Array<{ id: string; inputs: Record<string, unknown>; expected: Record<string, unknown> }>;
  notes: string[];
}

/** View an imported case file through `GoldenCase` (JSON imports type every row as a different union member). */
export function goldenCase(json: unknown): GoldenCase {
  return json as GoldenCase;
}
