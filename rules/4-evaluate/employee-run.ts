/**
 * @module 4-evaluate/employee-run
 * The evaluation of one employee, step by step: indicators in dependency order, then the
 * weighted total, bonus and deduction points, the band grade and grade adjustments.
 * Population evaluation drives many of these side by side: it asks each run what population
 * values and ranking read of it (`populationMember`, `contender`) and hands back what they
 * decided (`setPopulationValue`, `place`), so only this class changes a run's state.
 */
import type { PopulationValue, Scheme } from '../../schemas/generated/scheme.ts';
import { getOperator, truthy, type TraceStep } from '../logic/index.ts';
import { isYardstickError } from '../errors.ts';
import type { CompiledScheme, CompiledRule, PositionPlan } from '../3-compile/compile.ts';
import { prepareInputs, type PreparedInputs, type RaterPeerMeans } from '../inputs/values.ts';
import { englishText, fixed, formatNumber, say, shared } from './messages.ts';
import { roundDecimal } from './rounding.ts';
import { gradeForTotal, shiftGrade } from './grading.ts';
import type { Contender, Placement } from './distribution.ts';
import type { PopulationMember } from './population-values.ts';
import type { AdjustmentResult, DimensionResult, EmployeeResult, IndicatorResult, IndicatorStatus, Message } from './result.ts';

/** One employee's data for a cycle. */
export interface EmployeeData {
  id: string;
  position?: string | null;
  department?: string | null;
  /** Other attributes rules and scopes may use: level, team, group, … */
  attributes?: Record<string, string | number | boolean | null>;
  inputs: Record<string, unknown>;
}

export interface EvaluateOptions {
  /** Record each rule's evaluation steps (default true). Turn off for bulk runs. */
  explain?: boolean;
  /** Population values computed elsewhere (e.g. stored with the cycle), read as population.<key>. */
  population?: Record<string, unknown>;
  /** Means over peers per multi-rater input and group, for the peer-mean fallback. */
  raterPeerMeans?: RaterPeerMeans;
}

// Shared by every result without a trace; frozen so no caller can fill it for all of them.
const NO_TRACE = Object.freeze([]) as unknown as TraceStep[];
const NO_CONTEXT: Record<string, unknown> = Object.freeze({});
const NOT_RECORDED: Record<string, unknown> = Object.freeze({});
// Most results have no notes; they share this one empty list.
const NO_MESSAGES = Object.freeze([]) as unknown as Message[];
const NO_NOTES = Object.freeze([]) as unknown as string[];

/** A trace step of an operator that says which branch, band or table row decided the score (a registry fact). */
function isDecisive(step: TraceStep): boolean {
  return getOperator(step.op)?.decisive === true;
}

/**
 * Indicator results by key, one slot per indicator of the compiled scheme: an array per employee
 * rather than a Map, whose hash table (grown as indicators are added) was a good part of what a
 * 10,000-employee simulator run left to the garbage collector.
 */
class IndicatorSlots {
  private readonly slots: Array<IndicatorResult | undefined>;
  constructor(private readonly index: ReadonlyMap<string, number>) {
    this.slots = new Array<IndicatorResult | undefined>(index.size);
  }
  get(key: string): IndicatorResult | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.slots[i];
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  set(key: string, result: IndicatorResult): void {
    const i = this.index.get(key);
    if (i !== undefined) this.slots[i] = result;
  }
}

// Per compiled scheme, each indicator's slot (its position among the scheme's indicators).
const SLOT_INDEX = new WeakMap<CompiledScheme, ReadonlyMap<string, number>>();
function slotIndex(compiled: CompiledScheme): ReadonlyMap<string, number> {
  let index = SLOT_INDEX.get(compiled);
  if (!index) SLOT_INDEX.set(compiled, (index = new Map(compiled.indicatorDefs.map((d, i) => [d.key, i]))));
  return index;
}

/** A plain copy of the population values an employee's rules could read; most schemes have none, and share one empty object. */
function populationCopy(values: Record<string, unknown>): Record<string, unknown> {
  for (const _ in values) return Object.fromEntries(Object.entries(values));
  return NO_POPULATION;
}
const NO_POPULATION: Record<string, unknown> = Object.freeze({});

