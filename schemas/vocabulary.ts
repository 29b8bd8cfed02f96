/**
 * @module vocabulary
 * The closed word lists of Yardstick, written once: cycle periods (taken from the scheme's JSON
 * Schema), cycle statuses and what each allows, user roles and studio languages. The server's
 * route schemas, database types and services, and the studio's forms, all import them from here,
 * so a new status or language is added in one place.
 *
 * @example
 * import { CYCLE_STATUSES, cycleStatusAllows } from './vocabulary.ts';
 * cycleStatusAllows('collecting', 'inputs') // true
 */
import type { Period } from './generated/scheme.ts';
import schemeSchema from './scheme.schema.json' with { type: 'json' };

export type { Period };

/** Periods a cycle or an indicator can have, in the order forms list them (the scheme schema's enum). */
export const PERIODS: readonly Period[] = schemeSchema.$defs.period.enum as Period[];

/** A cycle's lifecycle, in order. */
export const CYCLE_STATUSES = ['open', 'collecting', 'evaluated', 'calibrated', 'published', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** Where a cycle may go next by hand (`evaluated` is reached by running an evaluation). */
export const NEXT_CYCLE_STATUSES: Readonly<Record<CycleStatus, readonly CycleStatus[]>> = {
  open: ['collecting'],
  collecting: [],
  evaluated: ['calibrated', 'collecting'],
  calibrated: ['published'],
  published: ['closed'],
  closed: [],
};

/** What a cycle's status allows: taking inputs, changing scheme assignments, evaluating, showing results to employees. */
const ALLOWED: Readonly<Record<CycleActivity, readonly CycleStatus[]>> = {
  inputs: ['open', 'collecting'],
  assignments: ['open', 'collecting'],
  evaluation: ['open', 'collecting', 'evaluated'],
  release: ['published', 'closed'],
};
export type CycleActivity = 'inputs' | 'assignments' | 'evaluation' | 'release';

/**
 * The statuses in which a cycle allows an activity.
 * @example cycleStatusesAllowing('evaluation') // ['open', 'collecting', 'evaluated']
 */
export function cycleStatusesAllowing(activity: CycleActivity): readonly CycleStatus[] {
  return ALLOWED[activity];
}

/**
 * Whether a cycle in `status` allows `activity`.
 * @example cycleStatusAllows('published', 'inputs') // false
 */
export function cycleStatusAllows(status: CycleStatus, activity: CycleActivity): boolean {
  return ALLOWED[activity].includes(status);
}

/** Who a user is: HR administers, managers cover departments, auditors read, employees see their own. */
export const ROLES = ['hr', 'manager', 'auditor', 'employee'] as const;
export type Role = (typeof ROLES)[number];

/** The shortest password the server accepts (it also refuses common ones and ones containing the user name). */
export const PASSWORD_MIN_LENGTH = 12;

/** The languages the studio and the server's messages speak. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
