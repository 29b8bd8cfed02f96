/**
 * @module cycles/grid-values
 * Input values between the grid's text fields, files and the API: typed by the declared input,
 * and the rows of an input template (one column per input, multi-rater inputs per rater group).
 */
import type { CellValue } from '../lib/csv.ts';
import type { GridInput, GridVersion, InputRow } from '../lib/types.ts';

/** The value to send for what was typed into a cell; '' clears (null). */
export function parseCell(input: GridInput, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (input.type === 'number' || input.type === 'integer' || input.type === 'rating') {
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : trimmed; // the server names the problem
  }
  if (input.type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  if (input.type === 'enum') return input.options?.find((o) => String(o) === trimmed) ?? trimmed;
  return text;
}

/** A stored value as the grid shows it. */
export function showCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    // multi-rater: { group: [ratings] }
    return Object.entries(value as Record<string, unknown>)
      .map(([g, v]) => `${g}: ${Array.isArray(v) ? v.join(';') : String(v)}`)
      .join(' · ');
  }
  return String(value);
}

/** The CSV/Excel header of a version's input template: employee, then each input (or input.group). */
export function templateHeader(version: GridVersion): string[] {
  return ['employee', ...version.inputs.flatMap((i) => (i.multiRater ? (i.raterGroups ?? ['all']).map((g) => `${i.key}.${g}`) : [i.key]))];
}

/** One template row per employee, with the values already stored. */
export function templateRows(version: GridVersion, rows: InputRow[]): CellValue[][] {
  return rows
    .filter((r) => r.versionId === version.id)
    .map((r) => [
      r.code,
      ...version.inputs.flatMap((i) => {
        const value = r.cells[i.key]?.value;
        if (!i.multiRater) return [value as CellValue];
        return (i.raterGroups ?? ['all']).map((g) => {
          const ratings = value && typeof value === 'object' ? (value as Record<string, unknown>)[g] : undefined;
          return Array.isArray(ratings) ? ratings.join(';') : null;
        });
      }),
    ]);
}
