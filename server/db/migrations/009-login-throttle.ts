/**
 * @module 009-login-throttle
 * Login throttling that holds under concurrency: one row per (user name, client address) counts
 * the recent failures and says when the next password check may run. A login claims its check
 * with a single upsert on this row *before* the slow scrypt comparison, so parallel guesses
 * queue on the row lock instead of all being checked (`services/access/login.ts`).
 *
 * `login_attempts` stays as it was (old rows readable); it now records only the attempts whose
 * password was actually checked, and gets an index on `at` so old rows can be swept cheaply.
 */
import type { Kysely, Migration } from 'kysely';
import { runSql } from './run-sql.ts';

export const loginThrottle: Migration = {
  async up(db: Kysely<unknown>) {
    await runSql(db, [
      `create table login_throttle (
        username text not null,
        address text not null,
        failures integer not null check (failures >= 0),
        last_attempt_at timestamptz not null,
        next_attempt_at timestamptz not null,
        primary key (username, address)
      )`,
      `create index login_throttle_last_attempt on login_throttle (last_attempt_at)`,
      `create index login_attempts_at on login_attempts (at)`,
    ]);
  },
};
