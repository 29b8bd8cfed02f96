/**
 * @module lib/cycles
 * Shared facts about cycles: which statuses accept data, can be evaluated, show results. The lists
 * themselves live in `schemas/vocabulary.ts`, shared with the server.
 */
import { cycleStatusesAllowing } from '../../../schemas/vocabulary.ts';

export { PERIODS } from '../../../schemas/vocabulary.ts';

/** Statuses in which input values may be entered or imported. */
export const ACCEPTS_INPUTS = cycleStatusesAllowing('inputs');
/** Statuses from which HR may start an evaluation. */
export const EVALUABLE = cycleStatusesAllowing('evaluation');
/** Statuses in which assignments may change. */
export const ASSIGNABLE = cycleStatusesAllowing('assignments');
