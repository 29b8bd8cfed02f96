/**
 * @module 4-evaluate/distribution
 * Ranks and the forced distribution: grade quotas per scope (company, department, team …) with a
 * stated rounding and tie policy. Deterministic: equal totals are ordered by the tie-break sources
 * and finally by employee id, so the same data always gives the same grades.
 *
 * Works on {@link Contender}s — what ranking reads of an employee — and answers a
 * {@link Placement} per contender; the caller puts placements into its results. So this stage
 * never reaches into another's state, and a bulk path can feed it from columns.
 */
import type { Distribution, Scheme } from '../../schemas/generated/scheme.ts';
import { englishText, fixed, say } from './messages.ts';
import type { DistributionGroupResult, DistributionOutcome, EmployeeResult, Message } from './result.ts';

type Rounding = NonNullable<Distribution['rounding']>;

/** What ranking and the forced distribution read of one employee. */
export interface Contender {
  /** Position in the caller's list; placements come back in the same positions. */
  readonly index: number;
  readonly id: string;
  /** The employee's value for the distribution's scope (`all`, a department, a team …). */
  readonly group: string;
  readonly total: number | null;
  /** The grade before the distribution; null when there is none. */
  readonly grade: string | null;
  /** Vetoed: the distribution leaves the grade alone. */
  readonly locked: boolean;
  /** The scheme's tie-break sources in order, as numbers (-Infinity when missing). */
  readonly tieValues: readonly number[];
}

/** Where ranking and the distribution put one contender (nothing when it has no total or grade). */
export interface Placement {
  rank?: NonNullable<EmployeeResult['rank']>;
  distribution?: DistributionOutcome;
}

/** Ranks, distribution decisions (by contender index) and the per-group distribution outcome. */
export interface Placements {
  placements: Placement[];
  groups: DistributionGroupResult[];
}

/**
 * Rank contenders within the distribution's scope and apply the forced distribution.
 * @example
 * const { placements, groups } = placeContenders(scheme, [{ index: 0, id: 'E1', group: 'all', total: 91, grade: 'A', locked: false, tieValues: [] }]);
 * placements[0].rank // { scope: 'all', position: 1, of: 1 }
 */
export function placeContenders(scheme: Scheme, contenders: readonly Contender[]): Placements {
  const scope = scheme.population?.distribution?.scope ?? 'all';
  const placements: Placement[] = contenders.map(() => ({}));
  const ranked = rankByGroup(contenders, rankComparator(scheme));
  assignRanks(ranked, scope, placements);
  const groups = applyDistribution(scheme, ranked, placements);
  return { placements, groups };
}

/**
 * The scheme's tie-break sources, in the order a contender's `tieValues` follow.
 * @example tieBreakSources(scheme) // ['indicators.quality', 'inputs.tenure']
 */
export function tieBreakSources(scheme: Scheme): string[] {
  return (scheme.population?.distribution?.tieBreak ?? []).map((t) => t.source);
}

