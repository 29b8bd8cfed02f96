/**
 * @module services/schemes/scheme-access
 * Who may read and change which scheme, and loading schemes and versions with those checks.
 *
 * - Library schemes (no owning department, templates among them) are HR's: everyone who may
 *   use the scheme routes reads them, only HR changes them.
 * - A department's schemes: HR and auditors read them, its managers read and change them.
 * - Employees never reach scheme routes (route roles), and are refused here too, as a second wall.
 */
import { type ExpressionBuilder, type Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { assertCanReadDepartment, assertCanWriteDepartment, readableDepartments } from '../access/scope.ts';

export type SchemeRow = Row<'schemes'>;
export type VersionRow = Row<'scheme_versions'>;

/**
 * Throw 403 unless the user may read the scheme.
 * @example assertCanReadScheme(manager, { owner_department_id: null, … }) // library: fine
 */
export function assertCanReadScheme(user: CurrentUser, scheme: Pick<SchemeRow, 'owner_department_id'>): void {
  if (user.role === 'employee') throw new YardstickError('forbidden', 'Employees cannot see assessment schemes here; your results explain the rules that applied to you.');
  if (scheme.owner_department_id !== null) assertCanReadDepartment(user, scheme.owner_department_id);
}

/**
 * Throw 403 unless the user may change the scheme: HR any, managers their departments' own.
 * @example assertCanWriteScheme(manager, { owner_department_id: null, … }) // 403: the library is HR's
 */
export function assertCanWriteScheme(user: CurrentUser, scheme: Pick<SchemeRow, 'owner_department_id' | 'key'>): void {
  if (user.role === 'manager' && scheme.owner_department_id === null) {
    throw new YardstickError('forbidden', `Scheme ${scheme.key} belongs to HR's library; clone it into your department to adapt it.`);
  }
  assertCanWriteDepartment(user, scheme.owner_department_id);
}

/**
 * A `where` filter for `schemes` (aliased `s`) limited to what the user may read.
 * @example db.selectFrom('schemes as s').selectAll('s').where(readableSchemes(user))
 */
export function readableSchemes(user: CurrentUser) {
  const departments = readableDepartments(user);
  return (eb: ExpressionBuilder<DB & { s: DB['schemes'] }, 's'>) => {
    if (departments === null) return eb.lit(true);
    if (departments.length === 0) return eb('s.owner_department_id', 'is', null);
    return eb.or([eb('s.owner_department_id', 'is', null), eb('s.owner_department_id', 'in', departments)]);
  };
}

/**
 * The scheme with this id, readable by the user (404 unknown, 403 out of scope).
 * @example const scheme = await readableScheme(db, user, 12);
 */
export async function readableScheme(db: Kysely<DB>, user: CurrentUser, id: number): Promise<SchemeRow> {
  const scheme = await db.selectFrom('schemes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!scheme) throw new YardstickError('not_found', `No scheme with id ${id}.`, { schemeId: String(id) });
  assertCanReadScheme(user, scheme);
  return scheme;
}

/**
 * The scheme with this id, changeable by the user (404 unknown, 403 out of scope).
 * @example const scheme = await writableScheme(db, user, 12);
 */
export async function writableScheme(db: Kysely<DB>, user: CurrentUser, id: number): Promise<SchemeRow> {
  const scheme = await readableScheme(db, user, id);
  assertCanWriteScheme(user, scheme);
  return scheme;
}

/**
 * A version and its scheme, readable by the user (404 unknown, 403 out of scope).
 * @example const { version, scheme } = await readableVersion(db, user, 31);
 */
export async function readableVersion(db: Kysely<DB>, user: CurrentUser, id: number): Promise<{ version: VersionRow; scheme: SchemeRow }> {
  const version = await db.selectFrom('scheme_versions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!version) throw new YardstickError('not_found', `No scheme version with id ${id}.`, { versionId: String(id) });
  const scheme = await db.selectFrom('schemes').selectAll().where('id', '=', version.scheme_id).executeTakeFirstOrThrow();
  assertCanReadScheme(user, scheme);
  return { version, scheme };
}

/**
 * A version and its scheme, changeable by the user (404 unknown, 403 out of scope).
 * @example const { version, scheme } = await writableVersion(db, user, 31);
 */
export async function writableVersion(db: Kysely<DB>, user: CurrentUser, id: number): Promise<{ version: VersionRow; scheme: SchemeRow }> {
  const found = await readableVersion(db, user, id);
  assertCanWriteScheme(user, found.scheme);
  return found;
}

/**
 * Throw 409 `invalid_transition` unless the version is a draft, in plain words.
 * @example assertDraft(version, scheme) // "Version 3 of cs-monthly is published; published versions cannot be edited. Create a new draft."
 */
export function assertDraft(version: Pick<VersionRow, 'number' | 'status' | 'id'>, scheme: Pick<SchemeRow, 'key'>, doing = 'edited'): void {
  if (version.status === 'draft') return;
  throw new YardstickError('invalid_transition', `Version ${version.number} of ${scheme.key} is ${version.status}; ${version.status} versions cannot be ${doing}. Create a new draft.`, {
    versionId: String(version.id),
    status: version.status,
  });
}
