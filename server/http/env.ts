/**
 * @module http/env
 * What every request handler can reach through `c.var`: the database, the signed-in user, and
 * when the request arrived.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

import type { CurrentUser } from '../domain/actor.ts';

export { ROLES, type CurrentUser, type Role } from '../domain/actor.ts';

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