/** Mutable state of one employee's evaluation; internal to the rules pipeline. */
export class EmployeeRun {
  readonly employee: EmployeeData;
  readonly plan: PositionPlan;
  readonly prepared: PreparedInputs;
  readonly data: {
    inputs: Record<string, unknown>;
    params: Record<string, unknown>;
    indicators: Record<string, unknown>;
    population: Record<string, unknown>;
    employee: Record<string, unknown>;
  };
  readonly indicatorResults: IndicatorSlots;
  /** Plain-language notes; shared and empty until the first note (see `note`). */
  notes: string[] = NO_NOTES;
  /** `notes` as codes and args, in step with it (see `note`); shared and empty until the first note. */
  private noteMessages: Message[] = NO_MESSAGES;
  result?: EmployeeResult;
  /** A veto fixes the grade: later grade adjustments and the distribution leave it alone. */
  gradeLocked = false;

  private readonly compiled: CompiledScheme;
  private readonly explain: boolean;

  constructor(compiled: CompiledScheme, employee: EmployeeData, options: EvaluateOptions = {}) {
    this.compiled = compiled;
    this.employee = employee;
    this.explain = options.explain ?? true;
    this.plan = compiled.plan(employee.position);
    this.indicatorResults = new IndicatorSlots(slotIndex(compiled));
    this.prepared = prepareInputs(compiled.scheme, employee.inputs ?? {}, options.raterPeerMeans, compiled.inputDefs);
    for (const key in this.prepared.noteMessages) this.note(this.prepared.noteMessages[key]);
    this.data = {
      inputs: this.prepared.values,
      params: compiled.params,
      indicators: Object.create(null),
      population: Object.assign(Object.create(null), options.population ?? {}),
      employee: Object.assign(Object.create(null), employee.attributes ?? {}, {
        id: employee.id,
        position: employee.position ?? null,
        department: employee.department ?? null,
      }),
    };
  }

  /** Add a result note; its English text and its message stay in step. */
  note(message: Message, text = englishText(message)): void {
    if (this.noteMessages === NO_MESSAGES) {
      this.notes = [];
      this.noteMessages = [];
      if (this.result) {
        this.result.notes = this.notes;
        this.result.noteMessages = this.noteMessages;
      }
    }
    this.notes.push(text);
    this.noteMessages.push(message);
  }

  get scheme(): Scheme {
    return this.compiled.scheme;
  }

  /** The employee's value for a peer-group scope such as department or team. */
  scopeValue(scope: string): string {
    if (scope === 'all') return 'all';
    const v = this.data.employee[scope];
    return v === null || v === undefined ? '(none)' : String(v);
  }

  /**
   * What a population value reads of this employee: its group in the value's scope and the
   * source's value (an indicator that scored, or an input without problems; else null).
   */
  populationMember(def: PopulationValue): PopulationMember {
    const [namespace, key] = def.source.split('.');
    let value: unknown = null;
    if (namespace === 'indicators') {
      const r = this.indicatorResults.get(key);
      value = r?.status === 'ok' ? r.score : null;
    } else if (!this.prepared.problems[key]) value = this.prepared.values[key];
    return { group: this.scopeValue(def.scope ?? 'all'), value: typeof value === 'number' && Number.isFinite(value) ? value : null };
  }

  /** Give the rules of later indicators a population value (`population.<key>`). */
  setPopulationValue(key: string, value: number | null): void {
    this.data.population[key] = value;
  }

  /** What ranking and the forced distribution read of this employee (after its scores). */
  contender(index: number, scope: string, tieBreakSources: readonly string[]): Contender {
    const result = this.result!;
    const tieValues = tieBreakSources.map((source) => {
      const [namespace, key] = source.split('.');
      const v = namespace === 'indicators' ? this.indicatorResults.get(key)?.score : this.prepared.values[key];
      return typeof v === 'number' && Number.isFinite(v) ? v : -Infinity;
    });
    return { index, id: this.employee.id, group: this.scopeValue(scope), total: result.total, grade: result.grade, locked: this.gradeLocked, tieValues };
  }

