/**
 * @module services/api-schemas
 * JSON Schema fragments shared by the route declarations (they drive ajv validation and the
 * OpenAPI document), so an id or a date is described the same way everywhere.
 */

/** An id in a request body: a positive integer written as a string, as the API returns ids. */
export const ID = { type: 'string', pattern: '^[1-9][0-9]{0,15}$', description: 'An id as returned by the API (digits, as a string).' } as const;

/** A calendar day. Whether the day exists (no 2026-02-30) is checked by `parseDay`. */
export const DAY = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A calendar day, YYYY-MM-DD.' } as const;

/** A key for departments, positions and schemes: the scheme schema's key rule (letters of any script, digits, _ and -). */
export const KEY = { $ref: 'scheme.schema.json#/$defs/key' } as const;

/** A one-line name or title. */
export const NAME = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\n\\r]*\\S[^\\n\\r]*$' } as const;

/** Page size and offset query parameters (documented; parsed by `parsePaging`). */
export const PAGING_QUERY = {
  limit: { type: 'integer', description: 'Page size, 1–500 (default 50).' },
  offset: { type: 'integer', description: 'Rows to skip (default 0).' },
} as const;

/** Response fragment: a nullable id. */
export const NULLABLE_ID = { type: ['string', 'null'] } as const;

/** Response fragment: an id as the API writes it. */
export const API_ID = { type: 'string', pattern: '^[1-9][0-9]*$' } as const;

/** Response fragment: a moment, ISO 8601 in UTC (e.g. 2026-12-04T19:59:24.336Z). */
export const TIME = { type: 'string', description: 'ISO 8601 time in UTC.' } as const;

/** Response fragment: a moment that may not have happened yet (null). */
export const NULLABLE_TIME = { type: ['string', 'null'], description: 'ISO 8601 time in UTC, or null.' } as const;

/** Response fragment: a calendar day or null. */
export const NULLABLE_DAY = { type: ['string', 'null'], pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;

/**
 * Response fragment: a schema with a name. The OpenAPI document shows the title, and the
 * generated API types (`schemas/generated/api.ts`) export the schema as a type of that name, so
 * the studio can say `Cycle` rather than spelling out the operation that returns one. Titles are
 * unique: the generator refuses two different schemas with one title.
 * @example titled('Cycle', record({ id: API_ID, key: { type: 'string' } }))
 */
export function titled(title: string, schema: Record<string, unknown>): Record<string, unknown> {
  return { title, ...schema };
}

/**
 * Response fragment: an object whose listed properties are all present, and nothing else.
 * @example record({ id: API_ID, name: { type: 'string' } })
 */
export function record(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/**
 * Response fragment: `{ items: [...] }` of one kind of record.
 * @example listOf(DEPARTMENT)
 */
export function listOf(item: Record<string, unknown>): Record<string, unknown> {
  return record({ items: { type: 'array', items: item } });
}

/**
 * Response fragment: one page of records with the total count and the paging that was applied.
 * @example pageOf(EMPLOYEE)
 */
export function pageOf(item: Record<string, unknown>): Record<string, unknown> {
  return record({ items: { type: 'array', items: item }, total: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1 }, offset: { type: 'integer', minimum: 0 } });
}

/**
 * Response fragment: an object that always has these properties (and may have more), for large
 * answers whose parts are documented elsewhere (an evaluation result, an evidence pack).
 * @example withParts({ total: { type: ['number', 'null'] }, result: { type: 'object' } })
 */
export function withParts(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', required: Object.keys(properties), properties };
}
