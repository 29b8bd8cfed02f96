/**
 * @module routes/users
 * User accounts (HR creates, HR and auditors list) and personal API tokens.
 */
import type { Hono } from 'hono';
import { LOCALES, PASSWORD_MIN_LENGTH, type Locale } from '../../schemas/vocabulary.ts';
import type { UserRole } from '../db/types.ts';
import { ROLES, type AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { API_ID, ID, listOf, NAME, NULLABLE_ID, NULLABLE_TIME, record, TIME, titled } from '../services/api-schemas.ts';
import { unlockUser } from '../services/access/login.ts';
import { parseId } from '../services/access/scope.ts';
import { createToken, listTokens, revokeToken } from '../services/access/tokens.ts';
import { createUser, listUsers } from '../services/access/users.ts';

interface UserBody {
  username: string;
  displayName: string;
  role: UserRole;
  password?: string;
  locale?: Locale;
  departmentIds?: string[];
  employeeId?: string;
}

const ACCOUNT = titled('Account', record({
  id: API_ID,
  username: { type: 'string' },
  displayName: { type: 'string' },
  role: { enum: [...ROLES] },
  locale: { type: 'string' },
  departmentIds: { type: 'array', items: API_ID, description: 'Managers: the departments they see and edit.' },
  employeeId: { ...NULLABLE_ID, description: 'Employees: their own record.' },
  hasPassword: { type: 'boolean', description: 'Whether password login is possible (otherwise API tokens only).' },
  createdAt: TIME,
}));
const TOKEN_PROPERTIES = { id: API_ID, userId: API_ID, name: { type: 'string' }, createdAt: TIME, lastUsedAt: NULLABLE_TIME, revokedAt: NULLABLE_TIME };
const TOKEN = titled('ApiToken', record(TOKEN_PROPERTIES));

export function registerUserRoutes(app: Hono<AppEnv>): void {
  route(app, { method: 'get', path: '/api/users', summary: 'List users', tag: 'users', roles: ['hr', 'auditor'], description: 'Never includes password hashes; `hasPassword` says whether password login is possible.', response: listOf(ACCOUNT) }, (c) =>
    listUsers(c.var.db),
  );

  route<UserBody>(
    app,
    {
      method: 'post',
      path: '/api/users',
      summary: 'Create a user',
      tag: 'users',
      roles: ['hr'],
      status: 201,
      response: ACCOUNT,
      description: `Managers need departmentIds (the departments they see and edit), employees need employeeId (their own record); other roles take neither. The password (at least ${PASSWORD_MIN_LENGTH} characters, not one of the common passwords from leaks, not containing the user name; details.rule says which rule failed) is stored as an scrypt hash; without one the user can only use API tokens.`,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'displayName', 'role'],
        properties: {
          username: { type: 'string', minLength: 1, maxLength: 100, pattern: '^\\S+$' },
          displayName: NAME,
          role: { enum: [...ROLES] },
          password: { type: 'string', minLength: PASSWORD_MIN_LENGTH, maxLength: 200 },
          locale: { enum: LOCALES },
          departmentIds: { type: 'array', items: ID, maxItems: 1000 },
          employeeId: ID,
        },
      },
    },
    (c, { body }) =>
      createUser(c.var.db, c.var.user!, {
        ...body,
        departmentIds: body.departmentIds?.map(Number),
        employeeId: body.employeeId === undefined ? undefined : Number(body.employeeId),
      }),
  );

  route(
    app,
    {
      method: 'post',
      path: '/api/users/:id/unlock',
      summary: 'Unlock a user',
      tag: 'users',
      roles: ['hr'],
      description: 'Lifts the login throttle of this user name from every address (after failed logins), so the user can log in at once. Audited as user.unlock; `addresses` says how many throttled addresses were cleared.',
      response: record({ username: { type: 'string' }, addresses: { type: 'integer', minimum: 0 } }),
    },
    (c, { params }) => unlockUser(c.var.db, c.var.user!, parseId(params.id, 'user')),
  );

  route<{ name: string }>(
    app,
    {
      method: 'post',
      path: '/api/tokens',
      summary: 'Create an API token for myself',
      tag: 'users',
      roles: ROLES,
      status: 201,
      description: 'Returns the secret (`token`) once; only its hash is stored. Send it as `Authorization: Bearer <token>`; it acts with your role and scope. Only from a signed-in session, not with another token.',
      body: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: NAME } },
      response: titled('CreatedApiToken', record({ ...TOKEN_PROPERTIES, token: { type: 'string', description: 'The secret, shown this once.' } })),
    },
    (c, { body }) => createToken(c.var.db, c.var.user!, body.name),
  );

  route(app, { method: 'get', path: '/api/tokens', summary: 'List my API tokens', tag: 'users', roles: ROLES, description: 'Revoked ones included; never the secrets.', response: listOf(TOKEN) }, (c) => listTokens(c.var.db, c.var.user!));

  route(
    app,
    { method: 'delete', path: '/api/tokens/:id', summary: 'Revoke an API token', tag: 'users', roles: ROLES, description: "Your own tokens; HR may revoke anyone's. Revoking a revoked token changes nothing.", response: TOKEN },
    (c, { params }) => revokeToken(c.var.db, c.var.user!, parseId(params.id, 'API token')),
  );
}
