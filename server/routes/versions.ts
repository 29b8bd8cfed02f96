/**
 * @module routes/versions
 * One scheme version: read it with its findings, save a draft, check a draft document without
 * saving it, publish, retire, compare with another version, and evaluate it on sample employees
 * without saving.
 */
import type { Hono } from 'hono';
import { CHANGE_ENTITIES } from '../../rules/diff/types.ts';
import type { EmployeeData } from '../../rules/index.ts';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { DAY, withParts } from '../services/api-schemas.ts';
import { requiredQueryId } from '../services/query-params.ts';
import type { SchemeDocument } from '../services/schemes/scheme-documents.ts';
import { previewVersion } from '../services/schemes/scheme-preview.ts';
import { parseId } from '../services/access/scope.ts';
import { diffVersions } from '../services/schemes/version-diff.ts';
import { type PublishRequest, publishVersion, retireVersion } from '../services/schemes/version-lifecycle.ts';
import { checkDraft, getVersion, updateDraft } from '../services/schemes/versions.ts';
import { VERSION_DETAIL } from './scheme-responses.ts';

const READERS = ['hr', 'manager', 'auditor'] as const;
const WRITERS = ['hr', 'manager'] as const;

const SCALAR = { type: ['string', 'number', 'boolean', 'null'] };
const PREVIEW_EMPLOYEE = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'inputs'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 100 },
    position: { type: ['string', 'null'], maxLength: 100 },
    department: { type: ['string', 'null'], maxLength: 100 },
    attributes: { type: 'object', additionalProperties: SCALAR },
    inputs: { type: 'object' },
  },
};

