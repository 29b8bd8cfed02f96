/**
 * @module 2-analyze/units
 * Units that contradict the declared type or polarity (domain.md §19 item 11, R13). Kept to
 * plain, low-noise heuristics: whole-number counts that allow fractions, percentages beyond
 * 1000, and the seed's "error count in 元, higher-better" mistake.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';

const COUNT_UNITS = new Set(['count', 'counts', '次', 'times', 'people', 'persons', '人', '人次', '个', '件']);
const MONEY_UNITS = new Set(['元', '万元', 'yuan', 'rmb', 'cny']);
const ERROR_WORDS = /差错|错误|失误|error|mistake/i;
const MAX_PERCENT = 1000;

/**
 * Check input and indicator units.
 * @example
 * checkUnits(scheme) // ['Input "complaints" is a count ("次") but allows fractions (type number).']
 */
export function checkUnits(scheme: Scheme): Finding[] {
  const out: Finding[] = [];
  for (const [key, input] of Object.entries(scheme.inputs)) {
    const unit = input.unit?.trim() ?? '';
    const at = pointerTo('/inputs', key);
    if (COUNT_UNITS.has(unit.toLowerCase())) {
      const fractional = (['minimum', 'maximum', 'default'] as const).find((f) => typeof input[f] === 'number' && !Number.isInteger(input[f]));
      if (input.type === 'number') out.push(finding('count_unit_decimals', pointerTo(at, 'type'), { input: key, unit, problem: 'allows fractions (type number, not integer)' }));
      else if (fractional) out.push(finding('count_unit_decimals', pointerTo(at, fractional), { input: key, unit, problem: `its ${fractional} ${String(input[fractional])} is not a whole number` }));
    }
    if (unit === '%' && input.maximum !== undefined && input.maximum > MAX_PERCENT) out.push(finding('percent_unit_range', pointerTo(at, 'maximum'), { input: key, maximum: input.maximum }));
  }
  scheme.indicators.forEach((indicator, i) => {
    const unit = indicator.unit?.trim() ?? '';
    // Only an explicit higher-better: the default says nothing about what the designer meant.
    if (MONEY_UNITS.has(unit.toLowerCase()) && indicator.polarity === 'higher-better' && ERROR_WORDS.test(indicator.title)) {
      out.push(finding('unit_polarity_suspect', pointerTo('/indicators', i), { indicator: indicator.key, title: indicator.title, unit }));
    }
  });
  return out;
}
