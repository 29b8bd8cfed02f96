/**
 * @module seed
 * Small row factories for the storage tests. Keys get a per-process counter so tests in one
 * file can share a database without colliding.
 */
import type { Kysely } from 'kysely';
import { hashScheme } from '../../../rules/hash.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import type { DB, Row } from '../../../server/db/types.ts';

let counter = 0;
/** A key unique within this test process: `prefix-7`. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${++counter}`;
}

/** A valid scheme document (one indicator, two grades). */
export function schemeDocument(key: string, title = 'Customer service — quarterly'): Scheme {
  return {
    key,
    title,
    period: 'quarter',
    inputs: { complaints: { type: 'integer', minimum: 0, unit: 'count' } },
    indicators: [{ key: 'complaints', title: 'Complaints', polarity: 'lower-better', score: { '-': [100, { '*': [5, { var: 'inputs.complaints' }] }] } }],
    weights: { default: { indicators: { complaints: 100 } } },
    grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 90 }, { grade: 'B', max: 90 }] },
  };
}

/** A department, a position in it, an employee and an HR user. */
export async function seedOrganisation(db: Kysely<DB>) {
  const department = await db.insertInto('departments').values({ key: uniqueKey('dept'), name: '客服部' }).returningAll().executeTakeFirstOrThrow();
  const position = await db.insertInto('positions').values({ key: uniqueKey('pos'), name: 'Engineer', department_id: department.id }).returningAll().executeTakeFirstOrThrow();
  const employee = await db
    .insertInto('employees')
    .values({ code: uniqueKey('E'), name: '张三', department_id: department.id, position_id: position.id, level: 'P5', attributes: { site: 'Shanghai' } })
    .returningAll()
    .executeTakeFirstOrThrow();
  const user = await db.insertInto('users').values({ username: uniqueKey('hr'), display_name: 'Li Na', password_hash: 'x', role: 'hr' }).returningAll().executeTakeFirstOrThrow();
  return { department, position, employee, user };
}

/** A scheme with a draft version 1. */
export async function seedDraft(db: Kysely<DB>): Promise<{ schemeId: number; draft: Row<'scheme_versions'> }> {
  const key = uniqueKey('scheme');
  const scheme = await db.insertInto('schemes').values({ key, title: 'CS quarterly' }).returningAll().executeTakeFirstOrThrow();
  const draft = await insertDraft(db, scheme.id, 1, schemeDocument(key));
  return { schemeId: scheme.id, draft };
}

/** Insert a draft version with the document's real content hash. */
export async function insertDraft(db: Kysely<DB>, schemeId: number, number: number, document: Scheme): Promise<Row<'scheme_versions'>> {
  return db
    .insertInto('scheme_versions')
    .values({ scheme_id: schemeId, number, document, content_hash: hashScheme(document) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Publish a draft. */
export async function publish(db: Kysely<DB>, versionId: number): Promise<Row<'scheme_versions'>> {
  return db
    .updateTable('scheme_versions')
    .set({ status: 'published', published_at: new Date(), effective_from: '2026-01-01' })
    .where('id', '=', versionId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