export function registerVersionRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/versions/:id',
      summary: 'Read a scheme version',
      tag: 'versions',
      roles: READERS,
      description: 'The document, its content hash and revision, effective dates, who created and published it, and `findings`: the analysis of the document, or its schema issues (code invalid_scheme) when a draft does not parse yet.',
      response: VERSION_DETAIL,
    },
    (c, { params }) => getVersion(c.var.db, c.var.user!, parseId(params.id, 'scheme version')),
  );

  route<{ document: SchemeDocument; revision: number }>(
    app,
    {
      method: 'put',
      path: '/api/versions/:id',
      summary: 'Save a draft',
      tag: 'versions',
      roles: WRITERS,
      description:
        'Optimistic concurrency: send the `revision` you loaded; the save bumps it. A save based on an older revision is refused with 409 stale_write (details.currentRevision) and changes nothing. Only drafts can be saved (409 invalid_transition otherwise). A draft must be a JSON object of at most 2 MB whose key is the scheme\'s; it is saved even when it does not validate or has analysis errors (work in progress) — the response lists them as findings, and publishing refuses until they are fixed. content_hash is the SHA-256 of the canonical JSON (equal to hashScheme once it parses).',
      body: { type: 'object', additionalProperties: false, required: ['document', 'revision'], properties: { document: { type: 'object' }, revision: { type: 'integer', minimum: 1 } } },
      response: VERSION_DETAIL,
    },
    (c, { params, body }) => updateDraft(c.var.db, c.var.user!, parseId(params.id, 'scheme version'), body),
  );

  // Its own route rather than a flag on PUT: a check is not a write, so it needs no revision and
  // leaves no audit entry; the service shares every pre-write check with the save.
  route<SchemeDocument>(
    app,
    {
      method: 'post',
      path: '/api/versions/:id/check',
      summary: 'Check a draft document without saving',
      tag: 'versions',
      roles: WRITERS,
      description:
        'The body is a scheme document (a JSON object, as `document` in PUT /api/versions/:id). It is checked exactly as saving it to this draft would check it — the same refusals (403 out of scope, 409 invalid_transition unless a draft, 400 invalid_argument when its key or template flag is not the scheme\'s, 413 payload_too_large over 2 MB) and the same parse and analysis — and the answer is `issues` (schema issues, empty when it parses) and `findings` in the shape the save returns; error findings are what publishing would refuse. Nothing is written: no revision change, no audit entry. The studio runs the same parse and analysis in the browser as a draft is edited; this route is for other API clients.',
      body: { type: 'object', description: 'A scheme document (components.schemas.Scheme), possibly incomplete.' },
      response: { type: 'object', required: ['issues', 'findings'], properties: { issues: { type: 'array', items: { type: 'object' } }, findings: { type: 'array', items: { type: 'object' } } } },
    },
    (c, { params, body }) => checkDraft(c.var.db, c.var.user!, parseId(params.id, 'scheme version'), body),
  );

  route<PublishRequest>(
    app,
    {
      method: 'post',
      path: '/api/versions/:id/publish',
      summary: 'Publish a draft',
      tag: 'versions',
      roles: WRITERS,
      description:
        'Parses and analyses the draft: any schema issue or error finding refuses with 422 analysis_failed and details.findings. Then the version is published and immutable (the database refuses changes), with effectiveFrom (default today, UTC). With `revision`, publishes only if the draft is still at that revision. An earlier published version of the scheme stays published until retired explicitly, so running cycles keep theirs.',
      body: { type: 'object', additionalProperties: false, properties: { effectiveFrom: DAY, note: { type: 'string', maxLength: 2000 }, revision: { type: 'integer', minimum: 1 } } },
      response: VERSION_DETAIL,
    },
    (c, { params, body }) => publishVersion(c.var.db, c.var.user!, parseId(params.id, 'scheme version'), body ?? {}),
  );

  route<{ effectiveTo?: string }>(
    app,
    {
      method: 'post',
      path: '/api/versions/:id/retire',
      summary: 'Retire a published version',
      tag: 'versions',
      roles: WRITERS,
      description: 'Sets retired_at and effectiveTo (default today, never before effectiveFrom). The document never changes, so stored results stay reproducible.',
      body: { type: 'object', additionalProperties: false, properties: { effectiveTo: DAY } },
      response: VERSION_DETAIL,
    },
    (c, { params, body }) => retireVersion(c.var.db, c.var.user!, parseId(params.id, 'scheme version'), body ?? {}),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/versions/:id/diff',
      summary: 'Compare two versions',
      tag: 'versions',
      roles: READERS,
      description: 'Changes from version `against` (from) to this version (to), human-readable. The versions may belong to different schemes, e.g. a department copy and its template.',
      query: { against: { type: 'string', description: 'Id of the version to compare with (the older side).' } },
      response: {
        type: 'object',
        required: ['from', 'to', 'changes'],
        properties: {
          from: { type: 'object' },
          to: { type: 'object' },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              required: ['kind', 'pointer', 'path', 'text', 'subject'],
              properties: {
                kind: { enum: ['added', 'removed', 'changed', 'moved'] },
                pointer: { type: 'string', description: 'JSON pointer into the newer version (the older one for removed).' },
                path: { type: 'string' },
                text: { type: 'string', description: 'The change in English, e.g. `weight of "response_time" for position "engineer" 30 → 25`.' },
                before: {},
                after: {},
                subject: {
                  type: 'object',
                  description: 'What changed, in structure, for wording the change in other languages (rules/diff/types.ts).',
                  required: ['entity'],
                  properties: {
                    entity: { enum: [...CHANGE_ENTITIES] },
                    key: { type: 'string' },
                    occurrence: { type: 'integer', minimum: 2 },
                    position: { type: 'string' },
                    field: { type: 'string' },
                    rule: { const: true },
                  },
                },
                form: { enum: ['values', 'renamed'], description: 'values: before/after are written into text; renamed: after is the new key; absent: text only names the change.' },
              },
            },
          },
        },
      },
    },
    (c, { params, query }) => diffVersions(c.var.db, c.var.user!, parseId(params.id, 'scheme version'), requiredQueryId(query.against, 'against')),
  );

  route<{ employees: EmployeeData[]; explain?: boolean }>(
    app,
    {
      method: 'post',
      path: '/api/versions/:id/preview',
      summary: 'Evaluate a version without saving',
      tag: 'versions',
      roles: READERS,
      description:
        'One employee gives the employee result (indicator scores, trace, total, grade); several (up to 1,000) give the population result with ranks and the forced distribution. `explain` defaults to true for one employee and false for several. A draft that does not parse answers 400 invalid_scheme with the issues. Nothing is stored.',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['employees'],
        properties: { employees: { type: 'array', minItems: 1, maxItems: 1000, items: PREVIEW_EMPLOYEE }, explain: { type: 'boolean' } },
      },
      response: {
        oneOf: [
          { ...withParts({ employeeId: { type: 'string' }, total: { type: ['number', 'null'] }, grade: { type: ['string', 'null'] }, indicators: { type: 'array' } }), description: 'One employee: the EmployeeResult.' },
          { ...withParts({ employees: { type: 'array' } }), description: 'Several: the PopulationResult with ranks and the forced distribution.' },
        ],
      },
    },
    (c, { params, body }) => previewVersion(c.var.db, c.var.user!, parseId(params.id, 'scheme version'), body),
  );
}
