/**
 * @module lib/types
 * The API's resources as the studio reads them (ids are strings, times ISO 8601, days YYYY-MM-DD).
 * They are not written here: each is the type generated from the response schema a route
 * declares (`schemas/generated/api.ts`, by `npm run gen:types` from `server/routes/*.ts`), the
 * same schema the OpenAPI document publishes and the contract test checks real answers against.
 * Where the studio knows more than the schema says (a stored result is an `EmployeeResult`, a
 * finding a `Finding` of `rules/`), the type is derived from the generated one here.
 *
 * @example
 * import type { CycleDetail } from '../lib/types.ts';
 * const cycle = await api.get<CycleDetail>(`/api/cycles/${id}`);
 */
import type { Finding } from '../../../rules/2-analyze/types.ts';
import type { EmployeeResult } from '../../../rules/4-evaluate/result.ts';
import type * as Api from '../../../schemas/generated/api.ts';

export type { Finding };
export type { ImportError } from '../../../rules/inputs/problems.ts';
export type { CycleStatus, Locale, Period, Role } from '../../../schemas/vocabulary.ts';
export type { ApiBody, ApiOperation, ApiResponse } from '../../../schemas/generated/api.ts';

export type {
  Account,
  ApiToken,
  Assignment,
  AuditEntry,
  AuditHead,
  AuditPage,
  AuditProblem,
  AuditVerification,
  CreatedApiToken,
  Cycle,
  CycleDetail,
  Department,
  Employee,
  GridInput,
  GridVersion,
  ImportResult,
  InputCell,
  InputGrid,
  InputRow,
  Job,
  Lineage,
  Position,
  Reproduction,
  ResultItem,
  ResultRevision,
  SchemeDetail,
  SchemeSummary,
  Session,
  TemplateSummary,
  User,
  VersionSummary,
} from '../../../schemas/generated/api.ts';

export type VersionStatus = Api.VersionSummary['status'];

/** A version with its findings as `rules/` types them (the schema only says each is an object with a code, path, …). */
export type Version = Omit<Api.Version, 'findings'> & { findings: Finding[] };

/** One page of a paged listing (`pageOf` on the server), e.g. `Page<ResultItem>`. */
export type Page<T> = Omit<Api.ApiResponse<'GET /api/cycles/:id/results'>, 'items'> & { items: T[] };

/** One result with its explanation; `result` and `explanation` are the engine's `EmployeeResult`. */
export type ResultDetail = Omit<Api.ResultDetail, 'result' | 'explanation'> & { result: EmployeeResult; explanation: EmployeeResult };
