/**
 * @module lib/appeals
 * The appeal workflow as the studio shows it: which next steps a role is offered for an appeal
 * in a given status. The server enforces the same moves (services/appeals.ts); this only decides
 * which buttons to draw.
 */
import type { Role } from './types.ts';

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
  createdAt: string;
  updatedAt: string;
}

export const OPEN_STATUSES: readonly AppealStatus[] = ['filed', 'department-review', 'hr-review'];
export const APPEAL_STATUSES: readonly AppealStatus[] = [...OPEN_STATUSES, 'accepted', 'rejected', 'withdrawn'];

const MOVES: Readonly<Partial<Record<AppealStatus, Readonly<Partial<Record<AppealDecision, readonly Role[]>>>>>> = {
  filed: { 'department-review': ['manager', 'hr'], 'hr-review': ['manager', 'hr'], accepted: ['hr'], rejected: ['hr'] },
  'department-review': { 'hr-review': ['manager', 'hr'], accepted: ['hr'], rejected: ['hr'] },
  'hr-review': { accepted: ['hr'], rejected: ['hr'] },
};

/**
 * The decisions `role` may take on an appeal in `status`, in workflow order.
 * @example nextDecisions('filed', 'manager') // ['department-review', 'hr-review']
 */
export function nextDecisions(status: AppealStatus, role: Role): AppealDecision[] {
  const moves = MOVES[status] ?? {};
  return (Object.keys(moves) as AppealDecision[]).filter((d) => moves[d]!.includes(role));
}
