/**
 * @module lib/cycles
 * Shared facts about cycles: which statuses accept data, can be evaluated, show results.
 */
import type { CycleStatus } from './types.ts';

export const PERIODS = ['week', 'month', 'quarter', 'half-year', 'year', 'fiscal-year'] as const;

/** Statuses in which input values may be entered or imported. */
export const ACCEPTS_INPUTS: readonly CycleStatus[] = ['open', 'collecting'];
/** Statuses from which HR may start an evaluation. */
export const EVALUABLE: readonly CycleStatus[] = ['open', 'collecting', 'evaluated'];
/** Statuses in which assignments may change. */
export const ASSIGNABLE: readonly CycleStatus[] = ['open', 'collecting'];