  /** Take the rank and the distribution's decision for this employee. */
  place(placement: Placement): void {
    const result = this.result!;
    if (placement.rank) result.rank = placement.rank;
    if (placement.distribution) {
      result.distribution = placement.distribution;
      result.grade = placement.distribution.gradeAfter;
      result.coefficient = coefficientOf(this.scheme, result.grade);
    }
  }

  /** Compute one indicator from inputs, params and what is already computed. */
  evaluateIndicator(key: string): void {
    const ind = this.compiled.indicators.get(key)!;
    if (!this.plan.relevant.has(key)) return this.record(ind.def, 'not-applicable', null, {}, notAssessed(this.plan));
    const broken = this.compiled.brokenIndicators.get(key);
    if (broken) return this.record(ind.def, 'error', null, {}, say('rule_invalid', { reason: broken }));
    // Bulk runs keep no per-indicator copy of the values read: they are the employee's inputs
    // and params, and an explained re-evaluation lists them. It halves what 100,000 results weigh.
    const used: Record<string, unknown> = this.explain ? {} : NOT_RECORDED;
    const blocker = this.gather(ind.score, used);
    if (blocker) return this.record(ind.def, blocker.status, null, used, blocker.why);
    let raw: unknown;
    let trace: TraceStep[] = NO_TRACE;
    try {
      if (this.explain) ({ result: raw, steps: trace } = ind.score.trace(this.data));
      else raw = ind.score.run(this.data);
    } catch (err) {
      return this.record(ind.def, 'error', null, used, isYardstickError(err) ? say('rule_error', { reason: err.message }) : say('rule_failed', { reason: (err as Error).message }), trace);
    }
    let value: number;
    // The usual case, a finite number, without building an outcome object for each of 100,000 scores.
    if (typeof raw === 'number' && Number.isFinite(raw)) value = raw === 0 ? 0 : raw;
    else {
      const outcome = classify(raw, ind.score);
      if (outcome.status !== 'ok') return this.record(ind.def, outcome.status, null, used, outcome.why, trace);
      value = outcome.value;
    }
    const rounding = this.scheme.rounding;
    const decimals = ind.def.decimals ?? rounding?.indicatorDecimals;
    const score = decimals === undefined ? value : roundDecimal(value, decimals, rounding?.mode ?? 'half-up');
    this.data.indicators[key] = score;
    // Bulk runs (explain: false) skip the sentence and its message; a result page recomputes
    // them with explain on.
    this.record(ind.def, 'ok', score, used, this.explain ? explainScore(score, used, trace) : undefined, trace);
  }

  private record(def: CompiledScheme['indicatorDefs'][number], status: IndicatorStatus, score: number | null, used: Record<string, unknown>, why: Message | undefined, trace: TraceStep[] = NO_TRACE): void {
    const weights = this.plan.weights.indicators;
    const weight = Object.hasOwn(weights, def.key) ? weights[def.key] : null;
    // Two literal shapes rather than adding the message afterwards: a property added later costs
    // each of 100,000 results an extra allocation.
    const result: IndicatorResult = why
      ? { key: def.key, title: def.title, dimension: def.dimension ?? null, weight, status, score, weighted: null, used, explanation: englishText(why), explanationMessage: why, trace }
      : { key: def.key, title: def.title, dimension: def.dimension ?? null, weight, status, score, weighted: null, used, explanation: '', trace };
    this.indicatorResults.set(def.key, result);
  }

