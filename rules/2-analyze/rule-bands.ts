/**
 * @module 2-analyze/rule-bands
 * The `band` tables inside rules (value → points, e.g. C09's 100/80/60/40/0 scale) get the same
 * completeness and overlap checks as grading bands. A table is checked where it is written: as a
 * literal rows array, or as a `bands` parameter the operator reads with a static `var`. Gaps are
 * errors unless the operator has a fallback for uncovered values (a literal `null` fallback
 * counts as none: it gives the same null a gap would).
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { listOperators } from '../logic/index.ts';
import { argumentPointer } from '../logic/pointer.ts';
import { isLogicNode, operationParts } from '../logic/rule-shape.ts';
import { walkRule } from '../logic/walk.ts';
import { checkBandTable, type TableBand } from './bands.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { RuleSite } from './sites.ts';
import type { Finding } from './types.ts';

/**
 * Check every `band` table the scheme's rules use.
 * @example
 * checkRuleBands(c09, ruleSites(c09)) // ['Indicator "event_satisfaction" score rule: no band row covers values of exactly 50.']
 */
export function checkRuleBands(scheme: Scheme, sites: readonly RuleSite[]): Finding[] {
  const out: Finding[] = [];
  for (const site of sites) {
    if (!listOperators(site.rule).includes('band')) continue;
    walkRule(site.rule, (visit) => {
      if (visit.literal) return 'skip';
      if (isLogicNode(visit.value) && operationParts(visit.value).op === 'band') out.push(...checkBandCall(scheme, site, visit.value, visit.pointer()));
      return 'descend';
    });
  }
  return out;
}

function checkBandCall(scheme: Scheme, site: RuleSite, node: Record<string, unknown>, pointer: string): Finding[] {
  const { args, listed } = operationParts(node);
  if (!listed || args.length < 2) return []; // wrong arity: checkLogic reports it
  const rows = args[1];
  const hasFallback = args.length > 2 && args[2] !== null;
  if (Array.isArray(rows)) return checkRows(rows, site.pointer + argumentPointer(pointer, 'band', true, 1), site.owner, hasFallback);
  const path = isLogicNode(rows) ? operationParts(rows) : undefined;
  if (path?.op === 'var' && typeof path.args[0] === 'string' && path.args[0].startsWith('params.')) {
    const key = path.args[0].slice('params.'.length);
    const value = Object.hasOwn(scheme.params ?? {}, key) ? scheme.params?.[key]?.value : undefined;
    if (Array.isArray(value)) return checkRows(value, pointerTo('/params', key, 'value'), `Parameter "${key}"`, hasFallback);
  }
  return []; // computed rows: nothing to check before run time
}

function checkRows(rows: readonly unknown[], tablePointer: string, where: string, hasFallback: boolean): Finding[] {
  const out: Finding[] = [];
  const table: TableBand[] = [];
  rows.forEach((row, i) => {
    const pointer = pointerTo(tablePointer, i);
    const problem = rowProblem(row);
    if (problem) {
      out.push(finding('band_row_invalid', pointer, { where, row: i + 1, problem }));
      return;
    }
    const r = row as Record<string, unknown>;
    table.push({
      min: (r.min as number | null | undefined) ?? null,
      max: (r.max as number | null | undefined) ?? null,
      includeMin: (r.includeMin as boolean | undefined) ?? true,
      includeMax: (r.includeMax as boolean | undefined) ?? false,
      name: `${i + 1} (→ ${JSON.stringify(r.value)})`,
      pointer,
    });
  });
  out.push(...checkBandTable(table, { where, what: 'values', noun: 'band row', nouns: 'band rows', pointer: tablePointer, hasFallback }));
  return out;
}

/** Why a row cannot be used, in words; undefined for a good row. */
function rowProblem(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'is not an object';
  const has = (key: string) => Object.hasOwn(row, key);
  const r = row as Record<string, unknown>;
  if (!has('value')) return 'has no "value"';
  if (!has('min') && !has('max')) return 'has neither "min" nor "max" (write "min": null for an open row)';
  for (const key of ['min', 'max']) {
    if (has(key) && r[key] !== null && (typeof r[key] !== 'number' || !Number.isFinite(r[key]))) return `has a "${key}" that is not a number`;
  }
  for (const key of ['includeMin', 'includeMax']) {
    if (has(key) && typeof r[key] !== 'boolean') return `has an "${key}" that is not true or false`;
  }
  return undefined;
}
