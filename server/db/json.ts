/**
 * @module json
 * Writing any JSON value to a jsonb column the same way on both drivers.
 *
 * Objects, arrays, numbers and strings may be passed as they are (both drivers then serialise
 * them with `JSON.stringify`, see `type-parsers.ts`). Booleans may not: postgres.js sends a JS
 * boolean as a PostgreSQL `boolean`, which a jsonb column refuses ("expression is of type
 * boolean"), and so is an array whose first item is a boolean. For values of unknown shape, such
 * as an employee's input, use `json(value)`: it sends the JSON text as a `text` parameter and the
 * server casts it, which works for every JSON value on both drivers.
 */
import { type RawBuilder, sql } from 'kysely';
import { YardstickError } from '../../rules/errors.ts';

/**
 * A jsonb value for inserts, updates and comparisons, identical on PGlite and PostgreSQL.
 * Use it for any value that may be a string; objects and arrays may also be passed directly.
 * @example
 * await db.insertInto('inputs').values({ …, value: json('A') }).execute();
 * // insert into "inputs" (…, "value") values (…, cast(cast($1 as text) as jsonb))   -- $1 = '"A"'
 */
export function json<T>(value: T): RawBuilder<T> {
  const text = JSON.stringify(value);
  if (text === undefined) throw new YardstickError('invalid_argument', `${typeof value} cannot be stored as JSON.`);
  return jsonText<T>(text);
}

/**
 * A jsonb value from JSON text that is already serialised (e.g. canonical JSON whose hash was taken).
 * @example
 * jsonText(canonicalJson(payload))
 */
export function jsonText<T>(text: string): RawBuilder<T> {
  return sql<T>`cast(cast(${text} as text) as jsonb)`;
}