  /** Collect the values a rule reads into `used`; the first unusable one blocks the rule. */
  private gather(rule: CompiledRule, used: Record<string, unknown>): { status: IndicatorStatus; why: Message } | undefined {
    let problems: Array<{ status: IndicatorStatus; why: Message }> | undefined;
    const { reads } = rule;
    for (const [p, label] of reads.params) {
      if (this.compiled.blankParams.has(p)) (problems ??= []).push({ status: 'missing-param', why: say('param_blank', { param: p }) });
      else if (this.explain && Object.hasOwn(this.compiled.params, p)) used[label] = this.compiled.params[p];
    }
    for (const [i, label] of reads.inputs) {
      if (this.explain) used[label] = this.prepared.values[i] ?? null;
      const problem = this.prepared.problems[i];
      if (problem) (problems ??= []).push({ status: problem.status, why: problem.why });
    }
    for (const [j, label] of reads.indicators) {
      const dep = this.indicatorResults.get(j);
      if (!dep) continue; // unknown indicator: analysis reports it; the rule reads null
      if (this.explain) used[label] = dep.score;
      if (dep.status !== 'ok') (problems ??= []).push({ status: dep.status, why: say('dependency_unscored', { indicator: j, because: [dep.explanationMessage!] }) });
    }
    for (const [q, label] of reads.population) {
      const v = this.data.population[q];
      if (this.explain) used[label] = v ?? null;
      if (v === null || v === undefined) (problems ??= []).push({ status: 'missing-population', why: say('population_missing', { key: q }) });
    }
    if (!problems) return undefined;
    const order: IndicatorStatus[] = ['missing-param', 'missing-input', 'out-of-range', 'missing-population', 'error', 'division-by-zero', 'invalid-result'];
    problems.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
    return { status: problems[0].status, why: problems.length === 1 ? problems[0].why : say('problems', { problems: problems.map((p) => p.why) }) };
  }

  /** Totals, point adjustments, band grade and the grade adjustments that come before the distribution. */
  finishScores(): EmployeeResult {
    const scheme = this.scheme;
    const indicators = this.compiled.indicatorDefs.map((d) => this.indicatorResults.get(d.key)!);
    const weights = this.plan.weights;
    const sum = scheme.aggregation === 'sum';
    const dimensionDefs = scheme.dimensions ?? [];
    const hasDimensions = dimensionDefs.length > 0;
    const counted = indicators.filter((r) => r.weight !== null);
    const complete = counted.every((r) => r.status === 'ok');

    const subtotals: Record<string, number> = Object.create(null);
    let baseTotal = 0;
    for (const r of counted) {
      if (r.status !== 'ok' || r.score === null || r.weight === null) continue;
      const within = sum ? r.score : (r.score * r.weight) / 100;
      const dim = hasDimensions && r.dimension && Object.hasOwn(weights.dimensions, r.dimension) ? r.dimension : null;
      if (dim) subtotals[dim] = (subtotals[dim] ?? 0) + within;
      const contribution = dim && !sum ? (within * weights.dimensions[dim]) / 100 : within;
      r.weighted = contribution;
      baseTotal += contribution;
    }
    const dimensions: DimensionResult[] = dimensionDefs.map((d) => {
      const weight = Object.hasOwn(weights.dimensions, d.key) ? weights.dimensions[d.key] : null;
      const has = counted.some((r) => r.dimension === d.key);
      const subtotal = complete && has ? (subtotals[d.key] ?? 0) : null;
      return { key: d.key, title: d.title, weight, subtotal, weighted: subtotal === null || weight === null ? null : sum ? subtotal : (subtotal * weight) / 100 };
    });
    const derived: Record<string, number | null> = {};
    for (const d of scheme.derivedScores ?? []) {
      // A weighted dimension without any indicator for this position has no subtotal; counting it
      // as 0 would quietly lower the score, so the derived score is left empty instead.
      const unscored = Object.entries(d.dimensions).filter(([k, w]) => w > 0 && !counted.some((r) => r.dimension === k));
      if (unscored.length) this.note(say('no_derived_score', { derived: d.key, dimensions: unscored.map(([k]) => k).join(', '), position: weights.row }));
      derived[d.key] = complete && !unscored.length ? this.roundTotal(Object.entries(d.dimensions).reduce((a, [k, w]) => a + ((subtotals[k] ?? 0) * w) / 100, 0)) : null;
    }

    const adjustments: AdjustmentResult[] = [];
    let total: number | null = complete ? this.roundTotal(baseTotal) : null;
    const base = total;
    if (total !== null) {
      const context = this.adjustmentContext(base, subtotals);
      for (const adj of this.compiled.adjustments) {
        if (adj.def.kind !== 'bonus' && adj.def.kind !== 'deduction') continue;
        context.total = total;
        const outcome = this.applyPoints(adj, context);
        adjustments.push(outcome);
        if (outcome.applied && outcome.points) total = this.roundTotal(total + outcome.points);
      }
    } else {
      const missing = counted.filter((r) => r.status !== 'ok').map((r) => say('unscored_indicator', { indicator: r.key, status: r.status }));
      this.note(say('no_total', { count: missing.length, indicators: missing }));
    }

    let bandGrade: string | null = null;
    if (total !== null) {
      const graded = gradeForTotal(this.compiled, total, this.compiled.gradingRule ? this.adjustmentContext(base, subtotals, total) : NO_CONTEXT);
      bandGrade = graded.grade;
      if (graded.note) this.note(graded.note);
    }
    this.result = {
      employeeId: this.employee.id,
      position: this.employee.position ?? null,
      department: this.employee.department ?? null,
      schemeKey: scheme.key,
      schemeHash: this.compiled.hash,
      status: complete ? 'ok' : 'incomplete',
      indicators,
      dimensions,
      baseTotal: base,
      adjustments,
      total,
      derived,
      bandGrade,
      grade: bandGrade,
      coefficient: null,
      population: populationCopy(this.data.population),
      notes: this.notes,
      noteMessages: this.noteMessages,
    };
    this.applyGradeAdjustments('before-distribution');
    return this.result;
  }

