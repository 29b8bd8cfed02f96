/**
 * @module lib/quotas
 * Head counts a forced distribution allows, for showing grade counts against quotas.
 */

export interface Quota {
  share?: number;
  min?: number;
  max?: number;
}

export interface DistributionDoc {
  mode?: 'exact' | 'limits';
  quotas: Record<string, Quota>;
  rounding?: 'floor' | 'ceil' | 'half-up' | 'largest-remainder';
  minPopulation?: number;
}

function round(x: number, how: DistributionDoc['rounding']): number {
  const clean = Number(x.toPrecision(12));
  if (how === 'floor') return Math.floor(clean);
  if (how === 'ceil') return Math.ceil(clean);
  return Math.floor(clean + 0.5);
}

/**
 * Allowed head counts per grade for a group of `size` people (undefined: no limit), as the
 * scheme states them; largest-remainder is shown rounded half-up (the engine settles remainders).
 * @example allowedCounts({ quotas: { A: { max: 0.2 } }, rounding: 'floor' }, 18) // { A: { max: 3 } }
 */
export function allowedCounts(dist: DistributionDoc | null | undefined, size: number): Record<string, { min?: number; max?: number }> {
  const out: Record<string, { min?: number; max?: number }> = {};
  if (!dist || (dist.minPopulation !== undefined && size < dist.minPopulation)) return out;
  for (const [grade, q] of Object.entries(dist.quotas)) {
    if (dist.mode === 'exact' && q.share !== undefined) {
      const n = round(q.share * size, dist.rounding);
      out[grade] = { min: n, max: n };
      continue;
    }
    out[grade] = {
      ...(q.min !== undefined ? { min: round(q.min * size, dist.rounding) } : {}),
      ...(q.max !== undefined ? { max: round(q.max * size, dist.rounding) } : {}),
    };
  }
  return out;
}
