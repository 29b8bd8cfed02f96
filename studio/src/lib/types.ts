/**
 * @module lib/types
 * The API's resources as the studio reads them (ids are strings, times ISO 8601, days YYYY-MM-DD).
 * They mirror the server's route declarations in `server/routes/*.ts`.
 */
import type { Finding } from '../../../rules/2-analyze/types.ts';
import type { EmployeeResult } from '../../../rules/4-evaluate/result.ts';

export type { Finding };

export type { CycleStatus, Locale, Period, Role } from '../../../schemas/vocabulary.ts';
import type { CycleStatus, Locale, Period, Role } from '../../../schemas/vocabulary.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: string;
  departmentIds: string[];
  employeeId: string | null;
}

export interface Session {
  user: User;
  csrfToken: string | null;
}

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  contentHash: string;
  revision: number;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
  note: string | null;
}

export interface Version extends VersionSummary {
  schemeId: string;
  schemeKey: string;
  /** The scheme document; any JSON object while a draft is incomplete. */
  document: Record<string, unknown>;
  createdBy: string | null;
  publishedBy: string | null;
  findings: Finding[];
}

export interface Lineage {
  schemeId: string;
  schemeKey: string;
  versionId: string;
  versionNumber: number;
}

export interface SchemeSummary {
  id: string;
  key: string;
  title: string;
  departmentId: string | null;
  isTemplate: boolean;
  clonedFrom: Lineage | null;
  createdBy: string | null;
  createdAt: string;
  latestVersion: VersionSummary | null;
  currentVersion: VersionSummary | null;
  hasDraft: boolean;
}

export interface SchemeDetail extends SchemeSummary {
  versions: VersionSummary[];
}

export interface TemplateSummary extends SchemeSummary {
  documentTitle: string | null;
  description: string | null;
}

export interface Department {
  id: string;
  key: string;
  name: string;
  parentId: string | null;
}

export interface Position {
  id: string;
  key: string;
  name: string;
  departmentId: string | null;
}

export interface Employee {
  id: string;
  code: string;
  name: string;
  departmentId: string;
  positionId: string;
  level: string | null;
  managerId: string | null;
  attributes: Record<string, unknown>;
  active: boolean;
}


export interface Cycle {
  id: string;
  key: string;
  title: string;
  period: Period;
  startsOn: string;
  endsOn: string;
  status: CycleStatus;
  nextStatuses: CycleStatus[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Assignment {
  id: string;
  versionId: string;
  schemeId: string;
  schemeKey: string;
  versionNumber: number;
  contentHash: string;
  departmentId: string | null;
  positionId: string | null;
}

export interface CycleDetail extends Cycle {
  assignments: Assignment[];
  counts: { employees: number; employeesWithInputs: number; inputValues: number; results: number; openAppeals: number };
}

export interface InputCell {
  value: unknown;
  source: 'manual' | 'import' | 'api';
  enteredBy: string | null;
  enteredAt: string;
  importBatchId: string | null;
}

export interface InputRow {
  employeeId: string;
  code: string;
  name: string;
  departmentId: string;
  positionId: string;
  versionId: string;
  /** Scalar attributes and the level (team, group …), as evaluation reads them. */
  attributes?: Record<string, string | number | boolean | null>;
  cells: Record<string, InputCell | null>;
}

export interface GridInput {
  key: string;
  title: string;
  type: 'number' | 'integer' | 'boolean' | 'enum' | 'rating' | 'text';
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  options: Array<string | number> | null;
  multiRater: boolean;
  raterGroups: string[] | null;
  required: boolean;
}

export interface GridVersion {
  id: string;
  schemeKey: string;
  number: number;
  inputs: GridInput[];
}

export interface InputGrid {
  cycle: { id: string; key: string; status: CycleStatus; acceptsInputs: boolean };
  versions: GridVersion[];
  total: number;
  limit: number;
  offset: number;
  rows: InputRow[];
}

export interface ImportError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportResult {
  batchId: string;
  rows: number;
  values: number;
  changed: number;
  sha256: string;
  sameAsBatchId: string | null;
}

export interface Job {
  id: string;
  cycleId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ResultItem {
  employeeId: string;
  code: string;
  name: string;
  departmentId: string;
  departmentKey: string;
  departmentName: string;
  positionId: string;
  positionKey: string;
  versionId: string;
  total: number | null;
  grade: string | null;
  status: string;
  rank: number | null;
  computedAt: string;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface ResultDetail {
  cycle: { id: string; key: string; title: string; status: CycleStatus; startsOn: string; endsOn: string };
  employee: { id: string; code: string; name: string; departmentId: string; departmentKey: string; positionId: string; positionKey: string };
  schemeVersion: { id: string; schemeKey: string; number: number; contentHash: string };
  total: number | null;
  grade: string | null;
  status: string;
  schemeHash: string;
  inputsHash: string;
  jobId: string | null;
  computedAt: string;
  result: EmployeeResult;
  explanation: EmployeeResult;
  inputsChanged: boolean;
}

export interface AuditEntry {
  seq: string;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: unknown;
  payloadHash: string;
  prevHash: string;
  rowHash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** One revision of a result (GET /api/cycles/:id/results/:employeeId/revisions). */
export interface ResultRevision {
  revision: number;
  current: boolean;
  removed: boolean;
  jobId: string | null;
  startedBy: string | null;
  startedByName: string | null;
  reason: string;
  computedAt: string;
  versionId: string;
  total: number | null;
  grade: string | null;
  status: string;
  schemeHash: string;
  inputsHash: string;
  resultHash: string;
  recordedResultHash: string | null;
}

/** The audit log's head: what an auditor notes down to verify against later. */
export interface AuditHead {
  seq: string;
  hash: string;
  at: string;
}

/** One record that no longer matches the log: a broken chain row, the anchor, a result or an input. */
export interface AuditProblem {
  kind: 'chain' | 'anchor' | 'result' | 'input';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  count: number;
  lastHash?: string;
  firstBrokenSeq?: string;
  reason?: string;
  head: AuditHead | null;
  anchor?: { seq: string; hash: string; ok: boolean };
  checked: { evaluations: number; superseded: number; results: number; inputs: number };
  problems: AuditProblem[];
}

export interface Reproduction {
  matches: boolean;
  stored: Record<string, unknown>;
  recomputed: Record<string, unknown>;
  differences: Array<{ field: string; stored: unknown; recomputed: unknown }>;
}

