/**
 * @module lib/permissions
 * What the current user may change, mirroring the server's scope rules so the studio only
 * offers actions that will be accepted (the server still decides).
 */
import type { SchemeSummary, User } from './types.ts';

/** HR writes any scheme; managers their own departments' schemes; auditors and employees none. */
export function canWriteScheme(user: User | null, scheme: Pick<SchemeSummary, 'departmentId'>): boolean {
  if (!user) return false;
  if (user.role === 'hr') return true;
  return user.role === 'manager' && scheme.departmentId !== null && user.departmentIds.includes(scheme.departmentId);
}

/** Whether the user may clone schemes (into a department, or the library for HR). */
export function canClone(user: User | null): boolean {
  return user?.role === 'hr' || user?.role === 'manager';
}
