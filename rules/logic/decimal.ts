/**
 * @module rules/logic/decimal
 * Decimal-correct half-up rounding. `Math.round(x * 100) / 100` is wrong for values whose
 * binary form sits just below the half (1.005 is 1.00499999999999989…, so it gives 1.00). HR
 * tables print what a person computes on paper (6.25% → 6.3%), so we round the shortest
 * decimal representation of the number, the digits JavaScript itself prints, as a person would.
 */

/** Adds one unit in the last place of a string of decimal digits ("129" → "130", "99" → "100"). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/**
 * Rounds on the shortest decimal digits of `value` (the slow, always-right path).
 * @example roundByDigits(1.005, 2) // 1.01
 */
export function roundByDigits(value: number, places: number): number {
  // 15 significant digits first, as spreadsheets work: sums such as 3 × 1.15 = 3.4499999999999997
  // are the 3.45 a person computed, and must round to 3.5.
  const clean = Number(Math.abs(value).toPrecision(15));
  const text = String(clean); // shortest digits, e.g. "1.005", "1.5e-7", "1e+21"
  const [mantissa = '', exponent] = text.split('e');
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const integerDigits = (dot < 0 ? mantissa.length : dot) + (exponent === undefined ? 0 : Number(exponent));
  const keep = integerDigits + places;
  if (keep >= digits.length) return (value < 0 ? -clean : clean) + 0; // already exact at this precision
  if (keep < 0) return 0; // the first dropped digit is a leading zero: rounds down to 0
  let kept = digits.slice(0, keep) || '0';
  if (digits.charCodeAt(keep) >= 53 /* '5' */) kept = incrementDigits(kept);
  const magnitude = Number(`${kept}e-${places}`);
  return (value < 0 ? -magnitude : magnitude) + 0;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 1e22

/**
 * Below 1e9, `|value| * 10^places` is within 4e-7 of the exact decimal product (about 1.5 ulp),
 * so a fractional part further than 1e-6 from one half decides the rounding the same way the
 * decimal digits would, and `integer / 10^places` is then the correctly rounded result. Only
 * values near a half (or huge) need the digit-string path.
 */
const FAST_LIMIT = 1e9;
const HALF_MARGIN = 1e-6;

/**
 * Rounds `value` to `places` decimals (0..22), halves away from zero, as a person would on its
 * printed decimal digits. -0 comes back as 0.
 * @example
 * roundHalfUp(1.005, 2) // 1.01
 * roundHalfUp(-2.5, 0)  // -3
 */
export function roundHalfUp(value: number, places: number): number {
  const scale = POWERS_OF_TEN[places] as number;
  const scaled = Math.abs(value) * scale;
  if (scaled < FAST_LIMIT) {
    const whole = Math.floor(scaled);
    const fraction = scaled - whole;
    if (Math.abs(fraction - 0.5) > HALF_MARGIN) {
      const magnitude = (fraction > 0.5 ? whole + 1 : whole) / scale;
      return (value < 0 ? -magnitude : magnitude) + 0;
    }
  }
  return roundByDigits(value, places);
}
