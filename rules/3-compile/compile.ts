/**
 * @module 3-compile/compile
 * Phase 3 of the pipeline: every JSON Logic expression of a scheme becomes a function once
 * (cached by content in the logic engine). What each rule reads, the evaluation order
 * (indicators and population values in dependency order, so a rule only reads what is already
 * computed) and the content hash come from analysis (`2-analyze/facts.ts`), not found again.
 */
import type { Scheme, Indicator, Adjustment, PopulationValue } from '../../schemas/generated/scheme.ts';
import { compileLogic, compileTrace, getOperator, listOperators, type TraceResult } from '../logic/index.ts';
import { YardstickError, isYardstickError } from '../errors.ts';
import { ruleRefs, schemeFacts, type EvaluationStep, type RuleRefs, type SchemeFacts } from '../2-analyze/facts.ts';
import { resolveWeights, type ResolvedWeights } from './weights.ts';

export type { EvaluationStep, RuleRefs };

/** One JSON Logic expression, ready to run (or the reason it cannot run). */
export interface CompiledRule {
  rule: unknown;
  /** JSON pointer of the rule inside the scheme, e.g. /indicators/2/score. */
  pointer: string;
  run: (data: unknown) => unknown;
  /** Evaluate with the steps recorded; the rule is checked and parsed on first use only. */
  trace: (data: unknown) => TraceResult;
  refs: RuleRefs;
  /** The rule divides, so a non-finite result means a division by zero. */
  divides: boolean;
  /** refs as lists with their labels, in the order evaluation reports them. */
  reads: { params: ReadList; inputs: ReadList; indicators: ReadList; population: ReadList };
  error?: YardstickError;
}

export interface CompiledIndicator {
  def: Indicator;
  index: number;
  score: CompiledRule;
}

/** `[key, 'namespace.key']` pairs a rule reads, precomputed so evaluation builds no strings. */
export type ReadList = ReadonlyArray<readonly [key: string, label: string]>;

export interface CompiledAdjustment {
  def: Adjustment;
  when?: CompiledRule;
  points?: CompiledRule;
}

/** What applies to one row of the weight matrix. */
export interface PositionPlan {
  weights: ResolvedWeights;
  /** Indicators computed for this position: weighted ones and everything they (or adjustments) read. */
  relevant: Set<string>;
}

/** A scheme turned into functions and an evaluation order. Immutable; safe to share. */
export interface CompiledScheme {
  scheme: Scheme;
  hash: string;
  indicators: Map<string, CompiledIndicator>;
  /** Indicator definitions in document order, duplicates (an analysis error) left out. */
  indicatorDefs: Indicator[];
  /** Declared inputs as a list, so evaluation does not rebuild it per employee. */
  inputDefs: Array<readonly [string, Scheme['inputs'][string]]>;
  populationValues: Map<string, PopulationValue>;
  adjustments: CompiledAdjustment[];
  gradingRule?: CompiledRule;
  /** Indicators and population values in dependency order; cyclic ones are left out and flagged. */
  order: EvaluationStep[];
  /** Indicator key → why it cannot be evaluated at all (cycle, unknown operator, …). */
  brokenIndicators: Map<string, string>;
  params: Record<string, unknown>;
  /** Params declared without a value (template blanks). */
  blankParams: Set<string>;
  plan(position?: string | null): PositionPlan;
}

const compiledSchemes = new WeakMap<Scheme, CompiledScheme>();

/**
 * Compile a parsed scheme, taking over what analysis found of it (`analyze(scheme).facts`), or
 * finding it when called without. Broken rules do not throw: the affected indicators report
 * status `error` when evaluated, so a draft can be previewed while it is being edited.
 * @example
 * const compiled = compileScheme(parseScheme(doc));
 * evaluateEmployee(compiled, { id: 'e1', position: 'engineer', inputs: { close_rate: 0.93 } });
 */
