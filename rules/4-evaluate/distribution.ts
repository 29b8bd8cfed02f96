/**
 * @module 4-evaluate/distribution
 * Forced distribution: grade quotas per scope (company, department, team …) with a stated
 * rounding and tie policy. Deterministic: equal totals are ordered by the tie-break sources
 * and finally by employee id, so the same data always gives the same grades.
 */
import type { Distribution, Scheme } from '../../schemas/generated/scheme.ts';
import type { EmployeeRun } from './employee-run.ts';
import { coefficientOf } from './employee-run.ts';
import { englishText, fixed, say } from './messages.ts';
import type { DistributionGroupResult, Message } from './result.ts';

type Rounding = NonNullable<Distribution['rounding']>;

/**
 * Order employees best first: total, then tie-break sources, then id.
 * @example [...runs].sort(rankComparator(scheme))
 */
export function rankComparator(scheme: Scheme): (a: EmployeeRun, b: EmployeeRun) => number {
  const tieBreak = scheme.population?.distribution?.tieBreak ?? [];
  return (a, b) => {
    const ta = a.result?.total ?? -Infinity;
    const tb = b.result?.total ?? -Infinity;
    if (ta !== tb) return tb - ta;
    for (const t of tieBreak) {
      const va = tieValue(a, t.source);
      const vb = tieValue(b, t.source);
      if (va !== vb) return (t.order ?? 'higher-better') === 'higher-better' ? vb - va : va - vb;
    }
    return a.employee.id < b.employee.id ? -1 : a.employee.id > b.employee.id ? 1 : 0;
  };
}

function tieValue(run: EmployeeRun, source: string): number {
  const [namespace, key] = source.split('.');
  const v = namespace === 'indicators' ? run.indicatorResults.get(key)?.score : run.prepared.values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : -Infinity;
}

/**
 * Employees grouped by scope, each group sorted best first once; ranks and the distribution
 * both read this order. Employees without a total sort last (the comparator reads them as -∞).
 * @example const ranked = rankByScope(runs, 'department', rankComparator(scheme));
 */
export function rankByScope(runs: EmployeeRun[], scope: string, compare: (a: EmployeeRun, b: EmployeeRun) => number): Map<string, EmployeeRun[]> {
  const groups = groupBy(runs, scope);
  for (const members of groups.values()) members.sort(compare);
  return groups;
}

/**
 * Competition ranks by total within each ranked group (1 = best; equal totals share a rank).
 * @example assignRanks(rankByScope(runs, 'department', compare), 'department')
 */
export function assignRanks(ranked: Map<string, EmployeeRun[]>, scope: string): void {
  for (const members of ranked.values()) {
    const sorted = members.filter((r) => r.result?.total !== null && r.result?.total !== undefined);
    let rank = 0;
    sorted.forEach((run, i) => {
      if (i === 0 || run.result!.total !== sorted[i - 1].result!.total) rank = i + 1;
      run.result!.rank = { scope, position: rank, of: sorted.length };
    });
  }
}

/**
 * Apply the scheme's forced distribution to graded employees, per scope group, in the order of
 * `rankByScope` for the distribution's scope.
 * @example applyDistribution(scheme, rankByScope(runs, 'department', rankComparator(scheme)))
 */
export function applyDistribution(scheme: Scheme, ranked: Map<string, EmployeeRun[]>): DistributionGroupResult[] {
  const def = scheme.population?.distribution;
  if (!def) return [];
  const scope = def.scope ?? 'all';
  const order = scheme.grading.grades.map((g) => g.key);
  const results: DistributionGroupResult[] = [];
  const groups = [...ranked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [group, members] of groups) {
    const pool = members.filter((r) => r.result?.grade !== null && r.result?.grade !== undefined && !r.gradeLocked);
    const n = pool.length;
    const before = countGrades(order, pool.map((r) => r.result!.grade!));
    const outcome: DistributionGroupResult = { scope, group, size: n, forced: false, quota: {}, before, after: before, notes: [], noteMessages: [] };
    results.push(outcome);
    const locked = members.filter((r) => r.gradeLocked).length;
    if (locked) addNote(outcome, say('vetoed_outside_distribution', { count: locked }));
    if (n === 0) continue;
    if (def.minPopulation !== undefined && n < def.minPopulation) {
      addNote(outcome, say('not_forced', { size: n, minimum: def.minPopulation }));
      continue;
    }
    outcome.forced = true;
    const grades = pool.map((r) => r.result!.grade!);
    const reasons: Message[] = pool.map(() => WITHIN_QUOTA);
    if ((def.mode ?? 'limits') === 'exact') forceExact(def, order, pool, grades, reasons, outcome);
    else forceLimits(def, order, pool, grades, reasons, outcome);
    pool.forEach((run, i) => {
      const result = run.result!;
      const reason = reasons[i] === WITHIN_QUOTA ? WITHIN_QUOTA_TEXT : englishText(reasons[i]);
      result.distribution = { scope, rank: i + 1, scopeSize: n, gradeBefore: result.grade, gradeAfter: grades[i], reason, reasonMessage: reasons[i] };
      result.grade = grades[i];
      result.coefficient = coefficientOf(scheme, result.grade);
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

function forceExact(def: Distribution, order: string[], pool: EmployeeRun[], grades: string[], reasons: Message[], outcome: DistributionGroupResult): void {
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
      while (end + 1 < n && pool[end + 1].result!.total === pool[start].result!.total) end++;
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

function forceLimits(def: Distribution, order: string[], pool: EmployeeRun[], grades: string[], reasons: Message[], outcome: DistributionGroupResult): void {
  const n = pool.length;
  const rounding = def.rounding ?? 'largest-remainder';
  // Caps round down and floors round up under largest-remainder, so a limit is never broken by rounding.
  const cap = (share: number) => roundCount(share * n, rounding === 'largest-remainder' ? 'floor' : rounding);
  const floor = (share: number) => roundCount(share * n, rounding === 'largest-remainder' ? 'ceil' : rounding);
  const ties = def.ties ?? 'break';
  const totalOf = (i: number) => pool[i].result!.total;

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

function groupBy(runs: EmployeeRun[], scope: string): Map<string, EmployeeRun[]> {
  const groups = new Map<string, EmployeeRun[]>();
  for (const run of runs) {
    const key = run.scopeValue(scope);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(run);
  }
  return groups;
}
