/**
 * @module types
 * Kysely's view of the schema the migrations create: one interface per table, collected in `DB`.
 *
 * Conventions (see `type-parsers.ts` for why the values look like this on both drivers):
 * - ids are `bigint` identities and come back as `number`; the API turns them into strings;
 * - `timestamptz` columns are `Date` (strings accepted on write), `date` columns `'YYYY-MM-DD'`;
 * - jsonb columns are typed as the object they hold; write them as objects or with `json()`;
 * - `Generated<T>` marks a column the database fills when the insert leaves it out.
 *
 * Keep this file in step with `migrations/`; the tests insert into every table.
 */
import type { ColumnType, Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Finding } from '../../rules/2-analyze/types.ts';
import type { EmployeeResult } from '../../rules/4-evaluate/result.ts';
import type { CycleStatus, Period as CyclePeriod, Role as UserRole } from '../../schemas/vocabulary.ts';

/** A column with a database default: optional on insert (works with `ColumnType` too, like kysely-codegen's). */
export type Generated<T> = T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;
/** `timestamptz`: read as `Date`, written as `Date` or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date`: always a `'YYYY-MM-DD'` string. */
export type DateOnly = string;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
/** A jsonb object column: read as a JSON object, written from any object (interfaces such as `Scheme` included). */
export type JsonObjectColumn = ColumnType<JsonObject, object, object>;

export type { CycleStatus, CyclePeriod, UserRole };
export type SchemeVersionStatus = 'draft' | 'published' | 'retired';
export type InputSource = 'manual' | 'import' | 'api';
export type InputOperation = 'insert' | 'update' | 'delete';
export type ImportBatchStatus = 'pending' | 'applied' | 'failed';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type AppealStatus = 'filed' | 'department-review' | 'hr-review' | 'accepted' | 'rejected' | 'withdrawn';

// ── organisation ────────────────────────────────────────────────────────────
export interface DepartmentsTable {
  id: Generated<number>;
  key: string;
  name: string;
  parent_id: number | null;
  created_at: Generated<Timestamp>;
}

export interface PositionsTable {
  id: Generated<number>;
  key: string;
  name: string;
  department_id: number | null;
  created_at: Generated<Timestamp>;
}

export interface EmployeesTable {
  id: Generated<number>;
  /** The organisation's own employee number, e.g. `E0001`. */
  code: string;
  name: string;
  department_id: number;
  position_id: number;
  level: string | null;
  manager_id: number | null;
  attributes: Generated<JsonObjectColumn>;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

// ── access ──────────────────────────────────────────────────────────────────
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** Null: password login disabled (API tokens only). */
  password_hash: string | null;
  role: UserRole;
  employee_id: number | null;
  locale: Generated<string>;
  created_at: Generated<Timestamp>;
}

/** The departments a manager may see and edit. */
export interface UserDepartmentsTable {
  user_id: number;
  department_id: number;
}

export interface SessionsTable {
  /** Hash of the random session token; the token itself lives only in the cookie. */
  id: string;
  user_id: number;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  csrf_token: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Generated<Timestamp>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Generated<Timestamp>;
  success: boolean;
}

/** One row per (user name, client address) with recent failed logins; see migration 009. */
export interface LoginThrottleTable {
  username: string;
  address: string;
  /** Failed (or still running) password checks since the pair was last quiet or reset. */
  failures: number;
  last_attempt_at: Timestamp;
  /** No password check for this pair before this time. */
  next_attempt_at: Timestamp;
}

// ── schemes ─────────────────────────────────────────────────────────────────
export interface SchemesTable {
  id: Generated<number>;
  key: string;
  title: string;
  /** Null: the scheme belongs to HR's library. */
  owner_department_id: number | null;
  is_template: Generated<boolean>;
  cloned_from_version_id: number | null;
  created_by: number | null;
  created_at: Generated<Timestamp>;
}

export interface SchemeVersionsTable {
  id: Generated<number>;
  scheme_id: number;
  number: number;
  status: Generated<SchemeVersionStatus>;
  /** The scheme document; a draft's may not validate yet, so it reads as plain JSON, not `Scheme`. */
  document: JsonObjectColumn;
  /** `sha256:` + hex of the document's canonical JSON (`hashScheme`). */
  content_hash: string;
  /** Bumped on every draft write; a write naming an older revision is stale (409). */
  revision: Generated<number>;
  effective_from: DateOnly | null;
  effective_to: DateOnly | null;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  published_by: number | null;
  published_at: Timestamp | null;
  retired_at: Timestamp | null;
  note: string | null;
}

