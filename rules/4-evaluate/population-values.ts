/**
 * @module 4-evaluate/population-values
 * Values computed across peers and read by rules as population.<key>: ranks, rank-linear
 * scores ("best gets 10, worst gets 6, linear between"), peer thresholds ("challenge = the
 * lowest value among the top 10%") and statistics, each within a scope such as a skill group.
 *
 * Works on each employee's scope group and source value and answers each employee's value; the
 * caller puts the values into its rule data, so this stage never reaches into another's state.
 */
import type { PopulationValue } from '../../schemas/generated/scheme.ts';
import { englishText, say } from './messages.ts';
import type { Message, PopulationValueResult } from './result.ts';

/** What a population value reads of one employee. */
export interface PopulationMember {
  /** The employee's value for the definition's scope (`all`, a skill group …). */
  readonly group: string;
  /** The source's value, or null when the employee has none usable. */
  readonly value: number | null;
}

/** Each member's value (in the members' order) and one result per peer group. */
export interface ComputedPopulationValue {
  values: (number | null)[];
  results: PopulationValueResult[];
}

/**
 * Compute one population value for every member.
 * @example
 * computePopulationValue({ key: 'rank', kind: 'rank', source: 'inputs.sat' }, [{ group: 'all', value: 7 }, { group: 'all', value: 9 }]).values // [2, 1]
 */
export function computePopulationValue(def: PopulationValue, members: readonly PopulationMember[]): ComputedPopulationValue {
  const scope = def.scope ?? 'all';
  const groups = new Map<string, number[]>();
  members.forEach((m, i) => {
    let list = groups.get(m.group);
    if (!list) groups.set(m.group, (list = []));
    list.push(i);
  });
  const values: (number | null)[] = members.map(() => null);
  const results: PopulationValueResult[] = [];
  for (const [group, indexes] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const withValue = indexes.filter((i) => members[i].value !== null).map((i) => ({ i, value: members[i].value! }));
    const higherBetter = (def.order ?? 'higher-better') === 'higher-better';
    if (withValue.length < (def.minCount ?? 1)) {
      results.push(valueResult(def, scope, group, null, withValue.length, say('population_too_few', { count: withValue.length, scope, group, minimum: def.minCount ?? 1 })));
      continue;
    }
    if (def.kind === 'rank' || def.kind === 'rank-linear' || def.kind === 'percentile-rank') {
      // Competition ranking: equal values share the better rank (1, 2, 2, 4).
      const sorted = [...withValue].sort((a, b) => (higherBetter ? b.value - a.value : a.value - b.value));
      const n = sorted.length;
      let rank = 0;
      sorted.forEach((m, k) => {
        if (k === 0 || m.value !== sorted[k - 1].value) rank = k + 1;
        values[m.i] = rankValue(def, rank, n);
      });
      results.push(valueResult(def, scope, group, null, n, say('population_rank', { kind: def.kind, source: def.source, count: n, scope, group })));
      continue;
    }
    const ascending = withValue.map((m) => m.value).sort((a, b) => a - b);
    const groupValue = statistic(def, ascending, higherBetter);
    for (const i of indexes) values[i] = groupValue;
    results.push(valueResult(def, scope, group, groupValue, ascending.length, describeStatistic(def, ascending.length, groupValue, scope, group)));
  }
  return { values, results };
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
