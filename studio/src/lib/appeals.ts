/**
 * @module lib/appeals
 * Appeals as the API sends them. Each carries `nextDecisions`, what the signed-in user may decide
 * next (the server's own workflow table, services/appeals/appeals.ts), so the studio draws exactly those
 * buttons without keeping a copy of the rules.
 */

export type AppealStatus = 'filed' | 'department-review' | 'hr-review' | 'accepted' | 'rejected' | 'withdrawn';
export type AppealDecision = 'department-review' | 'hr-review' | 'accepted' | 'rejected';

export interface Appeal {
  id: string;
  cycleId: string;
  cycleKey: string;
  employeeId: string;
  employeeCode: string;
  employeeName: string;
  departmentId: string;
  status: AppealStatus;
  reason: string;
  evidence: unknown[];
  decision: string | null;
  decidedBy: string | null;
  nextDecisions: AppealDecision[];
  createdAt: string;
  updatedAt: string;
}

export const OPEN_STATUSES: readonly AppealStatus[] = ['filed', 'department-review', 'hr-review'];
export const APPEAL_STATUSES: readonly AppealStatus[] = [...OPEN_STATUSES, 'accepted', 'rejected', 'withdrawn'];
