/**
 * @module cycles/grid-values
 * Input values between the grid's text fields, files and the API: typed by the declared input,
 * and the rows of an input template (one column per input, multi-rater inputs per rater group).
 */
import type { Input } from '../../../schemas/generated/scheme.ts';
import { coerceCell, EMPLOYEE_COLUMN } from '../../../rules/inputs/index.ts';
import type { CellValue } from '../lib/csv.ts';
import type { GridInput, GridVersion, InputRow } from '../lib/types.ts';

/**
 * The value to send for what was typed into a cell; '' clears (null). Typed as an import reads
 * a cell (`92%` → 92, 是/否 → true/false, an option or scale point); text it cannot read is
 * sent as typed, and the server names the problem.
 * @example parseCell({ type: 'boolean', … }, '是') // true
 */
export function parseCell(input: GridInput, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (input.type === 'text') return text;
  if (input.multiRater) {
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : trimmed;
  }
  const typed = coerceCell(declaration(input), trimmed);
  return 'value' in typed ? typed.value : trimmed;
}

/** The declaration a grid column stands for, as far as typing a cell needs it. */
function declaration(input: GridInput): Input {
  const values = input.options ?? [];
  if (input.type === 'enum') return { type: 'enum', options: values.map((value) => ({ value })) } as Input;
  if (input.type === 'rating' && values.length >= 2) return { type: 'rating', scale: { points: values.map((value) => ({ value: Number(value) })) } } as Input;
  return { type: input.type } as Input;
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
  return [EMPLOYEE_COLUMN, ...version.inputs.flatMap((i) => (i.multiRater ? (i.raterGroups ?? ['all']).map((g) => `${i.key}.${g}`) : [i.key]))];
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
