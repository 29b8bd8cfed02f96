/**
 * @module routes/schemes
 * Schemes: list, create (with draft version 1), read with versions and lineage, clone a
 * template into a department, list versions and start a new draft.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { ID, KEY, listOf, NAME } from '../services/api-schemas.ts';
import { queryBoolean, queryId } from '../services/query-params.ts';
import { cloneScheme } from '../services/schemes/scheme-clone.ts';
import type { SchemeDocument } from '../services/schemes/scheme-documents.ts';
import { createScheme, getScheme, listSchemes } from '../services/schemes/schemes.ts';
import { parseId } from '../services/access/scope.ts';
import { createDraft, listVersions } from '../services/schemes/versions.ts';
import { CREATED_SCHEME, SCHEME, SCHEME_WITH_VERSIONS, VERSION_DETAIL, VERSION_SUMMARY } from './scheme-responses.ts';

const READERS = ['hr', 'manager', 'auditor'] as const;
const WRITERS = ['hr', 'manager'] as const;

const DOCUMENT = { type: 'object', description: 'A scheme document (components.schemas.Scheme). The server validates it and lists every issue with its path.' };

export function registerSchemeRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/schemes',
      summary: 'List schemes',
      tag: 'schemes',
      roles: READERS,
      description: "Managers see HR's library and their own departments' schemes; HR and auditors see all. Each item carries its latest version and its current (newest published) version.",
      query: { template: { type: 'boolean', description: 'true: templates only; false: no templates.' }, department: { type: 'string', description: 'Only schemes owned by this department id.' } },
      response: listOf(SCHEME),
    },
    (c, { query }) => listSchemes(c.var.db, c.var.user!, { template: queryBoolean(query.template, 'template'), departmentId: queryId(query.department, 'department') }),
  );

  route<{ key: string; title: string; departmentId?: string | null; isTemplate?: boolean; document: SchemeDocument }>(
    app,
    {
      method: 'post',
      path: '/api/schemes',
      summary: 'Create a scheme',
      tag: 'schemes',
      roles: WRITERS,
      status: 201,
      description:
        'Creates the scheme and its draft version 1. The document must be a valid scheme (400 invalid_scheme with details.issues otherwise); its key must equal `key`, and `template: true` exactly for templates. HR may create library schemes (no departmentId) and templates (always library schemes); managers only schemes of their own departments. Analysis findings come back with the version; they block publishing, not saving.',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'title', 'document'],
        properties: { key: KEY, title: NAME, departmentId: { anyOf: [ID, { type: 'null' }] }, isTemplate: { type: 'boolean' }, document: DOCUMENT },
      },
      response: CREATED_SCHEME,
    },
    (c, { body }) =>
      createScheme(c.var.db, c.var.user!, {
        key: body.key,
        title: body.title,
        departmentId: body.departmentId == null ? null : Number(body.departmentId),
        isTemplate: body.isTemplate,
        document: body.document,
      }),
  );

  route(
    app,
    { method: 'get', path: '/api/schemes/:id', summary: 'Read a scheme with its versions', tag: 'schemes', roles: READERS, description: 'Version summaries oldest first, and `clonedFrom` { schemeId, schemeKey, versionId, versionNumber } for clones.', response: SCHEME_WITH_VERSIONS },
    (c, { params }) => getScheme(c.var.db, c.var.user!, parseId(params.id, 'scheme')),
  );

  route<{ key: string; title: string; departmentId: string | null; versionId?: string }>(
    app,
    {
      method: 'post',
      path: '/api/schemes/:id/clone',
      summary: 'Clone a scheme into a department',
      tag: 'schemes',
      roles: WRITERS,
      status: 201,
      description:
        "Usually a template: the new scheme's draft version 1 is the source version's document with the new key and title and `template: false`. Template blanks stay blank; analysis reports them as errors until they are filled, so the copy cannot be published before. The source is the newest published version unless `versionId` names a published or retired one (drafts may still change, so they cannot be cloned). `departmentId` null puts the copy in HR's library (HR only).",
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'title', 'departmentId'],
        properties: { key: KEY, title: NAME, departmentId: { anyOf: [ID, { type: 'null' }] }, versionId: ID },
      },
      response: CREATED_SCHEME,
    },
    (c, { params, body }) =>
      cloneScheme(c.var.db, c.var.user!, parseId(params.id, 'scheme'), {
        key: body.key,
        title: body.title,
        departmentId: body.departmentId === null ? null : Number(body.departmentId),
        versionId: body.versionId === undefined ? undefined : Number(body.versionId),
      }),
  );

  route(
    app,
    { method: 'get', path: '/api/schemes/:id/versions', summary: 'List the versions of a scheme', tag: 'schemes', roles: READERS, description: 'Summaries without documents, oldest first.', response: listOf(VERSION_SUMMARY) },
    (c, { params }) => listVersions(c.var.db, c.var.user!, parseId(params.id, 'scheme')),
  );

  route(
    app,
    {
      method: 'post',
      path: '/api/schemes/:id/versions',
      summary: 'Start a new draft version',
      tag: 'schemes',
      roles: WRITERS,
      status: 201,
      description: 'The draft is a copy of the newest version. A scheme has at most one draft: 409 invalid_transition when one exists.',
      response: VERSION_DETAIL,
    },
    (c, { params }) => createDraft(c.var.db, c.var.user!, parseId(params.id, 'scheme')),
  );
}
