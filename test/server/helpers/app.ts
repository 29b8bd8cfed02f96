/**
 * @module helpers/app
 * The API under test, on every database: a small organisation with one user per role, and
 * clients that log in as a role and send cookies and the CSRF token like the studio does.
 *
 * @example
 * describeEachApp('schemes API', (ctx) => {
 *   it('lists', async () => {
 *     const res = await ctx().as('hr').get('/api/schemes');
 *     expect(res.status).toBe(200);
 *   });
 * });
 */
import { beforeAll } from 'vitest';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { createApp } from '../../../server/app.ts';
import type { Database } from '../../../server/db/database.ts';
import type { DB } from '../../../server/db/types.ts';
import type { AppEnv } from '../../../server/http/env.ts';
import { hashPassword } from '../../../server/services/access/passwords.ts';
import { describeEachDatabase } from './databases.ts';

export type FixtureUser = 'hr' | 'auditor' | 'manager' | 'otherManager' | 'employee' | 'otherEmployee';

/** Ids of what the fixture created. */
export interface Fixture {
  departments: { cs: number; eng: number };
  positions: { agent: number; engineer: number };
  /** Employees by code: E001–E003 in customer service, E004–E006 in engineering. */
  employees: Record<string, number>;
  users: Record<FixtureUser, number>;
}

export const PASSWORD = 'correct horse battery';

export interface Client {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  put(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body?: unknown): Promise<Response>;
  delete(path: string): Promise<Response>;
  send(method: string, path: string, body?: string | Uint8Array, headers?: Record<string, string>): Promise<Response>;
}

export interface AppContext {
  app: Hono<AppEnv>;
  database: Database;
  db: Kysely<DB>;
  fixture: Fixture;
  /** A client logged in as the fixture user (cookie session + CSRF token). */
  as(user: FixtureUser): Client;
  /** A client without a session. */
  anonymous: Client;
}

/**
 * Declare an API suite on each database, with the fixture organisation and logged-in clients.
 */
export function describeEachApp(name: string, suite: (ctx: () => AppContext) => void): void {
  describeEachDatabase(name, (database) => {
    let context: AppContext | undefined;
    beforeAll(async () => {
      const db = database().db;
      const fixture = await seedFixture(db);
      const app = createApp({ database: database() });
      const sessions = new Map<FixtureUser, { cookie: string; csrf: string }>();
      const usernames: Record<FixtureUser, string> = { hr: 'hr', auditor: 'auditor', manager: 'manager', otherManager: 'manager2', employee: 'emp1', otherEmployee: 'emp4' };
      for (const [user, username] of Object.entries(usernames) as Array<[FixtureUser, string]>) {
        const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
        if (res.status !== 200) throw new Error(`fixture login for ${username} failed: ${res.status} ${await res.text()}`);
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
        const { csrfToken } = (await res.json()) as { csrfToken: string };
        sessions.set(user, { cookie, csrf: csrfToken });
      }
      const client = (auth?: { cookie: string; csrf: string }): Client => {
        const send = (method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}) =>
          Promise.resolve(app.request(path, { method, body: body as BodyInit | undefined, headers: { ...(auth ? { cookie: auth.cookie, 'x-csrf-token': auth.csrf } : {}), ...headers } }));
        const json = (method: string) => (path: string, body?: unknown, headers: Record<string, string> = {}) =>
          send(method, path, body === undefined ? undefined : JSON.stringify(body), { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
        return { get: (p) => send('GET', p), post: json('POST'), put: json('PUT'), patch: json('PATCH'), delete: (p) => send('DELETE', p), send };
      };
      context = { app, database: database(), db, fixture, as: (u) => client(sessions.get(u)), anonymous: client() };
    });
    suite(() => {
      if (!context) throw new Error('The app is not ready yet: use ctx() inside tests or hooks.');
      return context;
    });
  });
}

/** Two departments, two positions, six employees, one user per role (all with PASSWORD). */
export async function seedFixture(db: Kysely<DB>): Promise<Fixture> {
  const dept = async (key: string, name: string) => (await db.insertInto('departments').values({ key, name, parent_id: null }).returning('id').executeTakeFirstOrThrow()).id;
  const cs = await dept('cs', 'Customer service');
  const eng = await dept('eng', 'Engineering');
  const pos = async (key: string, name: string, department_id: number) => (await db.insertInto('positions').values({ key, name, department_id }).returning('id').executeTakeFirstOrThrow()).id;
  const agent = await pos('agent', 'Agent', cs);
  const engineer = await pos('engineer', 'Engineer', eng);
  const employees: Record<string, number> = {};
  for (let i = 1; i <= 6; i++) {
    const code = `E00${i}`;
    const inCs = i <= 3;
    employees[code] = (
      await db
        .insertInto('employees')
        .values({ code, name: `Employee ${i}`, department_id: inCs ? cs : eng, position_id: inCs ? agent : engineer, level: 'staff', manager_id: null, attributes: { team: inCs ? 'A' : 'B' } })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const hash = await hashPassword(PASSWORD);
  const user = async (username: string, role: 'hr' | 'manager' | 'auditor' | 'employee', employee_id: number | null = null) =>
    (await db.insertInto('users').values({ username, display_name: username, password_hash: hash, role, employee_id }).returning('id').executeTakeFirstOrThrow()).id;
  const users: Record<FixtureUser, number> = {
    hr: await user('hr', 'hr'),
    auditor: await user('auditor', 'auditor'),
    manager: await user('manager', 'manager'),
    otherManager: await user('manager2', 'manager'),
    employee: await user('emp1', 'employee', employees.E001),
    otherEmployee: await user('emp4', 'employee', employees.E004),
  };
  await db.insertInto('user_departments').values([{ user_id: users.manager, department_id: cs }, { user_id: users.otherManager, department_id: eng }]).execute();
  return { departments: { cs, eng }, positions: { agent, engineer }, employees, users };
}
