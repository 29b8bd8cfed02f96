/**
 * Whole-scheme benchmark: a realistic 12-indicator scheme (3 dimensions, a 4-position weight
 * matrix, bands, a capped bonus, a veto and a forced distribution per department) evaluated
 * over 100,000 generated employees in one process.
 *
 *   node --import tsx test/bench/scheme-bench.ts [employees]
 *
 * Prints a markdown table and checks the target: 100,000 employees in under 1 second on one
 * core (evaluatePopulation with explain: false, best of 5 after a warm-up). The data is
 * generated from a seeded PRNG, so every run evaluates the same population; the results are
 * checked for sanity (every employee graded, quotas respected) before anything is timed.
 * Not a test: it runs outside vitest and exits 1 only when the sanity checks fail.
 */
import { realpathSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { analyzeScheme, compileScheme, evaluatePopulation, parseScheme, type EmployeeData, type PopulationResult, type Scheme } from '../../rules/index.ts';
import { markdownTable, median, seededRandom } from './measure.ts';

const EMPLOYEES = Number(process.argv[2] ?? 100_000);
const EXPLAIN_EMPLOYEES = Math.min(10_000, EMPLOYEES);
const RUNS = 5;
const DEPARTMENTS = Array.from({ length: 10 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
const POSITIONS = ['sales', 'engineer', 'support', 'manager'] as const;
const QUOTAS = { A: { max: 0.1 }, B: { max: 0.25 }, E: { min: 0.05 } } as const;

// ---------------------------------------------------------------- the scheme

const v = (path: string) => ({ var: path });

/** A realistic year-end scheme; each indicator uses one of the patterns of the domain catalogue. */
export const BENCH_SCHEME = {
  key: 'bench-year-end',
  title: 'Benchmark: year-end assessment, 12 indicators',
  period: 'year',
  inputs: {
    revenue: { type: 'number', minimum: 0, unit: 'k yuan' },
    margin: { type: 'number', unit: '%' },
    new_customers: { type: 'integer', minimum: 0, unit: 'count' },
    projects_on_time: { type: 'integer', minimum: 0 },
    projects_total: { type: 'integer', minimum: 0 },
    complaints: { type: 'integer', minimum: 0, unit: 'count' },
    csat: { type: 'number', minimum: 0, maximum: 100, unit: '%' },
    response_minutes: { type: 'number', minimum: 0, unit: 'minutes' },
    quality_grade: { type: 'enum', options: [{ value: 'A' }, { value: 'B' }, { value: 'C' }, { value: 'D' }] },
    training_hours: { type: 'number', minimum: 0, unit: 'hours' },
    absences: { type: 'integer', minimum: 0, unit: 'days' },
    incidents: { type: 'integer', minimum: 0, unit: 'count' },
    teamwork: { type: 'rating', scale: { points: [1, 2, 3, 4, 5].map((value) => ({ value })) } },
    awards: { type: 'integer', minimum: 0, required: false, default: 0 },
    violation: { type: 'boolean', required: false, default: false },
  },
  params: {
    revenue_target: { type: 'number', value: 1000, unit: 'k yuan' },
    csat_target: { type: 'number', value: 90, unit: '%' },
    complaint_penalty: { type: 'number', value: 8, unit: 'points' },
    margin_bands: {
      type: 'bands',
      value: [
        { min: 30, value: 100 },
        { min: 20, max: 30, value: 80 },
        { min: 10, max: 20, value: 60 },
        { min: 0, max: 10, value: 40 },
        { min: null, max: 0, value: 0 },
      ],
    },
    quality_scores: { type: 'table', value: { A: 100, B: 85, C: 65, D: 40 } },
  },
  dimensions: [
    { key: 'results', title: 'Results', weight: 40 },
    { key: 'customer', title: 'Customer', weight: 30 },
    { key: 'conduct', title: 'Conduct', weight: 30 },
  ],
  indicators: [
    // Ratio to target with step deductions: 100 at target, −2 per 5 points of shortfall, 0..100.
    {
      key: 'revenue',
      title: 'Revenue against target',
      dimension: 'results',
      unit: 'points',
      max: 100,
      min: 0,
      score: { clamp: [{ '-': [100, { '*': [2, { steps: [{ '-': [100, { '*': [100, { div: [v('inputs.revenue'), v('params.revenue_target'), 0] }] }] }, 5] }] }] }, 0, 100] },
    },
    // Band table held in a parameter.
    { key: 'margin', title: 'Gross margin', dimension: 'results', max: 100, min: 0, score: { band: [v('inputs.margin'), v('params.margin_bands'), 0] } },
    // Piecewise-linear interpolation.
    { key: 'new_customers', title: 'New customers', dimension: 'results', max: 100, min: 0, score: { interpolate: [v('inputs.new_customers'), [[0, 0], [5, 60], [10, 90], [15, 100]]] } },
    // Ratio with a fallback for no projects, rounded.
    { key: 'delivery', title: 'Projects on time', dimension: 'results', max: 100, min: 0, score: { round: [{ '*': [100, { div: [v('inputs.projects_on_time'), v('inputs.projects_total'), 1] }] }, 0] } },
    // Per-occurrence deduction with a floor of 0.
    { key: 'complaints', title: 'Complaints', dimension: 'customer', polarity: 'lower-better', max: 100, min: 0, score: { max: [0, { '-': [100, { '*': [v('params.complaint_penalty'), v('inputs.complaints')] }] }] } },
    // Ratio to target, clamped and rounded to one decimal.
    { key: 'csat', title: 'Customer satisfaction', dimension: 'customer', max: 110, min: 0, score: { round: [{ clamp: [{ '*': [100, { div: [v('inputs.csat'), v('params.csat_target'), 0] }] }, 0, 110] }, 1] } },
    // Inline band table with explicit edges (lower is better).
    {
      key: 'response',
      title: 'Response time',
      dimension: 'customer',
      polarity: 'lower-better',
      max: 100,
      min: 0,
      score: {
        band: [
          v('inputs.response_minutes'),
          [
            { min: null, max: 30, includeMax: true, value: 100 },
            { min: 30, max: 60, includeMin: false, includeMax: true, value: 80 },
            { min: 60, max: 120, includeMin: false, includeMax: true, value: 60 },
            { min: 120, includeMin: false, value: 30 },
          ],
          0,
        ],
      },
    },
    // Lookup in a parameter table.
    { key: 'quality', title: 'Audit quality grade', dimension: 'customer', max: 100, min: 0, score: { lookup: [v('params.quality_scores'), v('inputs.quality_grade'), 0] } },
    { key: 'training', title: 'Training hours', dimension: 'conduct', max: 100, min: 0, score: { min: [100, { '*': [v('inputs.training_hours'), 2.5] }] } },
    // Per-occurrence deduction beyond an allowance.
    { key: 'attendance', title: 'Attendance', dimension: 'conduct', polarity: 'lower-better', max: 100, min: 0, score: { max: [0, { '-': [100, { '*': [5, { max: [0, { '-': [v('inputs.absences'), 2] }] }] }] }] } },
    { key: 'safety', title: 'Safety', dimension: 'conduct', polarity: 'lower-better', max: 100, min: 0, score: { if: [{ '==': [v('inputs.incidents'), 0] }, 100, { max: [0, { '-': [80, { '*': [20, { '-': [v('inputs.incidents'), 1] }] }] }] }] } },
    { key: 'teamwork', title: 'Teamwork rating', dimension: 'conduct', max: 100, min: 0, score: { interpolate: [v('inputs.teamwork'), [[1, 20], [3, 70], [5, 100]]] } },
  ],
  weights: {
    default: {
      indicators: { revenue: 30, margin: 30, new_customers: 20, delivery: 20, complaints: 25, csat: 25, response: 25, quality: 25, training: 25, attendance: 25, safety: 25, teamwork: 25 },
    },
    positions: {
      sales: {
        indicators: { revenue: 40, margin: 20, new_customers: 30, delivery: 10, complaints: 30, csat: 40, response: 10, quality: 20, training: 20, attendance: 30, safety: 20, teamwork: 30 },
        dimensions: { results: 60, customer: 25, conduct: 15 },
      },
      engineer: { indicators: { delivery: 70, revenue: 30, quality: 50, response: 50, training: 30, attendance: 20, safety: 30, teamwork: 20 }, dimensions: { results: 50, customer: 30, conduct: 20 } },
      support: { indicators: { delivery: 100, complaints: 30, csat: 30, response: 40, attendance: 40, teamwork: 40, training: 20 }, dimensions: { results: 30, customer: 50, conduct: 20 } },
      manager: {
        indicators: { revenue: 30, margin: 30, new_customers: 20, delivery: 20, complaints: 25, csat: 25, response: 25, quality: 25, training: 25, attendance: 25, safety: 25, teamwork: 25 },
        dimensions: { results: 40, customer: 30, conduct: 30 },
      },
    },
  },
  adjustments: [
    { key: 'innovation', title: 'Innovation awards', kind: 'bonus', when: { '>': [v('inputs.awards'), 0] }, points: { '*': [2, v('inputs.awards')] }, cap: 5 },
    { key: 'violation', title: 'Serious violation', kind: 'veto', when: v('inputs.violation'), grade: 'E' },
  ],
  grading: {
    grades: [
      { key: 'A', coefficient: 1.5 },
      { key: 'B', coefficient: 1.2 },
      { key: 'C', coefficient: 1 },
      { key: 'D', coefficient: 0.8 },
      { key: 'E', coefficient: 0 },
    ],
    bands: [
      { grade: 'A', min: 90 },
      { grade: 'B', min: 80, max: 90 },
      { grade: 'C', min: 70, max: 80 },
      { grade: 'D', min: 60, max: 70 },
      { grade: 'E', max: 60 },
    ],
  },
  population: { distribution: { scope: 'department', mode: 'limits', quotas: QUOTAS, rounding: 'largest-remainder', ties: 'break' } },
  rounding: { mode: 'half-up', indicatorDecimals: 2, totalDecimals: 2 },
};

// ---------------------------------------------------------------- the population

/** `count` employees over 10 departments and 4 positions, every input present. */
export function generateEmployees(count: number, seed = 20261121): EmployeeData[] {
  const random = seededRandom(seed);
  const normal = (mean: number, sd: number) => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const poisson = (mean: number) => {
    let k = 0;
    for (let p = random(), limit = Math.exp(-mean); p > limit; p *= random()) k++;
    return k;
  };
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const positionWeights = [0.35, 0.3, 0.25, 0.1];
  const employees: EmployeeData[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const position = POSITIONS[r < positionWeights[0] ? 0 : r < positionWeights[0] + positionWeights[1] ? 1 : r < 0.9 ? 2 : 3];
    // A latent ability shared by all of a person's results, so indicators correlate as in real data.
    const ability = normal(0, 1);
    const trait = (mean: number, sd: number) => mean + sd * (0.6 * ability + 0.8 * normal(0, 1));
    const inverseTrait = (mean: number, sd: number) => mean - sd * (0.6 * ability + 0.8 * normal(0, 1));
    const projects = int(0, 12);
    const onTime = Math.min(1, Math.max(0, trait(0.8, 0.15)));
    const q = Math.min(0.999, Math.max(0, 0.35 - 0.25 * ability + 0.25 * normal(0, 1)));
    employees.push({
      id: `E${String(i + 1).padStart(6, '0')}`,
      position,
      department: DEPARTMENTS[int(0, DEPARTMENTS.length - 1)],
      inputs: {
        revenue: Math.max(0, Math.round(trait(880, 200))),
        margin: round1(trait(18, 10)),
        new_customers: Math.max(0, Math.round(trait(7, 3.5))),
        projects_on_time: Math.round(projects * onTime),
        projects_total: projects,
        complaints: Math.max(0, Math.round(inverseTrait(2, 1.8))),
        csat: Math.min(100, Math.max(0, round1(trait(84, 8)))),
        response_minutes: Math.max(1, Math.round(inverseTrait(60, 35))),
        quality_grade: 'ABCD'[Math.floor(q * 4)],
        training_hours: round1(Math.max(0, trait(24, 10))),
        absences: poisson(2.5),
        incidents: random() < 0.85 ? 0 : int(1, 4),
        teamwork: Math.min(5, Math.max(1, Math.round(trait(3, 1.2)))),
        awards: random() < 0.08 ? int(1, 4) : 0,
        violation: random() < 0.005,
      },
    });
  }
  return employees;
}

// ---------------------------------------------------------------- checks

/** Every employee graded, every department's grade counts within its quotas. */
function checkSanity(result: PopulationResult, employees: EmployeeData[], scheme: Scheme): string[] {
  const problems: string[] = [];
  if (result.employees.length !== employees.length) problems.push(`${result.employees.length} results for ${employees.length} employees`);
  const ungraded = result.employees.filter((e) => e.status !== 'ok' || e.grade === null);
  if (ungraded.length) problems.push(`${ungraded.length} employees without a grade, e.g. ${ungraded[0].employeeId}: ${ungraded[0].notes.join(' ')}`);
  const grades = scheme.grading.grades.map((g) => g.key);
  // Recount from the employees themselves (vetoed employees are outside the distribution).
  const byDepartment = new Map<string, Record<string, number>>();
  const vetoed = new Map<string, number>();
  for (const e of result.employees) {
    const dept = e.department ?? '(none)';
    if (e.adjustments.some((a) => a.kind === 'veto' && a.applied)) {
      vetoed.set(dept, (vetoed.get(dept) ?? 0) + 1);
      if (e.grade !== 'E') problems.push(`${e.employeeId} is vetoed but graded ${e.grade}`);
      continue;
    }
    const counts = byDepartment.get(dept) ?? Object.fromEntries(grades.map((g) => [g, 0]));
    counts[e.grade ?? '?'] = (counts[e.grade ?? '?'] ?? 0) + 1;
    byDepartment.set(dept, counts);
  }
  if (byDepartment.size !== DEPARTMENTS.length) problems.push(`${byDepartment.size} departments, expected ${DEPARTMENTS.length}`);
  for (const [dept, counts] of byDepartment) {
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    for (const [grade, q] of Object.entries(QUOTAS) as Array<[string, { max?: number; min?: number }]>) {
      if (q.max !== undefined && counts[grade] > Math.floor(q.max * n)) problems.push(`${dept}: ${counts[grade]} × ${grade} of ${n}, above the maximum ${Math.floor(q.max * n)}`);
      if (q.min !== undefined && counts[grade] < Math.ceil(q.min * n)) problems.push(`${dept}: ${counts[grade]} × ${grade} of ${n}, below the minimum ${Math.ceil(q.min * n)}`);
    }
    const group = result.distribution.find((d) => d.group === dept);
    if (!group?.forced || JSON.stringify(group.after) !== JSON.stringify(counts)) problems.push(`${dept}: distribution summary ${JSON.stringify(group?.after)} differs from the recount ${JSON.stringify(counts)}`);
  }
  const total = Object.values(result.gradeCounts).reduce((a, b) => a + b, 0);
  if (total !== employees.length) problems.push(`grade counts add up to ${total}, not ${employees.length}`);
  return problems;
}

// ---------------------------------------------------------------- timing

interface Timing {
  best: number;
  median: number;
  runs: number[];
  /** Process CPU time (user + system, all threads) of each run: steadier than wall time on a shared machine. */
  cpuBest: number;
  cpuMedian: number;
}

/** `runs` timed runs (after one warm-up run unless told otherwise); milliseconds. */
function time(fn: () => unknown, options: { runs?: number; warmUp?: boolean; onSample?: () => void } = {}): Timing {
  const { runs = RUNS, warmUp = true, onSample } = options;
  if (warmUp) {
    fn();
    onSample?.();
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    onSample?.();
  }
  return { best: Math.min(...wall), median: median(wall), runs: wall, cpuBest: Math.min(...cpu), cpuMedian: median(cpu) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const us = (x: number, n: number) => `${((x * 1000) / n).toFixed(2)} µs`;
const int = (n: number) => n.toLocaleString('en-US');

function main(): void {
  let peakRss = process.memoryUsage().rss;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  const genStart = performance.now();
  const employees = generateEmployees(EMPLOYEES);
  const generation = performance.now() - genStart;
  sample();

  const scheme = parseScheme(BENCH_SCHEME);
  const errors = analyzeScheme(scheme).filter((f) => f.severity === 'error');
  if (errors.length) {
    console.error(`The benchmark scheme has analysis errors:\n${errors.map((f) => `  ${f.path}: ${f.message} [${f.code}]`).join('\n')}`);
    process.exit(1);
  }
  // compileScheme caches by scheme object, so each timed run compiles a fresh copy.
  const compileTiming = time(() => compileScheme(structuredClone(scheme)));
  const compiled = compileScheme(scheme);

  // The warm-up run of the bulk evaluation: checked for sanity before anything is timed, and
  // measured for the heap its result holds (heapUsed after, result kept, minus before; no forced
  // GC, so collections during the run make this a lower bound). Then it is let go.
  const heapBefore = process.memoryUsage().heapUsed;
  let warmUp: PopulationResult | undefined = evaluatePopulation(compiled, employees, { explain: false });
  const heapDelta = process.memoryUsage().heapUsed - heapBefore;
  sample();
  const problems = checkSanity(warmUp, employees, scheme);
  const gradeCounts = warmUp.gradeCounts;
  warmUp = undefined;
  if (problems.length) {
    console.error(`Sanity check failed:\n${problems.slice(0, 20).map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }

  const bulk = time(() => evaluatePopulation(compiled, employees, { explain: false }), { warmUp: false, onSample: sample });
  const sampleEmployees = employees.slice(0, EXPLAIN_EMPLOYEES);
  const explained = time(() => evaluatePopulation(compiled, sampleEmployees, { explain: true }), { onSample: sample });
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const target = 1000 * (EMPLOYEES / 100_000);
  const lines = [
    `## Scheme benchmark: ${scheme.indicators.length} indicators, ${scheme.dimensions?.length ?? 0} dimensions, ${Object.keys(scheme.weights.positions ?? {}).length} positions, ${int(EMPLOYEES)} employees`,
    '',
    `Node ${process.version}, ${process.platform}/${process.arch}, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the start; best and median of ${RUNS} runs after a warm-up run. CPU = process user + system time (all threads, GC helpers included).`,
    '',
    markdownTable(
      ['step', 'employees', 'best', 'median', 'per employee (best)', 'CPU best', 'CPU median'],
      [
        ['generate population (seeded, once)', int(EMPLOYEES), ms(generation), '', '', '', ''],
        ['compileScheme (fresh copy each run)', '', ms(compileTiming.best), ms(compileTiming.median), '', ms(compileTiming.cpuBest), ms(compileTiming.cpuMedian)],
        ['evaluatePopulation, explain: false', int(EMPLOYEES), ms(bulk.best), ms(bulk.median), us(bulk.best, EMPLOYEES), ms(bulk.cpuBest), ms(bulk.cpuMedian)],
        ['evaluatePopulation, explain: true', int(EXPLAIN_EMPLOYEES), ms(explained.best), ms(explained.median), us(explained.best, EXPLAIN_EMPLOYEES), ms(explained.cpuBest), ms(explained.cpuMedian)],
      ],
    ),
    '',
    markdownTable(
      ['memory', ''],
      [
        ['peak RSS (sampled between runs)', mb(peakRss)],
        ['peak RSS (process maxRSS)', mb(maxRss)],
        [`heapUsed delta of one kept ${int(EMPLOYEES)}-employee result (no forced GC)`, mb(heapDelta)],
      ],
    ),
    '',
    `Grades: ${Object.entries(gradeCounts).map(([g, n]) => `${g} ${int(n)}`).join(', ')}; every employee graded, quotas per department respected.`,
    `All runs (ms): explain false ${bulk.runs.map((x) => x.toFixed(0)).join(', ')}; explain true ${explained.runs.map((x) => x.toFixed(0)).join(', ')}.`,
    '',
    `Target: 100,000 employees in under 1 second on one core${EMPLOYEES === 100_000 ? '' : ` (scaled: ${ms(target)} for ${int(EMPLOYEES)})`}: ${bulk.best < target ? 'met' : 'MISSED'} (best ${ms(bulk.best)}, median ${ms(bulk.median)}).`,
  ];
  console.log(lines.join('\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
