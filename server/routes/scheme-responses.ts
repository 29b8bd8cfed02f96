/**
 * @module routes/scheme-responses
 * How the API answers about schemes and their versions (`services/schemes/scheme-format.ts`
 * builds the answers): the response schemas of the scheme, version and template routes.
 *
 * @example route(app, { …, response: VERSION_DETAIL }, handler)
 */
import { API_ID, listOf, NULLABLE_DAY, NULLABLE_ID, NULLABLE_TIME, record, TIME, titled } from '../services/api-schemas.ts';

const VERSION_FIELDS = {
  id: API_ID,
  number: { type: 'integer', minimum: 1 },
  status: { enum: ['draft', 'published', 'retired'] },
  contentHash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$', description: 'SHA-256 of the document\'s canonical JSON.' },
  revision: { type: 'integer', minimum: 1, description: 'Send it back when saving a draft (optimistic concurrency).' },
  effectiveFrom: NULLABLE_DAY,
  effectiveTo: NULLABLE_DAY,
  createdAt: TIME,
  updatedAt: TIME,
  publishedAt: NULLABLE_TIME,
  retiredAt: NULLABLE_TIME,
  note: { type: ['string', 'null'] },
};

/** A version without its document. */
export const VERSION_SUMMARY = titled('VersionSummary', record(VERSION_FIELDS));

/** A whole version: its document, who wrote and published it, and the findings of its analysis. */
export const VERSION_DETAIL = titled('Version', record({
  ...VERSION_FIELDS,
  schemeId: API_ID,
  schemeKey: { type: 'string' },
  document: { type: 'object', description: 'The scheme document exactly as stored (components.schemas.Scheme once it parses).' },
  createdBy: NULLABLE_ID,
  publishedBy: NULLABLE_ID,
  findings: { type: 'array', items: { type: 'object', required: ['severity', 'code', 'pointer', 'path', 'message'] } },
}));

const SCHEME_FIELDS = {
  id: API_ID,
  key: { type: 'string' },
  title: { type: 'string' },
  departmentId: { ...NULLABLE_ID, description: "null: HR's library." },
  isTemplate: { type: 'boolean' },
  clonedFrom: { anyOf: [titled('Lineage', record({ schemeId: API_ID, schemeKey: { type: 'string' }, versionId: API_ID, versionNumber: { type: 'integer' } })), { type: 'null' }] },
  createdBy: NULLABLE_ID,
  createdAt: TIME,
  latestVersion: { anyOf: [VERSION_SUMMARY, { type: 'null' }] },
  currentVersion: { anyOf: [VERSION_SUMMARY, { type: 'null' }], description: 'The newest published version: what a new cycle would use.' },
  hasDraft: { type: 'boolean' },
};

/** A scheme with its lineage, latest and current version. */
export const SCHEME = titled('SchemeSummary', record(SCHEME_FIELDS));

/** A scheme with the summaries of all its versions, oldest first. */
export const SCHEME_WITH_VERSIONS = titled('SchemeDetail', record({ ...SCHEME_FIELDS, versions: { type: 'array', items: VERSION_SUMMARY } }));

/** A scheme just created or cloned, with its draft version 1. */
export const CREATED_SCHEME = titled('CreatedScheme', record({ scheme: SCHEME, version: VERSION_DETAIL }));

/** The template library: schemes with the title and description of their document. */
export const TEMPLATES = listOf(titled('TemplateSummary', record({ ...SCHEME_FIELDS, documentTitle: { type: ['string', 'null'] }, description: { type: ['string', 'null'] } })));
