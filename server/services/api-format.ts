/**
 * @module services/api-format
 * How stored values look in the API: ids are strings (JavaScript numbers cannot hold every
 * bigint, and clients should treat ids as opaque), times are ISO 8601 UTC, dates `YYYY-MM-DD`.
 */
import { YardstickError } from '../../rules/errors.ts';

/** `created_at` → `createdAt`, as a type. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** Columns that hold an id (`id`, `cycle_id`, `created_by` …). */
type IdColumn = 'id' | `${string}_id` | `${string}_by`;

/** How one stored value looks in the API. */
type ApiValue<K, V> = V extends Date ? string : K extends IdColumn ? (V extends number ? string : V) : V;

/** A row as the API shows it: camelCase names, ids as strings, times as ISO text. */
export type ApiRecord<R> = { [K in keyof R & string as CamelCase<K>]: ApiValue<K, R[K]> };

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const isIdColumn = (name: string) => name === 'id' || name.endsWith('_id') || name.endsWith('_by');

/**
 * The named columns of a row as the API shows them — the one mapper from stored rows to API
 * records: camelCase names, ids as strings (`apiId`), times as ISO 8601 (`apiTime`), the rest as stored.
 * @example apiRecord(cycleRow, ['id', 'key', 'starts_on', 'created_at']) // { id: '3', key: '2026-q4', startsOn: '2026-10-01', createdAt: '2026-12-04T…Z' }
 */
export function apiRecord<R extends object, K extends keyof R & string>(row: R, columns: readonly K[]): ApiRecord<Pick<R, K>> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value: unknown = row[column];
    out[camelCase(column)] = value instanceof Date ? value.toISOString() : typeof value === 'number' && isIdColumn(column) ? String(value) : value;
  }
  return out as ApiRecord<Pick<R, K>>;
}

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
