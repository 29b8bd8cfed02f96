/**
 * `yardstick evaluate`: the numbers of the demo population (worked by hand in helpers.ts),
 * the output formats, and every kind of bad input file.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CSV, DEMO_JSON, demoScheme, fixtureDir, runCli } from './helpers.ts';

/** The demo scheme with its distribution scoped by team, an attribute the CSV must supply. */
function teamScheme() {
  const s = demoScheme();
  s.population!.distribution!.scope = 'team';
  return s;
}

const { dir, cleanup } = fixtureDir({
  'scheme.json': demoScheme(),
  'team-scheme.json': teamScheme(),
  'broken.json': { ...demoScheme(), weights: { default: { indicators: { sales: 50, service: 20, attitude: 20, sales_rank: 20 } } } },
  'inputs.csv': DEMO_CSV,
  'bom.csv': `\uFEFF${DEMO_CSV.replace(/\n/g, '\r\n')}\r\n`,
  'inputs.json': DEMO_JSON,
  // Row 3 (E02) and row 5 (E04) have bad cells, row 6 (E05) an unknown enum-free bad rating.
  'bad-cells.csv': [
    'id,position,department,sales,complaints,attitude.supervisor,attitude.peer',
    'E01,sales,north,240,0,9;9,8',
    'E02,sales,north,200,three,8,7;9',
    'E03,sales,south,150,2,7,6',
    'E04,sales,south,1O0,3,6,5;x',
    'E05,driver,north,,0,10,9',
    ',driver,south,,7,8,8',
  ].join('\n'),
  'unknown-column.csv': DEMO_CSV.replace('department,sales,complaints', 'department,sales,complains').replace('id,position', 'id,name,position').replace(/^(E0\d),/gm, '$1,Someone,'),
  'duplicate.csv': `${DEMO_CSV}\nE03,sales,south,90,0,5,5`,
  'wrong-group.csv': DEMO_CSV.replace('attitude.peer', 'attitude.friends'),
  'incomplete.csv': DEMO_CSV.replace('E03,sales,south,150,2,7,6', 'E03,sales,south,150,,7,6'),
  'team.csv': DEMO_CSV.replace('department,', 'department,team,').replace(/^(E0[1-3]),(\w+),(\w+),/gm, '$1,$2,$3,red,').replace(/^(E0[4-6]),(\w+),(\w+),/gm, '$1,$2,$3,blue,'),
  'bad.json': [{ id: 'E01', inputs: { sales: 'lots', complaints: true, mood: 3 } }, { position: 'sales', inputs: {} }],
});
afterAll(cleanup);

/** Parse the CSV output with a real CSV reader (so quoting is checked too). */
function csvRows(text: string): Record<string, string>[] {
  return parseCsv(text, { columns: true });
}

