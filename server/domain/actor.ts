/**
 * @module domain/actor
 * Who is acting: the signed-in user with the scope the server enforces. Services take it as an
 * argument and the HTTP layer fills it in from the session or API token, so both import it from
 * here and neither depends on the other.
 *
 * @example
 * import type { CurrentUser } from './actor.ts';
 * function canEdit(user: CurrentUser) { return user.role === 'hr'; }
 */
import type { Role } from '../../schemas/vocabulary.ts';

export { ROLES, type Role } from '../../schemas/vocabulary.ts';

/** The signed-in user, with the scope the server enforces on every request. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: string;
  /** Managers: the departments they manage. */
  departmentIds: number[];
  /** Employees: their own employee record. */
  employeeId: number | null;
  /** How the request was authenticated: a cookie session (CSRF-checked) or a bearer token. */
  via: 'session' | 'token';
  sessionId?: string;
}