export function compileScheme(scheme: Scheme, analysed?: SchemeFacts): CompiledScheme {
  const cached = compiledSchemes.get(scheme);
  if (cached) return cached;
  const facts = analysed ?? schemeFacts(scheme);
  const compileAt = (rule: unknown, pointer: string) => compileRule(rule, pointer, facts.at.get(pointer)?.refs);

  const indicators = new Map<string, CompiledIndicator>();
  scheme.indicators.forEach((def, index) => {
    if (!indicators.has(def.key)) indicators.set(def.key, { def, index, score: compileAt(def.score, `/indicators/${index}/score`) });
  });
  const populationValues = new Map((scheme.population?.values ?? []).map((v) => [v.key, v] as const));
  const adjustments = (scheme.adjustments ?? []).map((def, i) => ({
    def,
    when: def.when === undefined ? undefined : compileAt(def.when, `/adjustments/${i}/when`),
    points: def.points === undefined ? undefined : compileAt(def.points, `/adjustments/${i}/points`),
  }));
  const gradingRule = scheme.grading.rule === undefined ? undefined : compileAt(scheme.grading.rule, '/grading/rule');

  const params: Record<string, unknown> = Object.create(null);
  const blankParams = new Set<string>();
  for (const [key, p] of Object.entries(scheme.params ?? {})) {
    if (p.value === undefined) blankParams.add(key);
    else params[key] = p.value;
  }

  const brokenIndicators = new Map<string, string>();
  for (const [key, ind] of indicators) if (ind.score.error) brokenIndicators.set(key, ind.score.error.message);
  for (const key of facts.cyclic) brokenIndicators.set(key, `indicator "${key}" depends on itself through a cycle of references`);
  const order = facts.order;

  const plans = new Map<string, PositionPlan>();
  const compiled: CompiledScheme = {
    scheme,
    hash: facts.hash,
    indicators,
    indicatorDefs: [...indicators.values()].map((i) => i.def),
    inputDefs: Object.entries(scheme.inputs),
    populationValues,
    adjustments,
    gradingRule,
    order,
    brokenIndicators,
    params,
    blankParams,
    plan(position) {
      const weights = resolveWeights(scheme, position);
      let plan = plans.get(weights.row);
      if (!plan) {
        plan = { weights, relevant: relevantIndicators(compiled, Object.keys(weights.indicators)) };
        plans.set(weights.row, plan);
      }
      return plan;
    },
  };
  compiledSchemes.set(scheme, compiled);
  return compiled;
}

/**
 * Compile one expression of the scheme, with what it reads (as analysis found it, or found here).
 * @example compileRule({ '/': [{ var: 'inputs.a' }, 2] }, '/indicators/0/score').refs.inputs // Set { 'a' }
 */
export function compileRule(rule: unknown, pointer: string, found?: RuleRefs): CompiledRule {
  let refs: RuleRefs = found ?? { inputs: new Set(), params: new Set(), indicators: new Set(), population: new Set() };
  // The registry says which operators divide; only operations count, not keys of literal objects.
  const divides = listOperators(rule).some((op) => getOperator(op)?.mayDivideByZero === true);
  try {
    refs = found ?? ruleRefs(rule);
    let tracer: ((data: unknown) => TraceResult) | undefined;
    const trace = (data: unknown) => (tracer ??= compileTrace(rule))(data);
    return { rule, pointer, run: compileLogic(rule), trace, refs, divides, reads: readLists(refs) };
  } catch (err) {
    const error = isYardstickError(err) ? err : new YardstickError('invalid_rule', `The rule at ${pointer} cannot be compiled: ${(err as Error).message}`);
    return { rule, pointer, run: () => null, trace: () => ({ result: null, steps: [] }), refs, divides, reads: readLists(refs), error };
  }
}

function readLists(refs: RuleRefs): CompiledRule['reads'] {
  const list = (namespace: keyof RuleRefs) => [...refs[namespace]].map((key) => [key, `${namespace}.${key}`] as const);
  return { params: list('params'), inputs: list('inputs'), indicators: list('indicators'), population: list('population') };
}

/** Weighted indicators plus everything they, the adjustments, the grading rule and population values read. */
function relevantIndicators(compiled: CompiledScheme, weighted: string[]): Set<string> {
  const relevant = new Set<string>();
  const queue = [...weighted];
  const extraRules = [...compiled.adjustments.flatMap((a) => [a.when, a.points]), compiled.gradingRule];
  for (const r of extraRules) if (r) queue.push(...r.refs.indicators);
  for (const v of compiled.populationValues.values()) {
    const [namespace, key] = v.source.split('.');
    if (namespace === 'indicators') queue.push(key);
  }
  for (const tb of compiled.scheme.population?.distribution?.tieBreak ?? []) {
    const [namespace, key] = tb.source.split('.');
    if (namespace === 'indicators') queue.push(key);
  }
  while (queue.length) {
    const key = queue.pop()!;
    const ind = compiled.indicators.get(key);
    if (!ind || relevant.has(key)) continue;
    relevant.add(key);
    queue.push(...ind.score.refs.indicators);
  }
  return relevant;
}