/** Order contenders best first: total, then tie-break sources, then id. */
function rankComparator(scheme: Scheme): (a: Contender, b: Contender) => number {
  const higherBetter = (scheme.population?.distribution?.tieBreak ?? []).map((t) => (t.order ?? 'higher-better') === 'higher-better');
  return (a, b) => {
    const ta = a.total ?? -Infinity;
    const tb = b.total ?? -Infinity;
    if (ta !== tb) return tb - ta;
    for (let i = 0; i < higherBetter.length; i++) {
      const va = a.tieValues[i];
      const vb = b.tieValues[i];
      if (va !== vb) return higherBetter[i] ? vb - va : va - vb;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * Contenders grouped by scope, each group sorted best first once; ranks and the distribution
 * both read this order. Contenders without a total sort last (the comparator reads them as -∞).
 */
function rankByGroup(contenders: readonly Contender[], compare: (a: Contender, b: Contender) => number): Map<string, Contender[]> {
  const groups = new Map<string, Contender[]>();
  for (const c of contenders) {
    let list = groups.get(c.group);
    if (!list) groups.set(c.group, (list = []));
    list.push(c);
  }
  for (const members of groups.values()) members.sort(compare);
  return groups;
}

/** Competition ranks by total within each ranked group (1 = best; equal totals share a rank). */
function assignRanks(ranked: Map<string, Contender[]>, scope: string, placements: Placement[]): void {
  for (const members of ranked.values()) {
    const sorted = members.filter((c) => c.total !== null);
    let rank = 0;
    sorted.forEach((c, i) => {
      if (i === 0 || c.total !== sorted[i - 1].total) rank = i + 1;
      placements[c.index].rank = { scope, position: rank, of: sorted.length };
    });
  }
}

/** The scheme's forced distribution over graded contenders, per scope group, in ranked order. */
function applyDistribution(scheme: Scheme, ranked: Map<string, Contender[]>, placements: Placement[]): DistributionGroupResult[] {
  const def = scheme.population?.distribution;
  if (!def) return [];
  const scope = def.scope ?? 'all';
  const order = scheme.grading.grades.map((g) => g.key);
  const results: DistributionGroupResult[] = [];
  const groups = [...ranked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [group, members] of groups) {
    const pool = members.filter((c) => c.grade !== null && !c.locked);
    const n = pool.length;
    const before = countGrades(order, pool.map((c) => c.grade!));
    const outcome: DistributionGroupResult = { scope, group, size: n, forced: false, quota: {}, before, after: before, notes: [], noteMessages: [] };
    results.push(outcome);
    const locked = members.filter((c) => c.locked).length;
    if (locked) addNote(outcome, say('vetoed_outside_distribution', { count: locked }));
    if (n === 0) continue;
    if (def.minPopulation !== undefined && n < def.minPopulation) {
      addNote(outcome, say('not_forced', { size: n, minimum: def.minPopulation }));
      continue;
    }
    outcome.forced = true;
    const grades = pool.map((c) => c.grade!);
    const reasons: Message[] = pool.map(() => WITHIN_QUOTA);
    if ((def.mode ?? 'limits') === 'exact') forceExact(def, order, pool, grades, reasons, outcome);
    else forceLimits(def, order, pool, grades, reasons, outcome);
    pool.forEach((c, i) => {
      const reason = reasons[i] === WITHIN_QUOTA ? WITHIN_QUOTA_TEXT : englishText(reasons[i]);
      placements[c.index].distribution = { scope, rank: i + 1, scopeSize: n, gradeBefore: c.grade, gradeAfter: grades[i], reason, reasonMessage: reasons[i] };
    });
    outcome.after = countGrades(order, grades);
  }
  return results;
}

const WITHIN_QUOTA = fixed('within_quota');
const WITHIN_QUOTA_TEXT = englishText(WITHIN_QUOTA);

/** A group note: the English text and its message. */
function addNote(outcome: DistributionGroupResult, message: Message): void {
  outcome.notes.push(englishText(message));
  (outcome.noteMessages ??= []).push(message);
}

function forceExact(def: Distribution, order: string[], pool: readonly Contender[], grades: string[], reasons: Message[], outcome: DistributionGroupResult): void {
  const n = pool.length;
  const shares = order.map((g) => def.quotas[g]?.share ?? 0);
  const counts = exactCounts(shares, n, def.rounding ?? 'largest-remainder');
  order.forEach((g, i) => (outcome.quota[g] = { exact: counts[i] }));
  const byPosition: number[] = [];
  counts.forEach((c, gi) => {
    for (let k = 0; k < c; k++) byPosition.push(gi);
  });
  // Equal totals across a quota edge follow the tie policy.
  const ties = def.ties ?? 'break';
  if (ties !== 'break') {
    let start = 0;
    while (start < n) {
      let end = start;
      while (end + 1 < n && pool[end + 1].total === pool[start].total) end++;
      const slice = byPosition.slice(start, end + 1);
      const chosen = ties === 'share-better' ? Math.min(...slice) : Math.max(...slice);
      for (let i = start; i <= end; i++) byPosition[i] = chosen;
      start = end + 1;
    }
  }
  byPosition.forEach((gi, i) => {
    const grade = order[gi];
    const from = grades[i];
    grades[i] = grade;
    const args = { rank: i + 1, size: n, grade, count: counts[gi], percent: (shares[gi] ?? 0) * 100 };
    reasons[i] = say('exact_share', from !== grade ? { ...args, bandGrade: from } : args);
  });
}

/** Head counts for exact shares that add up to n. */
export function exactCounts(shares: number[], n: number, rounding: Rounding): number[] {
  const ideal = shares.map((s) => s * n);
  let counts: number[];
  if (rounding === 'largest-remainder') {
    counts = ideal.map((x) => Math.floor(x + 1e-9));
    const order = ideal.map((x, i) => ({ i, r: x - Math.floor(x + 1e-9) })).sort((a, b) => b.r - a.r || a.i - b.i);
    let left = n - counts.reduce((a, b) => a + b, 0);
    for (const { i } of order) {
      if (left <= 0) break;
      if (shares[i] > 0) {
        counts[i]++;
        left--;
      }
    }
    return counts;
  }
  counts = ideal.map((x) => roundCount(x, rounding));
  // Whatever rounding leaves over or takes away goes to the grade with the largest share.
  const largest = shares.indexOf(Math.max(...shares));
  counts[largest] = Math.max(0, counts[largest] + n - counts.reduce((a, b) => a + b, 0));
  let excess = counts.reduce((a, b) => a + b, 0) - n;
  for (let i = counts.length - 1; excess > 0 && i >= 0; i--) {
    const take = Math.min(excess, counts[i]);
    counts[i] -= take;
    excess -= take;
  }
  return counts;
}

function roundCount(x: number, rounding: Rounding | 'floor' | 'ceil'): number {
  if (rounding === 'floor') return Math.floor(x + 1e-9);
  if (rounding === 'ceil') return Math.ceil(x - 1e-9);
  return Math.floor(x + 0.5 + 1e-9);
}

function forceLimits(def: Distribution, order: string[], pool: readonly Contender[], grades: string[], reasons: Message[], outcome: DistributionGroupResult): void {
  const n = pool.length;
  const rounding = def.rounding ?? 'largest-remainder';
  // Caps round down and floors round up under largest-remainder, so a limit is never broken by rounding.
  const cap = (share: number) => roundCount(share * n, rounding === 'largest-remainder' ? 'floor' : rounding);
  const floor = (share: number) => roundCount(share * n, rounding === 'largest-remainder' ? 'ceil' : rounding);
  const ties = def.ties ?? 'break';
  const totalOf = (i: number) => pool[i].total;

  order.forEach((g, gi) => {
    const q = def.quotas[g];
    if (q?.max === undefined) return;
    const limit = cap(q.max);
    outcome.quota[g] = { ...outcome.quota[g], max: limit };
    const members = grades.map((x, i) => (x === g ? i : -1)).filter((i) => i >= 0);
    if (members.length <= limit) return;
    let keep = limit;
    if (ties === 'share-better') while (keep < members.length && keep > 0 && totalOf(members[keep]) === totalOf(members[keep - 1])) keep++;
    if (ties === 'share-worse') while (keep > 0 && keep < members.length && totalOf(members[keep - 1]) === totalOf(members[keep])) keep--;
    if (gi === order.length - 1) {
      addNote(outcome, say('lowest_grade_over_limit', { grade: g }));
      return;
    }
    members.slice(keep).forEach((i, k) => {
      grades[i] = order[gi + 1];
      reasons[i] = say('over_limit', { grade: g, percent: q.max! * 100, size: n, limit, rank: keep + k + 1, among: members.length, to: order[gi + 1] });
    });
  });

  for (const gl of def.groupLimits ?? []) {
    const limit = cap(gl.max);
    const inGroup = (i: number) => gl.grades.includes(grades[i]);
    let guard = n * order.length;
    while (guard-- > 0) {
      const members = grades.map((_, i) => i).filter(inGroup);
      if (members.length <= limit) break;
      const worst = members[members.length - 1];
      const gi = order.indexOf(grades[worst]);
      if (gi < 0 || gi === order.length - 1) break;
      const from = grades[worst];
      grades[worst] = order[gi + 1];
      reasons[worst] = say('group_over_limit', { grades: gl.grades.join('+'), percent: gl.max * 100, size: n, limit, from, to: grades[worst] });
    }
  }

  [...order].reverse().forEach((g) => {
    const q = def.quotas[g];
    if (q?.min === undefined) return;
    const need = floor(q.min);
    const gi = order.indexOf(g);
    outcome.quota[g] = { ...outcome.quota[g], min: need };
    let have = grades.filter((x) => x === g).length;
    // The lowest-ranked people with a better grade move down into g.
    for (let i = n - 1; i >= 0 && have < need; i--) {
      if (order.indexOf(grades[i]) < gi) {
        const from = grades[i];
        grades[i] = g;
        reasons[i] = say('below_minimum', { grade: g, percent: q.min * 100, size: n, need, rank: i + 1, from });
        have++;
      }
    }
  });
}

function countGrades(order: string[], grades: string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(order.map((g) => [g, 0]));
  for (const g of grades) counts[g] = (counts[g] ?? 0) + 1;
  return counts;
}
