/**
 * Helpers for the command-line tests: run the real `server/cli/bin.mjs` as a child process in a
 * temporary directory (so relative paths and "any working directory" are exercised), and the
 * hand-built fixture scheme whose numbers the tests work out in comments.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Scheme } from '../../../schemas/generated/scheme.ts';

export const BIN = resolve(import.meta.dirname, '../../../server/cli/bin.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `node server/cli/bin.mjs …args` with `cwd`; resolves whatever the exit code. */
export function runCli(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', YARDSTICK_DEBUG: '' }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return fail(err);
      done({ code: err ? (err.code as number) : 0, stdout, stderr });
    });
  });
}

/** A temporary directory with the given files (objects are written as JSON). */
export function fixtureDir(files: Record<string, string | object>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The fixture scheme: four indicators, a position row in the weight matrix, bands, a
 * rank-linear population value, a veto and a forced distribution (limits: A at most 20%).
 *
 * - sales      = min(120, 100 × inputs.sales / params.sales_target), target 200
 * - service    = max(0, 100 − 10 × inputs.complaints)
 * - attitude   = 10 × inputs.attitude, a multi-rater input: supervisor 60%, peer 40%
 * - sales_rank = population.sales_rank: rank-linear over inputs.sales, best 100, worst 60
 * - weights: default sales 40, service 20, attitude 20, sales_rank 20; driver: service 50, attitude 50
 * - bands: A ≥ 90, B [80, 90), C [60, 80), D < 60; complaints > 5 vetoes to D
 * - rounding: indicators and totals to 1 decimal, half-up
 */
export function demoScheme(): Scheme {
  return {
    key: 'cli-demo',
    title: 'CLI demo scheme',
    period: 'quarter',
    inputs: {
      sales: { type: 'number', minimum: 0, unit: 'k yuan', title: 'Sales' },
      complaints: { type: 'integer', minimum: 0, unit: 'count', title: 'Complaints' },
      attitude: { type: 'rating', minimum: 1, maximum: 10, multiRater: true, title: 'Attitude rating' },
    },
    params: { sales_target: { type: 'number', value: 200, unit: 'k yuan' } },
    indicators: [
      { key: 'sales', title: 'Sales against target', unit: 'points', max: 120, min: 0, score: { min: [120, { '*': [100, { '/': [{ var: 'inputs.sales' }, { var: 'params.sales_target' }] }] }] } },
      { key: 'service', title: 'Complaints', polarity: 'lower-better', max: 100, min: 0, score: { max: [0, { '-': [100, { '*': [10, { var: 'inputs.complaints' }] }] }] } },
      { key: 'attitude', title: 'Attitude', max: 100, min: 0, score: { '*': [10, { var: 'inputs.attitude' }] } },
      { key: 'sales_rank', title: 'Sales rank', max: 100, min: 0, score: { var: 'population.sales_rank' } },
    ],
    weights: {
      default: { indicators: { sales: 40, service: 20, attitude: 20, sales_rank: 20 } },
      positions: { driver: { indicators: { service: 50, attitude: 50 } } },
    },
    adjustments: [{ key: 'complaints_veto', title: 'More than 5 complaints', kind: 'veto', when: { '>': [{ var: 'inputs.complaints' }, 5] }, grade: 'D' }],
    grading: {
      grades: [{ key: 'A', coefficient: 1.2 }, { key: 'B', coefficient: 1 }, { key: 'C', coefficient: 0.8 }, { key: 'D', coefficient: 0.5 }],
      bands: [
        { grade: 'A', min: 90 },
        { grade: 'B', min: 80, max: 90 },
        { grade: 'C', min: 60, max: 80 },
        { grade: 'D', max: 60 },
      ],
    },
    population: {
      values: [{ key: 'sales_rank', title: 'Sales rank score', kind: 'rank-linear', source: 'inputs.sales', best: 100, worst: 60 }],
      distribution: { mode: 'limits', quotas: { A: { max: 0.2 } } },
    },
    raters: { groups: [{ key: 'supervisor', weight: 60 }, { key: 'peer', weight: 40 }] },
    rounding: { mode: 'half-up', indicatorDecimals: 1, totalDecimals: 1 },
  };
}

/**
 * Six employees. Worked by hand (attitude = 0.6 × supervisor mean + 0.4 × peer mean):
 *
 * | id  | sales | service | attitude             | sales_rank          | total                                   | band | final |
 * |-----|-------|---------|----------------------|---------------------|-----------------------------------------|------|-------|
 * | E01 | 120   | 100     | 0.6·9 + 0.4·8 → 86   | rank 1 → 100        | 48 + 20 + 17.2 + 20 = 105.2             | A    | A     |
 * | E02 | 100   | 90      | 0.6·8 + 0.4·8 → 80   | rank 2 → 86.7       | 40 + 18 + 16 + 17.34 = 91.34 → 91.3     | A    | B (quota) |
 * | E03 | 75    | 80      | 0.6·7 + 0.4·6 → 66   | rank 3 → 73.3       | 30 + 16 + 13.2 + 14.66 = 73.86 → 73.9   | C    | C     |
 * | E04 | 50    | 70      | 0.6·6 + 0.4·5.5 → 58 | rank 4 → 60         | 20 + 14 + 11.6 + 12 = 57.6              | D    | D     |
 * | E05 | -     | 100     | 0.6·10 + 0.4·9 → 96  | - (driver)          | 50 + 48 = 98                            | A    | B (quota) |
 * | E06 | -     | 30      | 0.6·8 + 0.4·8 → 80   | - (driver)          | 15 + 40 = 55, veto (7 complaints)       | D    | D     |
 *
 * sales_rank: 4 people with sales, best 100, worst 60: 100 − (rank − 1) × 40 / 3 → 100, 86.67, 73.33, 60.
 * Distribution: E06's veto keeps it out, so the pool is 5; A ≤ floor(0.2 × 5) = 1. The A band
 * holds E01 (105.2), E05 (98), E02 (91.3); E01 keeps A, E05 and E02 move down to B.
 * Grade counts: A 1, B 2, C 1, D 2.
 */
export const DEMO_CSV = [
  'id,position,department,sales,complaints,attitude.supervisor,attitude.peer',
  'E01,sales,north,240,0,9;9,8',
  'E02,sales,north,200,1,8,7;9',
  'E03,sales,south,150,2,7,6',
  'E04,sales,south,100,3,6,5;6',
  'E05,driver,north,,0,10,9',
  'E06,driver,south,,7,8,8',
].join('\n');

/** The same six employees as JSON. */
export const DEMO_JSON = [
  { id: 'E01', position: 'sales', department: 'north', inputs: { sales: 240, complaints: 0, attitude: { supervisor: [9, 9], peer: [8] } } },
  { id: 'E02', position: 'sales', department: 'north', inputs: { sales: 200, complaints: 1, attitude: { supervisor: [8], peer: [7, 9] } } },
  { id: 'E03', position: 'sales', department: 'south', inputs: { sales: 150, complaints: 2, attitude: { supervisor: [7], peer: [6] } } },
  { id: 'E04', position: 'sales', department: 'south', inputs: { sales: 100, complaints: 3, attitude: { supervisor: [6], peer: [5, 6] } } },
  { id: 'E05', position: 'driver', department: 'north', inputs: { complaints: 0, attitude: { supervisor: [10], peer: [9] } } },
  { id: 'E06', position: 'driver', department: 'south', inputs: { complaints: 7, attitude: { supervisor: [8], peer: [8] } } },
];