  /** Veto, set-grade and grade-bump adjustments of one stage, in document order. */
  applyGradeAdjustments(stage: 'before-distribution' | 'after-distribution'): void {
    const result = this.result!;
    let context: Record<string, unknown> | undefined;
    for (const adj of this.compiled.adjustments) {
      const def = adj.def;
      if (def.kind === 'bonus' || def.kind === 'deduction' || (def.stage ?? 'before-distribution') !== stage) continue;
      // noteMessage is in the literal (set by setNote) so adding it later costs no allocation.
      const entry: AdjustmentResult = { key: def.key, kind: def.kind, stage, applied: false, gradeBefore: result.grade, gradeAfter: result.grade, note: '', noteMessage: undefined };
      result.adjustments.push(entry);
      if (result.grade === null && def.kind === 'grade-bump') {
        setNote(entry, fixed('no_grade_to_move'));
        continue;
      }
      if (this.gradeLocked) {
        setNote(entry, fixed('grade_fixed_by_veto'));
        continue;
      }
      context ??= this.adjustmentContext(result.baseTotal, Object.fromEntries(result.dimensions.map((d) => [d.key, d.subtotal])), result.total);
      context.grade = result.grade;
      const fires = this.condition(adj.when, context);
      if (fires !== true) {
        setNote(entry, fires === false ? fixed('condition_not_met') : fires);
        continue;
      }
      if (def.kind === 'grade-bump') result.grade = shiftGrade(this.scheme, result.grade!, def.steps ?? 0);
      else result.grade = def.grade ?? result.grade;
      if (def.kind === 'veto') this.gradeLocked = true;
      entry.applied = true;
      entry.gradeAfter = result.grade;
      const before = entry.gradeBefore;
      setNote(entry, say('grade_changed', before === null || before === undefined ? { adjustment: def.title ?? def.key, kind: def.kind, to: result.grade! } : { adjustment: def.title ?? def.key, kind: def.kind, from: before, to: result.grade! }));
      if (def.kind === 'veto') this.note(entry.noteMessage!, entry.note);
    }
    result.coefficient = coefficientOf(this.scheme, result.grade);
  }

  private adjustmentContext(baseTotal: number | null, subtotals: Record<string, number | null>, total: number | null = baseTotal): Record<string, unknown> {
    const d = this.data;
    return { inputs: d.inputs, params: d.params, indicators: d.indicators, population: d.population, employee: d.employee, total, baseTotal, dimensions: subtotals, grade: null };
  }

