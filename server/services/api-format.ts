/**
 * @module services/api-format
 * How stored values look in the API: ids are strings (JavaScript numbers cannot hold every
 * bigint, and clients should treat ids as opaque), times are ISO 8601 UTC, dates `YYYY-MM-DD`.
 */
import { YardstickError } from '../../rules/errors.ts';

/**
 * An id as the API shows it; null stays null.
 * @example apiId(12) // '12'
 */
export function apiId(id: number): string;
export function apiId(id: number | null): string | null;
export function apiId(id: number | null): string | null {
  return id === null ? null : String(id);
}

/**
 * A timestamp as the API shows it; null stays null.
 * @example apiTime(new Date(0)) // '1970-01-01T00:00:00.000Z'
 */
export function apiTime(at: Date): string;
export function apiTime(at: Date | null): string | null;
export function apiTime(at: Date | null): string | null {
  return at === null ? null : at.toISOString();
}

/**
 * Today's date in UTC as `YYYY-MM-DD` (the server's notion of "today" for effective dates).
 * @example todayUtc() // '2026-11-21'
 */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Check that a `YYYY-MM-DD` string names a real calendar day.
 * @example parseDay('2026-02-30', 'effectiveFrom') // throws 400 invalid_argument
 */
export function parseDay(value: string, name: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new YardstickError('invalid_argument', `${name} must be a calendar day written YYYY-MM-DD (got ${JSON.stringify(value)}).`, { [name]: value });
  return value;
}
