/**
 * @module 2-analyze/operators
 * The logic engine's static check (`checkLogic`) on every rule: unknown operators, wrong
 * argument counts, size limits and forbidden paths, re-pointed into the scheme.
 */
import { checkLogic } from '../logic/index.ts';
import type { LogicLimits } from '../logic/types.ts';
import { finding } from './codes.ts';
import type { RuleSite } from './sites.ts';
import type { Finding } from './types.ts';

/**
 * Run `checkLogic` on every rule of the scheme.
 * @example
 * checkOperators(ruleSites(scheme))[0] // { code: 'unknown_operator', pointer: '/indicators/3/score/if/0', message: 'Indicator "x" score rule: …' }
 */
export function checkOperators(sites: readonly RuleSite[], limits?: Partial<LogicLimits>): Finding[] {
  return sites.flatMap((site) =>
    checkLogic(site.rule, limits).map((issue) => finding(issue.code, site.pointer + issue.pointer, { owner: site.owner, message: issue.message })),
  );
}