describe.concurrent('yardstick evaluate', () => {
  it('prints an aligned table with the hand-computed scores, totals and grades', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'inputs.csv'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // E02 and E05 are A by their bands but the A quota (1 of 5) leaves A to E01 only.
    expect(r.stdout).toBe(
      [
        'id   position  department  sales  service  attitude  sales_rank  total  band  grade  status',
        'E01  sales     north         120      100        86         100  105.2  A     A      ok',
        'E02  sales     north         100       90        80        86.7   91.3  A     B      ok',
        'E03  sales     south          75       80        66        73.3   73.9  C     C      ok',
        'E04  sales     south          50       70        58          60   57.6  D     D      ok',
        'E05  driver    north           -      100        96           -     98  A     B      ok',
        'E06  driver    south           -       30        80           -     55  D     D      ok',
        '',
        '6 employees; grades: A 1, B 2, C 1, D 2.',
        '',
      ].join('\n'),
    );
  });

  it('--format csv: one row per employee with one column per indicator, total, grade, status', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'inputs.csv', '--format', 'csv'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'id,position,department,sales,service,attitude,sales_rank,total,grade,status,reason',
        'E01,sales,north,120,100,86,100,105.2,A,ok,',
        'E02,sales,north,100,90,80,86.7,91.3,B,ok,',
        'E03,sales,south,75,80,66,73.3,73.9,C,ok,',
        'E04,sales,south,50,70,58,60,57.6,D,ok,',
        'E05,driver,north,,100,96,,98,B,ok,',
        'E06,driver,south,,30,80,,55,D,ok,',
        '',
      ].join('\n'),
    );
  });

  it('--format json: the full results, with explanations, traces, population values and the distribution', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'inputs.csv', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schemeKey).toBe('cli-demo');
    expect(out.schemeHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(out.gradeCounts).toEqual({ A: 1, B: 2, C: 1, D: 2 });
    const e02 = out.employees.find((e: { employeeId: string }) => e.employeeId === 'E02');
    expect(e02).toMatchObject({ total: 91.3, bandGrade: 'A', grade: 'B', coefficient: 1, rank: { position: 3, of: 6 } });
    expect(e02.distribution).toMatchObject({ gradeBefore: 'A', gradeAfter: 'B' });
    const rank = e02.indicators.find((i: { key: string }) => i.key === 'sales_rank');
    expect(rank).toMatchObject({ status: 'ok', score: 86.7, weight: 20, used: { 'population.sales_rank': expect.closeTo(86.667, 3) } });
    const sales = e02.indicators.find((i: { key: string }) => i.key === 'sales');
    expect(sales.trace.length).toBeGreaterThan(0);
    expect(sales.explanation).toBe('100 points from params.sales_target = 200, inputs.sales = 200 (min(120, 100) = 100)');
    const e06 = out.employees.find((e: { employeeId: string }) => e.employeeId === 'E06');
    expect(e06.adjustments).toContainEqual(expect.objectContaining({ key: 'complaints_veto', applied: true, gradeAfter: 'D' }));
    expect(out.populationValues).toContainEqual(expect.objectContaining({ key: 'sales_rank', kind: 'rank-linear', count: 4 }));
    expect(out.distribution).toEqual([expect.objectContaining({ scope: 'all', size: 5, forced: true, quota: { A: { max: 1 } }, before: { A: 3, B: 0, C: 1, D: 1 }, after: { A: 1, B: 2, C: 1, D: 1 } })]);
  });

  it('--explain adds explanations, traces, the multi-rater aggregation, adjustments and the distribution', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'inputs.csv', '--explain'], dir);
    expect(r.code).toBe(0);
    const block = (id: string) => {
      const lines = r.stdout.split('\n');
      const start = lines.findIndex((l) => l.startsWith(`${id} `));
      const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '));
      return lines.slice(start, end).join('\n');
    };
    const e02 = block('E02');
    expect(e02).toMatch(/^ {4}sales {7}100 × 40%: 100 points from params\.sales_target = 200, inputs\.sales = 200 \(min\(120, 100\) = 100\)$/m);
    expect(e02).toMatch(/^ {4}sales_rank {2}86\.7 × 20%: 86\.7 points from population\.sales_rank = 86\.6667/m);
    expect(e02).toMatch(/^ {6,}.+/m); // trace steps, indented under their indicator
    expect(e02).toContain('    note: attitude: supervisor 8 (1 rating) × 60% + peer 8 (2 ratings) × 40% = 8');
    expect(e02).toMatch(/^ {4}rank: 3 of 6$/m);
    expect(e02).toMatch(/^ {4}distribution: A → B \(A is limited to 20% of 5 = 1; ranked 3 among 3 with A, moved to B\)$/m);
    const e06 = block('E06');
    expect(e06).toMatch(/^ {4}adjustment complaints_veto \(veto, applied\): More than 5 complaints: grade D → D \(veto\)$/m);
    expect(block('E05')).not.toMatch(/^ {4}sales /m); // not assessed for drivers
    expect(r.stdout).toMatch(/^distribution over everyone: 5 people; quota A ≤ 1; before A 3, B 0, C 1, D 1; after A 1, B 2, C 1, D 1 \(1 employee\(s\) with a veto grade are outside the distribution\.\)$/m);
  });

  it('a CSV with a byte order mark and CRLF line ends gives the same results', async () => {
    const [plain, bom] = await Promise.all([runCli(['evaluate', 'scheme.json', 'inputs.csv', '--format', 'csv'], dir), runCli(['evaluate', 'scheme.json', 'bom.csv', '--format', 'csv'], dir)]);
    expect(bom.stderr).toBe('');
    expect(bom.code).toBe(0);
    expect(bom.stdout).toBe(plain.stdout);
  });

  it('JSON inputs give the same results as the CSV', async () => {
    const [csv, json] = await Promise.all([runCli(['evaluate', 'scheme.json', 'inputs.csv', '--format', 'csv'], dir), runCli(['evaluate', 'scheme.json', 'inputs.json', '--format', 'csv'], dir)]);
    expect(json.stderr).toBe('');
    expect(json.stdout).toBe(csv.stdout);
  });

  it('every bad cell of the file is reported with row and column, and nothing is evaluated', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'bad-cells.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'bad-cells.csv: 4 problems; nothing was evaluated.',
        'bad-cells.csv row 3, column "complaints": "three" is not a number',
        'bad-cells.csv row 5, column "sales": "1O0" is not a number',
        'bad-cells.csv row 5, column "attitude.peer": "x" is not a number',
        'bad-cells.csv row 7, column "id": is empty; every employee needs an id',
        '',
      ].join('\n'),
    );
  });

  it('bad values in a JSON inputs file are reported with the employee and field', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'bad.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json employee 1 (id "E01"), inputs.sales: "lots" is not a number\n');
    expect(r.stderr).toContain('bad.json employee 1 (id "E01"), inputs.complaints: must be a number, found the value true\n');
    expect(r.stderr).toContain('bad.json employee 1 (id "E01"), inputs.mood: "mood" is not an input of scheme "cli-demo"');
    expect(r.stderr).toContain('bad.json employee 2, id: is missing\n');
  });

  it('unknown columns are named (with a suggestion) unless --ignore-unknown', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'unknown-column.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unknown-column\.csv: 1 problem; nothing was evaluated\.\nunknown-column\.csv row 1: unknown columns "name", "complains" \(did you mean "complaints"\?\): not inputs of scheme "cli-demo"/);
    expect(r.stderr).toContain('--attribute <column>');
    const ignored = await runCli(['evaluate', 'scheme.json', 'unknown-column.csv', '--ignore-unknown', '--format', 'csv'], dir);
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toMatch(/^note: unknown-column\.csv: ignored unknown columns "name", "complains"\.\n/);
    // Without the complaints column the service indicator (weighted for every position) has no input: everyone is incomplete.
    expect(csvRows(ignored.stdout).map((row) => row.status)).toEqual(['incomplete', 'incomplete', 'incomplete', 'incomplete', 'incomplete', 'incomplete']);
    const named = await runCli(['evaluate', 'scheme.json', 'unknown-column.csv', '--attribute', 'name', '--ignore-unknown', '--format', 'json'], dir);
    expect(JSON.parse(named.stdout).employees[0]).toMatchObject({ employeeId: 'E01' });
    expect(named.stderr).toMatch(/ignored unknown column "complains"\./);
  });

  it('columns the scheme uses as a scope are read as attributes, with a note', async () => {
    const r = await runCli(['evaluate', 'team-scheme.json', 'team.csv', '--explain'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('note: team.csv: column "team" read as employee attribute (the scheme uses it as a scope or employee.* value).\n');
    // red: E01 105.2 A, E02 91.3 A, E03 73.9 C → A ≤ floor(0.2 × 3) = 0: E01, E02 move to B.
    // blue: E04 57.6 D, E05 98 A, E06 vetoed → pool of 2, A ≤ 0: E05 moves to B.
    expect(r.stdout).toMatch(/^distribution team "blue": 2 people; quota A ≤ 0; before A 1, B 0, C 0, D 1; after A 0, B 1, C 0, D 1/m);
    expect(r.stdout).toMatch(/^distribution team "red": 3 people; quota A ≤ 0; before A 2, B 0, C 1, D 0; after A 0, B 2, C 1, D 0/m);
    const missing = await runCli(['evaluate', 'team-scheme.json', 'inputs.csv', '--attribute', 'level'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--attribute level: inputs.csv has no column "level"');
  });

  it('duplicate ids name both rows', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'duplicate.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('duplicate.csv: 1 problem; nothing was evaluated.\nduplicate.csv row 4 and row 8 both have id "E03"\n');
  });

  it('a column for an unknown rater group is an error naming the groups', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'wrong-group.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wrong-group.csv row 1, column "attitude.friends": "friends" is not a rater group of scheme "cli-demo" (groups: supervisor, peer)');
  });

  it('an incomplete employee shows why, and still lets the others be graded', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'incomplete.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^E03 +sales +south +75 +missing-input +66 +73\.3 +- +- +- +incomplete\n {4}incomplete: service \(missing-input\): input "complaints" is missing\n/m);
    // E03 has no grade, so the pool is E01, E02, E04, E05: A ≤ floor(0.2 × 4) = 0, and E01 moves to B too.
    expect(r.stdout).toMatch(/^E01 +sales +north +120 +100 +86 +100 +105\.2 +A +B +ok$/m);
    expect(r.stdout).toMatch(/^6 employees; grades: A 0, B 3, C 0, D 2; 1 incomplete\.$/m);
    const csv = await runCli(['evaluate', 'scheme.json', 'incomplete.csv', '--format', 'csv'], dir);
    expect(csvRows(csv.stdout)[2]).toMatchObject({ id: 'E03', service: '', total: '', grade: '', status: 'incomplete', reason: 'service (missing-input): input "complaints" is missing' });
    expect(csv.stderr).toBe('note: 1 of 6 employees incomplete (no total or grade); see the status and reason.\n');
  });

  it('a scheme with analysis errors is not evaluated', async () => {
    const r = await runCli(['evaluate', 'broken.json', 'inputs.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.json: 1 analysis error; nothing was evaluated \(yardstick check broken\.json lists every finding\):\n {2}error +weights\.default\.indicators +Default weights sum to 110, not 100\. +\[weights_not_100\]\n$/);
  });
});
