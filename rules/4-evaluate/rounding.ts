/**
 * @module 4-evaluate/rounding
 * Decimal-correct rounding of scores as HR tables print them: 6.25 → 6.3 and 1.005 → 1.01,
 * which `Math.round(x * 10) / 10` gets wrong because 1.005 is stored as 1.00499999….
 */

import { roundHalfUp } from '../logic/decimal.ts';

export type RoundingMode = 'half-up' | 'half-even' | 'floor' | 'ceil' | 'none';

/**
 * Round `value` to `decimals` places. Works on the shortest decimal representation of the
 * number (what JSON and spreadsheets show), not on its binary expansion.
 * half-up rounds .5 away from zero, as Chinese HR sheets and Excel's ROUND do. Like a
 * spreadsheet, it works to 15 significant digits, so float noise from sums does not flip a half.
 * @example
 * roundDecimal(6.25, 1) // 6.3
 * roundDecimal(1.005, 2) // 1.01
 * roundDecimal(-2.5, 0) // -3
 * roundDecimal(2.5, 0, 'half-even') // 2
 */
export function roundDecimal(value: number, decimals = 0, mode: RoundingMode = 'half-up'): number {
  if (!Number.isFinite(value) || mode === 'none') return value;
  const places = Math.max(0, Math.min(20, Math.trunc(decimals)));
  // One half-up for rules and totals alike: the JSON Logic `round` operator's.
  if (mode === 'half-up') return roundHalfUp(value, places);
  const negative = value < 0 || Object.is(value, -0);
  // Arithmetic noise (50% × 8.09 + … = 8.594999999999999) is dropped first by keeping 15
  // significant digits, as spreadsheets do, so the sum a person computes is what gets rounded.
  const clean = Number(Math.abs(value).toPrecision(15));
  const { digits, exponent } = decimalDigits(clean);
  // digits × 10^exponent is the exact shortest decimal; keep `places` fractional digits.
  const keep = digits.length + exponent + places; // number of leading digits kept
  if (keep >= digits.length) return negative && clean !== 0 ? -clean : clean; // already short enough
  if (keep < 0) return roundedTail(negative, mode, places);
  const kept = digits.slice(0, keep) || '0';
  const dropped = digits.slice(keep);
  const first = dropped.charCodeAt(0) - 48;
  const restNonZero = /[1-9]/.test(dropped.slice(1));
  const anyDropped = first > 0 || restNonZero;
  let up: boolean;
  switch (mode) {
    case 'half-even':
      up = first > 5 || (first === 5 && (restNonZero || (kept.charCodeAt(kept.length - 1) - 48) % 2 === 1));
      break;
    case 'floor':
      up = negative && anyDropped;
      break;
    case 'ceil':
      up = !negative && anyDropped;
      break;
  }
  let magnitude = BigInt(kept);
  if (up) magnitude += 1n;
  const result = Number(`${magnitude}e-${places}`);
  return negative ? (result === 0 ? 0 : -result) : result;
}

function roundedTail(negative: boolean, mode: RoundingMode, places: number): number {
  // Every kept digit is zero and the dropped part is below half a unit of the last place.
  const unit = Number(`1e-${places}`);
  if (mode === 'ceil' && !negative) return unit;
  if (mode === 'floor' && negative) return -unit;
  return 0;
}

/** Split a positive finite number into its shortest decimal digits and exponent: 1.005 → ('1005', -3). */
function decimalDigits(value: number): { digits: string; exponent: number } {
  const [mantissa, exp = '0'] = value.toExponential().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  return { digits, exponent: Number(exp) - fraction.length };
}