  private applyPoints(adj: CompiledScheme['adjustments'][number], context: Record<string, unknown>): AdjustmentResult {
    const def = adj.def;
    const entry: AdjustmentResult = { key: def.key, kind: def.kind, stage: 'before-distribution', applied: false, note: '', noteMessage: undefined };
    const fires = this.condition(adj.when, context);
    if (fires !== true) {
      setNote(entry, fires === false ? fixed('condition_not_met') : fires);
      return entry;
    }
    const raw = adj.points ? safeRun(adj.points, context) : 0;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      setNote(entry, say('points_not_a_number', { value: String(JSON.stringify(raw)) }));
      return entry;
    }
    const points = Math.max(0, raw);
    const capped = def.cap !== undefined ? Math.min(points, def.cap) : points;
    entry.applied = capped > 0;
    entry.points = def.kind === 'bonus' ? capped : -capped;
    const adjustment = def.title ?? def.key;
    setNote(entry, say('points', def.cap !== undefined && points > def.cap ? { adjustment, kind: def.kind, points: capped, uncapped: points, cap: def.cap } : { adjustment, kind: def.kind, points: capped }));
    return entry;
  }

  /** true, false, or a message saying why the condition could not be evaluated. */
  private condition(rule: CompiledRule | undefined, context: Record<string, unknown>): true | false | Message {
    if (!rule) return true;
    if (rule.error) return say('not_applied', { reason: rule.error.message });
    try {
      return truthy(rule.run(context));
    } catch (err) {
      return say('not_applied', { reason: (err as Error).message });
    }
  }

  private roundTotal(value: number): number {
    const r = this.scheme.rounding;
    return r?.totalDecimals === undefined ? value : roundDecimal(value, r.totalDecimals, r.mode ?? 'half-up');
  }
}

// One frozen "not assessed for position …" message per weight row, shared by every employee on it.
const NOT_ASSESSED = new WeakMap<PositionPlan, Message>();
function notAssessed(plan: PositionPlan): Message {
  let message = NOT_ASSESSED.get(plan);
  if (!message) NOT_ASSESSED.set(plan, (message = shared(say('not_assessed', { position: plan.weights.row }))));
  return message;
}

/** An adjustment's note: the English text and its message. */
function setNote(entry: AdjustmentResult, message: Message): void {
  entry.note = englishText(message);
  entry.noteMessage = message;
}

function safeRun(rule: CompiledRule, data: unknown): unknown {
  try {
    return rule.run(data);
  } catch {
    return null;
  }
}

/** Is the rule's result a usable score? */
function classify(raw: unknown, rule: CompiledRule): { status: 'ok'; value: number } | { status: Exclude<IndicatorStatus, 'ok'>; why: Message } {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { status: 'ok', value: raw === 0 ? 0 : raw };
  if (typeof raw === 'number') {
    return rule.divides ? { status: 'division-by-zero', why: fixed('division_by_zero') } : { status: 'invalid-result', why: say('not_usable_number', { value: String(raw) }) };
  }
  if (typeof raw === 'boolean') return { status: 'ok', value: raw ? 1 : 0 };
  if (raw === null && rule.divides) return { status: 'division-by-zero', why: fixed('division_by_zero_no_fallback') };
  const shown = JSON.stringify(raw);
  return { status: 'invalid-result', why: say('not_a_number', shown === undefined ? {} : { value: shown }) };
}

/**
 * "80 points from inputs.complaints = 2 (max(0, 80) = 80)": the values read and the deciding
 * steps, each step a nested `trace_step` message so the studio can word it in its language.
 */
function explainScore(score: number, used: Record<string, unknown>, trace: TraceStep[]): Message {
  const values = Object.entries(used).map(([k, v]) => `${k} = ${typeof v === 'number' ? formatNumber(v) : JSON.stringify(v)}`);
  const decisive = trace.filter(isDecisive).slice(-3).map(decisiveStep);
  return say('score', { score, ...(values.length ? { values: values.join(', ') } : {}), ...(decisive.length ? { steps: decisive } : {}) });
}

/** A deciding step as a nested message: its text, plus its trace code and args when it has words. */
function decisiveStep(step: TraceStep): Message {
  return say('trace_step', step.message ? { text: step.text, step: step.message.code, ...step.message.args } : { text: step.text });
}

/** The pay or bonus coefficient of a grade, if the scheme defines one. */
export function coefficientOf(scheme: Scheme, grade: string | null): number | null {
  if (grade === null) return null;
  return scheme.grading.grades.find((g) => g.key === grade)?.coefficient ?? null;
}