/** The findings of a published document, stored once at publish, keyed by its content hash (migration 013). */
export interface VersionFindingsTable {
  content_hash: string;
  /** `Finding[]` as `analyzeScheme` returned them when the document was published. */
  findings: ColumnType<Finding[], RawBuilder<unknown>, never>;
  created_at: Generated<Timestamp>;
}

// ── cycles and inputs ───────────────────────────────────────────────────────
export interface CyclesTable {
  id: Generated<number>;
  key: string;
  title: string;
  period: CyclePeriod;
  starts_on: DateOnly;
  ends_on: DateOnly;
  status: Generated<CycleStatus>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** Which published scheme version applies to whom in a cycle; null department/position = everyone else. */
export interface CycleAssignmentsTable {
  id: Generated<number>;
  cycle_id: number;
  scheme_version_id: number;
  department_id: number | null;
  position_id: number | null;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  cycle_id: number;
  filename: string;
  format: string;
  /** `sha256:` of the uploaded bytes, to recognise the same file uploaded twice. */
  content_hash: string | null;
  row_count: Generated<number>;
  status: Generated<ImportBatchStatus>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  errors: Generated<JsonValue[]>;
}

export interface InputsTable {
  cycle_id: number;
  employee_id: number;
  input_key: string;
  /** Any JSON value; write it with `json(value)` (a bare boolean fails on postgres.js). */
  value: JsonValue;
  source: InputSource;
  entered_by: number | null;
  entered_at: Generated<Timestamp>;
  import_batch_id: number | null;
}

/** Filled by a trigger on `inputs`; append-only. */
export interface InputHistoryTable {
  id: Generated<number>;
  cycle_id: number;
  employee_id: number;
  input_key: string;
  operation: InputOperation;
  old_value: JsonValue | null;
  new_value: JsonValue | null;
  source: InputSource;
  /** Who wrote the new value; null for deletions (the audit log names who deleted). */
  entered_by: number | null;
  import_batch_id: number | null;
  changed_at: Generated<Timestamp>;
}

// ── evaluation ──────────────────────────────────────────────────────────────
export interface EvaluationJobsTable {
  id: Generated<number>;
  cycle_id: number;
  status: Generated<JobStatus>;
  total: Generated<number>;
  done_count: Generated<number>;
  error: string | null;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/**
 * Append-only (migration 010): every evaluation adds a revision per cycle × employee; `removed`
 * marks an employee the job no longer assessed. Read current results through the `results` view.
 */
export interface ResultRevisionsTable {
  cycle_id: number;
  employee_id: number;
  revision: number;
  removed: Generated<boolean>;
  /** `sha256:…` of the result's canonical JSON as written; null on rows from before migration 010. */
  result_hash: string | null;
  scheme_version_id: number;
  scheme_hash: string;
  inputs_hash: string;
  total: number | null;
  grade: string | null;
  status: EmployeeResult['status'];
  result: EmployeeResult;
  job_id: number | null;
  computed_at: Generated<Timestamp>;
}

/** A view: the current (latest, not removed) revision of each cycle × employee. Read only. */
export type ResultsTable = Omit<ResultRevisionsTable, 'removed'>;

export interface AppealsTable {
  id: Generated<number>;
  cycle_id: number;
  employee_id: number;
  status: Generated<AppealStatus>;
  reason: string;
  evidence: Generated<JsonValue[]>;
  decided_by: number | null;
  decision: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

// ── audit ───────────────────────────────────────────────────────────────────
/** Append-only; written only through `appendAudit` (see `server/services/audit/audit.ts` for the hash formula). */
export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  payload: JsonValue;
  payload_hash: string;
  prev_hash: string;
  row_hash: string;
}

/** Every table, as Kysely sees it. */
export interface DB {
  departments: DepartmentsTable;
  positions: PositionsTable;
  employees: EmployeesTable;
  users: UsersTable;
  user_departments: UserDepartmentsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  login_throttle: LoginThrottleTable;
  schemes: SchemesTable;
  scheme_versions: SchemeVersionsTable;
  version_findings: VersionFindingsTable;
  cycles: CyclesTable;
  cycle_assignments: CycleAssignmentsTable;
  import_batches: ImportBatchesTable;
  inputs: InputsTable;
  input_history: InputHistoryTable;
  evaluation_jobs: EvaluationJobsTable;
  result_revisions: ResultRevisionsTable;
  results: ResultsTable;
  appeals: AppealsTable;
  audit_log: AuditLogTable;
}

/** A row as read, as inserted and as updated, for any table: `Row<'employees'>`, `NewRow<'cycles'>`. */
export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;
