/**
 * `yardstick evaluate` reads the inputs sheet the server imports: the same `employee` column
 * (the older `id` still read), GBK files as well as UTF-8, bytes that are neither reported by
 * row, the same limits, and JSON enum values checked against the options.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CSV, demoScheme, fixtureDir, runCli } from './helpers.ts';

/** The demo file with its departments in Chinese: north → 北区, south → 南区. */
const ZH_CSV = DEMO_CSV.replace(/,north,/g, ',北区,').replace(/,south,/g, ',南区,');
/** GBK bytes (from the GBK table): 北 B1B1, 南 C4CF, 区 C7F8. */
const GBK: Record<string, number[]> = { 北: [0xb1, 0xb1], 南: [0xc4, 0xcf], 区: [0xc7, 0xf8] };
const gbkBytes = (text: string) => Buffer.from([...text].flatMap((ch) => GBK[ch] ?? [...Buffer.from(ch, 'utf8')]));

function enumScheme() {
  const s = demoScheme();
  s.inputs.tier = { type: 'enum', options: [{ value: 1 }, { value: 2 }], required: false };
  return s;
}

const { dir, cleanup } = fixtureDir({
  'scheme.json': demoScheme(),
  'enum-scheme.json': enumScheme(),
  'inputs.csv': DEMO_CSV,
  'employee.csv': DEMO_CSV.replace(/^id,/, 'employee,'),
  'zh.csv': ZH_CSV,
  'tier.json': [{ id: 'E01', position: 'sales', inputs: { sales: 240, complaints: 0, attitude: { supervisor: [9], peer: [8] }, tier: 7 } }],
  'wide.csv': `employee,${Array.from({ length: 1000 }, (_, i) => `c${i}`).join(',')}\nE01,1\n`,
});
writeFileSync(join(dir, 'zh-gbk.csv'), gbkBytes(ZH_CSV));
// Row 4 (E03) carries 0xFF, a byte that is neither UTF-8 nor GBK.
writeFileSync(join(dir, 'broken.csv'), Buffer.concat([gbkBytes(ZH_CSV.split('\n').slice(0, 3).join('\n')), Buffer.from('\nE03,sales,'), Buffer.from([0xff]), Buffer.from(',150,2,7,6\n')]));
afterAll(cleanup);

describe.concurrent('yardstick evaluate reads the import sheet', () => {
  it('an "employee" column (the studio template and the API) gives the same results as "id"', async () => {
    const [byId, byEmployee] = await Promise.all([runCli(['evaluate', 'scheme.json', 'inputs.csv', '--format', 'csv'], dir), runCli(['evaluate', 'scheme.json', 'employee.csv', '--format', 'csv'], dir)]);
    expect(byEmployee.stderr).toBe('');
    expect(byEmployee.code).toBe(0);
    expect(byEmployee.stdout).toBe(byId.stdout);
  });

  it('a GBK file gives the same results as the same sheet in UTF-8, Chinese text intact', async () => {
    const [utf8, gbk] = await Promise.all([runCli(['evaluate', 'scheme.json', 'zh.csv', '--format', 'csv'], dir), runCli(['evaluate', 'scheme.json', 'zh-gbk.csv', '--format', 'csv'], dir)]);
    expect(gbk.stderr).toBe('');
    expect(gbk.code).toBe(0);
    expect(gbk.stdout).toBe(utf8.stdout);
    expect(gbk.stdout).toMatch(/^E01,sales,北区,/m);
    expect(gbk.stdout).toMatch(/^E03,sales,南区,/m);
  });

  it('bytes that are neither UTF-8 nor GBK are reported with their row; nothing is evaluated', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'broken.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('broken.csv row 4: is neither UTF-8 nor GBK text');
  });

  it('the import limits apply: a row with more than 1,000 columns is refused naming the row', async () => {
    const r = await runCli(['evaluate', 'scheme.json', 'wide.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wide.csv row 1: the row has more than 1000 columns');
  });

  it('a JSON enum value must be one of the options (a number is not enough)', async () => {
    const r = await runCli(['evaluate', 'enum-scheme.json', 'tier.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tier.json employee 1 (id "E01"), inputs.tier: must be one of 1, 2, found the number 7');
  });
});
