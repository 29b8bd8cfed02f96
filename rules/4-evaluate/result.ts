/**
 * @module 4-evaluate/result
 * The shape of an evaluation result: what a person sees on their result page and what the
 * server stores. Every number that is not a clean score carries a status instead.
 */
import type { TraceStep } from '../logic/index.ts';
import type { MessageCode } from './messages.ts';

/**
 * A result text as a stable code and the values it was worded from, so the studio can show it in
 * the reader's language (`rules/4-evaluate/messages.ts` lists the codes and their English wording).
 * Each text field of a result has one next to it; results stored before codes existed have none.
 */
export interface Message {
  code: MessageCode;
  args: MessageArgs;
}

/** Keys, names and preformatted lists as strings; numbers as numbers; nested messages as arrays. */
export type MessageArgs = Readonly<Record<string, string | number | readonly Message[]>>;

/** Why an indicator has (or has not) a score. */
export type IndicatorStatus =
  | 'ok'
  | 'missing-input'
  | 'missing-param'
  | 'missing-population'
  | 'out-of-range'
  | 'division-by-zero'
  | 'invalid-result'
  | 'error'
  | 'not-applicable';

export interface IndicatorResult {
  key: string;
  title: string;
  dimension: string | null;
  /** Weight in percent for this employee's position; null when the indicator does not count toward the total. */
  weight: number | null;
  status: IndicatorStatus;
  /** The score after the scheme's rounding; null unless status is ok. */
  score: number | null;
  /** Contribution to the total (or dimension subtotal) in points. */
  weighted: number | null;
  /** The values the rule read: inputs, params, other indicators, population values (empty when evaluated with explain: false). */
  used: Record<string, unknown>;
  /** One sentence: how the score came about (empty for ok scores evaluated with explain: false), or why there is none. */
  explanation: string;
  /** `explanation` as a code and args (absent for ok scores evaluated with explain: false, and in older results). */
  explanationMessage?: Message;
  /** The rule's evaluation steps (empty when evaluated with explain: false). */
  trace: TraceStep[];
}

export interface DimensionResult {
  key: string;
  title: string;
  weight: number | null;
  subtotal: number | null;
  weighted: number | null;
}

export interface AdjustmentResult {
  key: string;
  kind: string;
  stage: 'before-distribution' | 'after-distribution';
  applied: boolean;
  /** Points actually added (positive) or deducted (negative). */
  points?: number;
  gradeBefore?: string | null;
  gradeAfter?: string | null;
  note: string;
  /** `note` as a code and args (absent in older results). */
  noteMessage?: Message;
}

export interface DistributionOutcome {
  scope: string;
  rank: number;
  scopeSize: number;
  gradeBefore: string | null;
  gradeAfter: string | null;
  reason: string;
  /** `reason` as a code and args (absent in older results). */
  reasonMessage?: Message;
}

export interface EmployeeResult {
  employeeId: string;
  position: string | null;
  department: string | null;
  schemeKey: string;
  schemeHash: string;
  /** ok when every applicable indicator scored; incomplete otherwise (total and grade are then null). */
  status: 'ok' | 'incomplete';
  indicators: IndicatorResult[];
  dimensions: DimensionResult[];
  /** Weighted total before adjustments. */
  baseTotal: number | null;
  adjustments: AdjustmentResult[];
  /** Total after bonus and deduction points. */
  total: number | null;
  derived: Record<string, number | null>;
  /** Grade from the bands (or grading rule) before grade adjustments and distribution. */
  bandGrade: string | null;
  grade: string | null;
  coefficient: number | null;
  /** Set by population evaluation. */
  rank?: { scope: string; position: number; of: number };
  distribution?: DistributionOutcome;
  /** Population values this employee's rules read. */
  population: Record<string, unknown>;
  /** Plain-language notes: missing inputs, input aggregation, vetoes. */
  notes: string[];
  /** `notes` as codes and args, one per note in the same order (absent in older results). */
  noteMessages?: Message[];
}

/** A population value as computed for one peer group. */
export interface PopulationValueResult {
  key: string;
  kind: string;
  scope: string;
  group: string;
  /** For statistics, the value; for ranks, per employee in `byEmployee`. */
  value: number | null;
  count: number;
  explanation: string;
  /** `explanation` as a code and args (absent in older results). */
  explanationMessage?: Message;
}

export interface DistributionGroupResult {
  scope: string;
  group: string;
  size: number;
  forced: boolean;
  /** Grade → allowed head count (limits or exact shares after rounding). */
  quota: Record<string, { min?: number; max?: number; exact?: number }>;
  /** Grade → head count before and after forcing. */
  before: Record<string, number>;
  after: Record<string, number>;
  notes: string[];
  /** `notes` as codes and args, one per note in the same order (absent in older results). */
  noteMessages?: Message[];
}

export interface PopulationResult {
  schemeKey: string;
  schemeHash: string;
  employees: EmployeeResult[];
  populationValues: PopulationValueResult[];
  distribution: DistributionGroupResult[];
  /** Grade → head count over the whole population. */
  gradeCounts: Record<string, number>;
}
