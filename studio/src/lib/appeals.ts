/**
 * @module lib/appeals
 * Appeals as the API sends them. Each carries `nextDecisions`, what the signed-in user may decide
 * next (the server's own workflow table, services/appeals/appeals.ts), so the studio draws exactly those
 * buttons without keeping a copy of the rules.
 */
import type { Appeal } from '../../../schemas/generated/api.ts';

/** The generated type of the appeal routes' answers (`server/routes/appeals.ts`). */
export type { Appeal };
export type AppealStatus = Appeal['status'];
export type AppealDecision = Appeal['nextDecisions'][number];

export const OPEN_STATUSES: readonly AppealStatus[] = ['filed', 'department-review', 'hr-review'];
export const APPEAL_STATUSES: readonly AppealStatus[] = [...OPEN_STATUSES, 'accepted', 'rejected', 'withdrawn'];
