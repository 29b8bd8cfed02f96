/**
 * @module http/env
 * What every request handler can reach through `c.var`: the database, the signed-in user, and
 * when the request arrived.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

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

/** Where the request came from, as far as the server can trust it (see `http/authenticate.ts`). */
export interface ClientInfo {
  /** The client's address: the socket peer, or with TRUST_PROXY the right-most untrusted `X-Forwarded-For` entry. */
  address: string;
  /** Cookies get the `Secure` flag: the request came over https, or through a trusted (TLS-terminating) proxy. */
  secureCookies: boolean;
}

export interface AppEnv {
  Variables: {
    db: Kysely<DB>;
    user: CurrentUser | undefined;
    /** When the app received the request, before it waited for the database (set first thing). */
    receivedAt: Date;
    client: ClientInfo;
  };
}
