/**
 * @module type-parsers
 * How column values come back from the database, the same on PGlite and on postgres.js.
 *
 * The two drivers disagree out of the box: `count(*)` and other `int8` values are the string
 * `"2"` from postgres.js but the number `2` from PGlite; `numeric` is a string on both; `date`
 * is a `Date` at UTC midnight on both, which shifts by a day in any timezone west of UTC.
 * Yardstick configures both drivers with the parsers below instead of casting in SQL, so a
 * query that forgets a cast cannot pass the PGlite tests and then return strings in production:
 *
 * | PostgreSQL type | OID  | JavaScript value                          |
 * |-----------------|------|-------------------------------------------|
 * | `int8`/`bigint` | 20   | `number` (ids, `count(*)`, `sum(int)`)    |
 * | `numeric`       | 1700 | `number` (`avg()`, `sum(numeric)`)        |
 * | `date`          | 1082 | `string` `'YYYY-MM-DD'`, no timezone      |
 * | `timestamptz`   | 1184 | `Date` (the drivers' default, unchanged)  |
 * | `jsonb`         | 3802 | the parsed value (default, unchanged)     |
 *
 * Parameters too: PGlite passes a *string* bound to a jsonb parameter through as JSON text,
 * while postgres.js serialises it again (a jsonb string). PGlite is configured to serialise like
 * postgres.js, so `'A'` is stored as the jsonb string `"A"` on both, and `JSON.stringify(obj)`
 * passed by mistake fails the same way on both (as a string) instead of only in production.
 *
 * `int8` as `number` is exact up to 2^53 − 1. Every `bigint` in the schema is an identity id, a
 * sequence number or a count, which stay far below that; nothing stores money or hashes as int8.
 */

/** PostgreSQL type OIDs whose values Yardstick parses or serialises itself. */
export const PG_OID = { int8: 20, numeric: 1700, date: 1082, json: 114, jsonb: 3802 } as const;

/** `int8` text → number. */
export function parseInt8(text: string): number {
  return Number(text);
}

/** `numeric` text → number (double precision, as every score in Yardstick is). */
export function parseNumeric(text: string): number {
  return Number(text);
}

/** `date` text is already `YYYY-MM-DD`; keep it, so no timezone can move the day. */
export function parseDate(text: string): string {
  return text;
}

/**
 * A `date` parameter: a `'YYYY-MM-DD'` string is sent as is; a `Date` is sent as its UTC day.
 * @example
 * serializeDate(new Date('2026-03-31T00:00:00Z')) // '2026-03-31'
 */
export function serializeDate(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/** Parsers for PGlite's `parsers` option (merged over its defaults). */
export const pgliteParsers: Record<number, (text: string) => unknown> = {
  [PG_OID.int8]: parseInt8,
  [PG_OID.numeric]: parseNumeric,
  [PG_OID.date]: parseDate,
};

/** A json/jsonb parameter, serialised as postgres.js does: always `JSON.stringify`, strings included. */
export function serializeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Serializers for PGlite's `serializers` option (merged over its defaults), matching postgres.js. */
export const pgliteSerializers: Record<number, (value: unknown) => string> = {
  [PG_OID.date]: serializeDate,
  [PG_OID.json]: serializeJson,
  [PG_OID.jsonb]: serializeJson,
};

/** Custom types for postgres.js's `types` option: parse and serialise by OID. */
export const postgresJsTypes = {
  int8: { to: PG_OID.int8, from: [PG_OID.int8], parse: parseInt8, serialize: (value: unknown) => String(value) },
  numeric: { to: PG_OID.numeric, from: [PG_OID.numeric], parse: parseNumeric, serialize: (value: unknown) => String(value) },
  dateOnly: { to: PG_OID.date, from: [PG_OID.date], parse: parseDate, serialize: serializeDate },
};
