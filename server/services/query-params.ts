/**
 * @module services/query-params
 * Reading query-string parameters strictly: a malformed filter is a 400 that names it, never
 * silently ignored (a typo in `department=` must not widen a list).
 */
import { YardstickError } from '../../rules/errors.ts';

export interface Paging {
  limit: number;
  offset: number;
}

/**
 * `limit` (1–500, default 50) and `offset` (default 0) for lists people browse.
 * @example parsePaging({ limit: '20', offset: '40' }) // { limit: 20, offset: 40 }
 */
export function parsePaging(query: { limit?: string; offset?: string }, defaultLimit = 50): Paging {
  const limit = query.limit === undefined ? defaultLimit : wholeNumber(query.limit, 'limit');
  const offset = query.offset === undefined ? 0 : wholeNumber(query.offset, 'offset');
  if (limit < 1 || limit > 500) throw new YardstickError('invalid_argument', 'limit must be a whole number from 1 to 500.', { limit: query.limit });
  return { limit, offset };
}

/**
 * An optional id filter; undefined when absent.
 * @example queryId('3', 'department') // 3
 */
export function queryId(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new YardstickError('invalid_argument', `${name} must be an id (digits).`, { [name]: value });
  return Number(value);
}

/**
 * An optional `true`/`false` filter; undefined when absent.
 * @example queryBoolean('true', 'template') // true
 */
export function queryBoolean(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new YardstickError('invalid_argument', `${name} must be true or false.`, { [name]: value });
  return value === 'true';
}

/**
 * A required id in the query string.
 * @example requiredQueryId('12', 'against') // 12
 */
export function requiredQueryId(value: string | undefined, name: string): number {
  const id = queryId(value, name);
  if (id === undefined) throw new YardstickError('invalid_argument', `The query parameter ${name} is required.`, { parameter: name });
  return id;
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new YardstickError('invalid_argument', `${name} must be a whole number.`, { [name]: value });
  return Number(value);
}
