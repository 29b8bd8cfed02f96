/**
 * @module 2-analyze/index
 * Phase 2 of the pipeline: static checks of a parsed scheme, before anything is compiled or
 * published. Each family of checks lives in its own file; every finding code, its severity and
 * its wording are listed in `codes.ts`. Errors block publishing; warnings and infos are advice.
 * The structure the checks read (rule sites, data reads, evaluation order, hash) is
 * `schemeFacts`, which compile takes over instead of finding it again.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import type { LogicLimits } from '../logic/types.ts';
import { checkCycles } from './cycles.ts';
import { checkDesignAdvice } from './design-advice.ts';
import { checkDistribution } from './distribution.ts';
import { checkDuplicateKeys } from './duplicates.ts';
import { checkGrading } from './grading.ts';
import { checkOperators } from './operators.ts';
import { checkParams } from './params.ts';
import { byCodeUnits, comparePointers } from './pointer.ts';
import { checkPolarity } from './polarity.ts';
import { checkPopulation } from './population.ts';
import { checkRaters } from './raters.ts';
import { checkReferences } from './references.ts';
import { checkRuleBands } from './rule-bands.ts';
import { schemeFacts, type SchemeFacts } from './facts.ts';
import { checkUnits } from './units.ts';
import { checkWeights } from './weights.ts';
import type { Finding, Severity } from './types.ts';

export type { Finding, Severity } from './types.ts';
export type { SchemeFacts } from './facts.ts';
export { CATALOGUE, finding, type FindingCode } from './codes.ts';

/** Options of {@link analyzeScheme}. */
export interface AnalyzeOptions {
  /** Limits for the rule check (defaults: the engine's `DEFAULT_LIMITS`). */
  limits?: Partial<LogicLimits>;
  /** Codes to leave out, e.g. `['kpi_count_advice']` for a point-sheet library. */
  ignore?: readonly string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What analysis hands on: the findings, and the structure compile takes over (`compileScheme(scheme, facts)`). */
export interface Analysis {
  findings: Finding[];
  facts: SchemeFacts;
}

/**
 * Every finding about a scheme (see {@link analyzeScheme}) and the structure it found, for compile.
 * @example
 * const { findings, facts } = analyze(scheme);
 * if (!hasErrors(findings)) evaluatePopulation(compileScheme(scheme, facts), rows);
 */
export function analyze(scheme: Scheme, options: AnalyzeOptions = {}): Analysis {
  const facts = schemeFacts(scheme);
  return { findings: checkAll(scheme, facts, options), facts };
}

/**
 * Every finding about a scheme: errors first, then warnings, then infos; within a severity in
 * pointer order (array indices numerically), then by code. The same document gives the same
 * list, whatever the key order of its objects.
 * @example
 * const findings = analyzeScheme(parseScheme(json));
 * if (hasErrors(findings)) console.log(findings.filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}`));
 * // ['weights.positions.driver.indicators: Weights for position "driver" sum to 90, not 100.']
 */
export function analyzeScheme(scheme: Scheme, options: AnalyzeOptions = {}): Finding[] {
  return analyze(scheme, options).findings;
}

function checkAll(scheme: Scheme, facts: SchemeFacts, options: AnalyzeOptions): Finding[] {
  const sites = facts.sites.map((s) => s.site);
  const vars = facts.vars;
  const all = [
    ...checkDuplicateKeys(scheme),
    ...checkWeights(scheme),
    ...checkGrading(scheme),
    ...checkDistribution(scheme),
    ...checkRuleBands(scheme, sites),
    ...checkOperators(sites, options.limits),
    ...checkReferences(scheme, vars),
    ...checkCycles(scheme, vars),
    ...checkPolarity(scheme, vars),
    ...checkUnits(scheme),
    ...checkParams(scheme, vars),
    ...checkRaters(scheme),
    ...checkPopulation(scheme),
    ...checkDesignAdvice(scheme),
  ];
  const ignore = new Set(options.ignore ?? []);
  const seen = new Set<string>();
  const findings = all.filter((f) => {
    // A band parameter read by several rules is checked once per read; report it once.
    const id = `${f.code}\u0000${f.pointer}\u0000${f.message}`;
    if (ignore.has(f.code) || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return findings.sort(compareFindings);
}

/**
 * True when any finding is an error (the scheme must not be published).
 * @example hasErrors(analyzeScheme(scheme)) // false for a publishable scheme
 */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

function compareFindings(a: Finding, b: Finding): number {
  // Array.prototype.sort is stable: findings equal in all three keep the order their check gave
  // (gaps from low to high, dimensions in declared order), which does not depend on key order.
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || comparePointers(a.pointer, b.pointer) || byCodeUnits(a.code, b.code);
}
