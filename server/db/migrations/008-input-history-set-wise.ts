/**
 * @module 008-input-history-set-wise
 * `input_history` filled once per statement instead of once per row: the row triggers of
 * `005-inputs` ran a PL/pgSQL insert for each of the 1.4 M rows a 100,000-employee import
 * writes, which was most of the import's time. Statement-level triggers with transition tables
 * (`REFERENCING NEW/OLD TABLE`) write the same history rows set-wise, still in the database, so
 * no writer (manual entry, API pushes, imports, or plain SQL) can skip them.
 *
 * The rows are the same as before: `insert` (new value, its source/user/batch), `update` only
 * when the value really changed (old and new value), `delete` (old value, no user). An update
 * pairs its old and new rows by the primary key, so the key columns of `inputs` are made
 * immutable (SQLSTATE 23514, a check violation): no code path changes them, and a changed key could not be paired.
 */
import type { Kysely, Migration } from 'kysely';
import { runSql } from './run-sql.ts';

const HISTORY_COLUMNS = 'cycle_id, employee_id, input_key, operation, old_value, new_value, source, entered_by, import_batch_id';

export const inputHistorySetWise: Migration = {
  async up(db: Kysely<unknown>) {
    await runSql(db, [
      `drop trigger inputs_history_insert_delete on inputs`,
      `drop trigger inputs_history_update on inputs`,
      `drop function inputs_record_history()`,
      `create function inputs_history_inserted() returns trigger language plpgsql as $$
      begin
        insert into input_history (${HISTORY_COLUMNS})
          select n.cycle_id, n.employee_id, n.input_key, 'insert', null, n.value, n.source, n.entered_by, n.import_batch_id
          from inputs_new n;
        return null;
      end
      $$`,
      `create function inputs_history_updated() returns trigger language plpgsql as $$
      begin
        insert into input_history (${HISTORY_COLUMNS})
          select n.cycle_id, n.employee_id, n.input_key, 'update', o.value, n.value, n.source, n.entered_by, n.import_batch_id
          from inputs_new n
          join inputs_old o on o.cycle_id = n.cycle_id and o.employee_id = n.employee_id and o.input_key = n.input_key
          -- Writing the same value again (an idempotent retry) is not a change worth a history row.
          where o.value is distinct from n.value;
        return null;
      end
      $$`,
      `create function inputs_history_deleted() returns trigger language plpgsql as $$
      begin
        insert into input_history (${HISTORY_COLUMNS})
          select o.cycle_id, o.employee_id, o.input_key, 'delete', o.value, null, o.source, null, o.import_batch_id
          from inputs_old o;
        return null;
      end
      $$`,
      `create function inputs_key_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'the key of an inputs row (cycle, employee, input) cannot change; delete it and insert another' using errcode = 'check_violation';
      end
      $$`,
      // One trigger per event: a trigger with transition tables may only have one event.
      `create trigger inputs_history_insert after insert on inputs
        referencing new table as inputs_new for each statement execute function inputs_history_inserted()`,
      `create trigger inputs_history_update after update on inputs
        referencing old table as inputs_old new table as inputs_new for each statement execute function inputs_history_updated()`,
      `create trigger inputs_history_delete after delete on inputs
        referencing old table as inputs_old for each statement execute function inputs_history_deleted()`,
      // Fires only for statements that set a key column, so the upserts pay nothing for it.
      `create trigger inputs_key_update before update of cycle_id, employee_id, input_key on inputs
        for each row when (old.cycle_id is distinct from new.cycle_id or old.employee_id is distinct from new.employee_id or old.input_key is distinct from new.input_key)
        execute function inputs_key_immutable()`,
    ]);
  },
};
