/**
 * @module lib/format
 * Numbers, dates and times in the current language. Scores keep the decimals the scheme
 * rounded to (at most 4 shown); missing values show as an em dash.
 */
import { i18n } from '../i18n/i18n.svelte.ts';

/** A number for display; null/undefined/non-finite show as "—". */
export function num(value: unknown, maxDecimals = 2): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: maxDecimals }).format(value);
}

/** A share 0..1 as a percentage. */
export function percent(value: number | null | undefined, decimals = 0): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: decimals }).format(value);
}

/** An ISO timestamp as local date and time. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A calendar day (YYYY-MM-DD) as written; null as "—". */
export function day(value: string | null | undefined): string {
  return value ?? '—';
}

/** Today in the browser's time zone as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A short hash for tables: `sha256:1a2b3c4d…`. */
export function shortHash(hash: string | null | undefined): string {
  if (!hash) return '—';
  const [algo, hex] = hash.includes(':') ? hash.split(':', 2) : ['', hash];
  return `${algo ? `${algo}:` : ''}${hex!.slice(0, 10)}…`;
}
