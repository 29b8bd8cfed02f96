/**
 * @module 011-decided-appeals
 * A decided appeal is a record: once an appeal is `accepted`, `rejected` or `withdrawn`, the
 * database refuses to UPDATE or DELETE its row, and `appeals` cannot be truncated (SQLSTATE
 * `YS002`, as for the other append-only tables). Appeals still under review change as before.
 */
import type { Kysely, Migration } from 'kysely';
import { runSql } from './run-sql.ts';

export const decidedAppeals: Migration = {
  async up(db: Kysely<unknown>) {
    await runSql(db, [
      `create function decided_appeal_guard() returns trigger language plpgsql as $$
      begin
        raise exception 'appeal % is %: a decided appeal cannot be changed or deleted (%)', old.id, old.status, tg_op using errcode = 'YS002';
      end
      $$`,
      `create trigger appeals_decided_final before update or delete on appeals
        for each row when (old.status in ('accepted', 'rejected', 'withdrawn')) execute function decided_appeal_guard()`,
      `create trigger appeals_no_truncate before truncate on appeals
        for each statement execute function append_only_guard()`,
    ]);
  },
};
