/**
 * @module config
 * Settings from the environment, with the defaults a new user gets from `npm start`.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `PORT` | 8787 | HTTP port |
 * | `HOST` | 127.0.0.1 | interface to listen on |
 * | `DATABASE_URL` | (unset) | PostgreSQL URL the server works as; unset = embedded PGlite |
 * | `DATABASE_OWNER_URL` | (unset) | PostgreSQL URL of the tables' owner, used only to migrate and grant; when set, `DATABASE_URL` must be an application role that owns no table (README, "Database roles") |
 * | `YARDSTICK_DATA_DIR` | ./.data | folder of the embedded database |
 * | `YARDSTICK_DEMO` | 1 | seed the demo organisation into an empty database (0 to skip) |
 * | `TRUST_PROXY` | 0 | number of reverse proxies in front of the server: client address from `X-Forwarded-For`, `Secure` cookies (see `http/authenticate.ts`); 0 = none |
 */
import { resolve } from 'node:path';
import { YardstickError } from '../rules/errors.ts';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  /** The owner's URL, for migrations only; unset = `databaseUrl` migrates itself. */
  databaseOwnerUrl?: string;
  dataDir: string;
  seedDemo: boolean;
  /** Reverse proxies in front of the server whose `X-Forwarded-For` entries are believed; 0 ignores the header. */
  trustProxy: number;
  /** Where the built studio lives. */
  studioDir: string;
}

/**
 * Read the configuration, refusing values that cannot work.
 * @example readConfig({ PORT: '9000' }).port // 9000
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new YardstickError('invalid_argument', `PORT must be a port number (0–65535), got "${env.PORT}".`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new YardstickError('invalid_argument', 'DATABASE_URL must start with postgres:// (leave it unset to use the embedded database).');
  const trustProxy = Number(env.TRUST_PROXY?.trim() || 0);
  if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10) {
    throw new YardstickError('invalid_argument', `TRUST_PROXY must be the number of reverse proxies in front of Yardstick (0 = none, 1 = one, up to 10), got "${env.TRUST_PROXY}".`);
  }
  const databaseOwnerUrl = env.DATABASE_OWNER_URL?.trim() || undefined;
  if (databaseOwnerUrl && !databaseUrl) throw new YardstickError('invalid_argument', 'DATABASE_OWNER_URL is set but DATABASE_URL is not: set DATABASE_URL to the application role too (the embedded database has no roles).');
  if (databaseOwnerUrl && !/^postgres(ql)?:\/\//.test(databaseOwnerUrl)) throw new YardstickError('invalid_argument', 'DATABASE_OWNER_URL must start with postgres://.');
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    databaseOwnerUrl,
    dataDir: resolve(cwd, env.YARDSTICK_DATA_DIR?.trim() || '.data'),
    seedDemo: env.YARDSTICK_DEMO !== '0',
    trustProxy,
    studioDir: resolve(import.meta.dirname, '..', 'dist', 'studio'),
  };
}
