/**
 * @module 4-evaluate/population-values
 * Values computed across peers and read by rules as population.<key>: ranks, rank-linear
 * scores ("best gets 10, worst gets 6, linear between"), peer thresholds ("challenge = the
 * lowest value among the top 10%") and statistics, each within a scope such as a skill group.
 */
import type { PopulationValue } from '../../schemas/generated/scheme.ts';
import type { EmployeeRun } from './employee-run.ts';
import { englishText, say } from './messages.ts';
import type { Message, PopulationValueResult } from './result.ts';

/**
 * Compute one population value for every employee and store it in their rule data.
 * @example computePopulationValue({ key: 'rank_score', kind: 'rank-linear', source: 'inputs.sat', best: 10, worst: 6 }, runs)
 */
export function computePopulationValue(def: PopulationValue, runs: EmployeeRun[]): PopulationValueResult[] {
  const scope = def.scope ?? 'all';
  const groups = new Map<string, EmployeeRun[]>();
  for (const run of runs) {
    const g = run.scopeValue(scope);
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(run);
  }
  const results: PopulationValueResult[] = [];
  for (const [group, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const withValue = members.map((run) => ({ run, value: sourceValue(run, def.source) })).filter((m): m is { run: EmployeeRun; value: number } => m.value !== null);
    const higherBetter = (def.order ?? 'higher-better') === 'higher-better';
    const enough = withValue.length >= (def.minCount ?? 1);
    let groupValue: number | null = null;
    if (!enough) {
      for (const m of members) m.data.population[def.key] = null;
      results.push(valueResult(def, scope, group, null, withValue.length, say('population_too_few', { count: withValue.length, scope, group, minimum: def.minCount ?? 1 })));
      continue;
    }
    if (def.kind === 'rank' || def.kind === 'rank-linear' || def.kind === 'percentile-rank') {
      // Competition ranking: equal values share the better rank (1, 2, 2, 4).
      const sorted = [...withValue].sort((a, b) => (higherBetter ? b.value - a.value : a.value - b.value));
      const n = sorted.length;
      for (const m of members) m.data.population[def.key] = null;
      let rank = 0;
      sorted.forEach((m, i) => {
        if (i === 0 || m.value !== sorted[i - 1].value) rank = i + 1;
        m.run.data.population[def.key] = rankValue(def, rank, n);
      });
      results.push(valueResult(def, scope, group, null, n, say('population_rank', { kind: def.kind, source: def.source, count: n, scope, group })));
      continue;
    }
    const values = withValue.map((m) => m.value).sort((a, b) => a - b);
    groupValue = statistic(def, values, higherBetter);
    for (const m of members) m.data.population[def.key] = groupValue;
    results.push(valueResult(def, scope, group, groupValue, values.length, describeStatistic(def, values.length, groupValue, scope, group)));
  }
  return results;
}

function sourceValue(run: EmployeeRun, source: string): number | null {
  const [namespace, key] = source.split('.');
  if (namespace === 'indicators') {
    const r = run.indicatorResults.get(key);
    return r?.status === 'ok' && r.score !== null ? r.score : null;
  }
  if (run.prepared.problems[key]) return null;
  const v = run.prepared.values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function rankValue(def: PopulationValue, rank: number, n: number): number {
  switch (def.kind) {
    case 'rank':
      return rank;
    case 'percentile-rank':
      return n === 1 ? 100 : ((n - rank) / (n - 1)) * 100;
    default: {
      const best = def.best ?? 100;
      const worst = def.worst ?? 0;
      return n === 1 ? best : best - ((rank - 1) * (best - worst)) / (n - 1);
    }
  }
}

/** values are sorted ascending. */
function statistic(def: PopulationValue, values: number[], higherBetter: boolean): number | null {
  const n = values.length;
  if (def.kind === 'count') return n;
  if (n === 0) return null;
  switch (def.kind) {
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / n;
    case 'median':
      return percentile(values, 50);
    case 'min':
      return values[0];
    case 'max':
      return values[n - 1];
    case 'percentile':
      return percentile(values, def.percentile ?? 50);
    case 'top-share-min': {
      // The top share rounded up, at least one person: "前10%人员的最低值".
      const k = Math.max(1, Math.ceil((def.share ?? 0.1) * n - 1e-9));
      return higherBetter ? values[n - k] : values[k - 1];
    }
    default:
      return null;
  }
}

/** Linear interpolation between closest ranks (Excel PERCENTILE.INC). */
function percentile(sorted: number[], p: number): number {
  const position = ((sorted.length - 1) * p) / 100;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function valueResult(def: PopulationValue, scope: string, group: string, value: number | null, count: number, why: Message): PopulationValueResult {
  return { key: def.key, kind: def.kind, scope, group, value, count, explanation: englishText(why), explanationMessage: why };
}

function describeStatistic(def: PopulationValue, count: number, value: number | null, scope: string, group: string): Message {
  const args: Record<string, string | number> = { kind: def.kind, source: def.source, count, scope, group };
  if (value !== null) args.value = value;
  if (def.kind === 'percentile') args.percentile = def.percentile ?? 50;
  if (def.kind === 'top-share-min') {
    args.share = (def.share ?? 0.1) * 100;
    args.order = def.order ?? 'higher-better';
  }
  return say('population_statistic', args as { kind: string; source: string; count: number; scope: string; group: string });
}
