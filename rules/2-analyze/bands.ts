/**
 * @module 2-analyze/bands
 * Findings for one band table — grading bands or the rows of a `band` operator — from the
 * gaps, overlaps and empty bands `coverage` finds.
 */
import { coverage, describeStretch, type Interval } from './band-coverage.ts';
import { finding } from './codes.ts';
import type { Finding } from './types.ts';

/** One band of a table, already read into an interval. */
export interface TableBand extends Interval {
  /** How messages name it, without the noun: `"B"` or `2 (→ 80)`. */
  name: string;
  pointer: string;
}

/** How findings about a table are worded and where they point. */
export interface TableOptions {
  /** Prefix naming the rule that holds the table, e.g. `Indicator "x" score`; none for grading bands. */
  where?: string;
  /** 'totals' for grading bands, 'values' for rule tables. */
  what: 'totals' | 'values';
  /** Singular and plural noun: 'band'/'bands' or 'band row'/'band rows'. */
  noun: string;
  nouns: string;
  /** Where gap findings point (the table itself). */
  pointer: string;
  /** Gaps are only warnings when the table has a fallback for values no band covers. */
  hasFallback: boolean;
}

/**
 * The sweep itself is fast, but a pasted table of thousands of mutually overlapping rows would
 * produce quadratically many overlap findings (and names). Real tables are small — grading allows
 * 50 bands, conversion tables have a handful of rows — so larger ones are noted as unchecked.
 */
export const MAX_CHECKED_ROWS = 2000;

/**
 * Report empty bands, gaps and overlaps of a table with their exact edges.
 * @example
 * checkBandTable(bands, { what: 'totals', noun: 'band', nouns: 'bands', pointer: '/grading/bands', hasFallback: false })
 * // ['Bands "B" and "C" overlap at 95: both include it.', 'No band covers totals from 50 (excluded) to 60 (excluded).']
 */
export function checkBandTable(bands: readonly TableBand[], options: TableOptions): Finding[] {
  const out: Finding[] = [];
  const { where, what, noun, nouns } = options;
  if (bands.length > MAX_CHECKED_ROWS) return [finding('band_table_unchecked', options.pointer, { where, rows: bands.length, max: MAX_CHECKED_ROWS })];
  const result = coverage(bands);
  for (const i of result.empty) {
    const band = bands[i];
    out.push(finding('band_inverted', band.pointer, { where, name: `${noun} ${band.name}`, min: band.min ?? -Infinity, max: band.max ?? Infinity }));
  }
  for (const gap of result.gaps) {
    const range = describeStretch(gap, 'gap').text;
    out.push(finding(options.hasFallback ? 'band_gap_fallback' : 'band_gap', options.pointer, { where, what, noun, range }));
  }
  for (const overlap of result.overlaps) {
    const { text, point } = describeStretch(overlap.stretch, 'overlap');
    // Point at the later band: that is usually the one whose edge was typed wrongly.
    const last = bands[overlap.bands[overlap.bands.length - 1]];
    out.push(finding('band_overlap', last.pointer, { where, nouns, names: overlap.bands.map((i) => bands[i].name), range: text, point }));
  }
  return out;
}
