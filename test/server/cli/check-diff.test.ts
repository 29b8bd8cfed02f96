/**
 * `yardstick check` (validation + analysis, exit 1 on errors) and `yardstick diff`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { demoScheme, fixtureDir, runCli } from './helpers.ts';

/** The demo scheme with the driver row summing to 90 and an undeclared band grade. */
function brokenScheme() {
  const s = demoScheme();
  s.weights.positions!.driver.indicators = { service: 50, attitude: 40 };
  s.grading.bands![3] = { grade: 'E', max: 60 };
  return s;
}

/** Version 2 of the demo scheme: a weight moved, a band edge raised, an indicator added. */
function secondVersion() {
  const s = demoScheme();
  s.weights.positions!.driver.indicators = { service: 40, attitude: 60 };
  s.grading.bands![0] = { grade: 'A', min: 92 };
  s.grading.bands![1] = { grade: 'B', min: 80, max: 92 };
  s.title = 'CLI demo scheme v2';
  return s;
}

const { dir, cleanup } = fixtureDir({
  'scheme.json': demoScheme(),
  'copy.json': Object.fromEntries(Object.entries(demoScheme()).reverse()),
  'broken.json': brokenScheme(),
  'v2.json': secondVersion(),
  // Missing "," after "quarter" on line 4.
  'syntax.json': '{\n  "key": "x",\n  "title": "Syntax error",\n  "period": "quarter"\n  "inputs": {}\n}\n',
  'invalid.json': { key: 'bad key', title: '', period: 'decade', inputs: {}, indicators: [{ key: 'a', score: 1 }], weights: { default: {} }, grading: { grades: [{ key: 'A' }], bands: [{ grade: 'A' }] } },
});
afterAll(cleanup);

describe.concurrent('yardstick check', () => {
  it('a valid scheme exits 0 with a summary naming the scheme and its hash', async () => {
    const r = await runCli(['check', 'scheme.json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^error/m);
    expect(r.stdout).toMatch(/^scheme\.json: (no problems found|0 errors, \d+ warnings?, \d+ notes?) \(scheme "cli-demo", 4 indicators, sha256:[0-9a-f]{12}…\)\.\n$/m);
  });

  it('analysis errors are listed with severity, path, message and code, and exit 1', async () => {
    const r = await runCli(['check', 'broken.json'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^error +weights\.positions\.driver\.indicators +Weights for position "driver" sum to 90, not 100\. +\[weights_not_100\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^error +grading\.bands\[3\](\.grade)? +.*"E".*not declared in grading\.grades\. +\[undeclared_grade\]$/));
    // Grouped by severity: no error line after the first warning or note.
    const firstOther = lines.findIndex((l) => /^(warning|info)/.test(l));
    if (firstOther >= 0) expect(lines.slice(firstOther).some((l) => l.startsWith('error'))).toBe(false);
    expect(lines[lines.length - 1]).toMatch(/^broken\.json: 2 errors, \d+ warnings?, \d+ notes? \(scheme "cli-demo"/);
  });

  it('--lang zh-CN lists the same findings in Chinese', async () => {
    const r = await runCli(['check', 'broken.json', '--lang', 'zh-CN'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^error +weights\.positions\.driver\.indicators +岗位“driver”的权重合计为 90，应为 100。 +\[weights_not_100\]$/));
  });

  it('--format json gives the findings as JSON', async () => {
    const r = await runCli(['check', 'broken.json', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ file: 'broken.json', valid: true, scheme: 'cli-demo', parseIssues: [], counts: { error: 2 } });
    expect(out.findings).toContainEqual({
      severity: 'error',
      code: 'weights_not_100',
      pointer: '/weights/positions/driver/indicators',
      path: 'weights.positions.driver.indicators',
      message: 'Weights for position "driver" sum to 90, not 100.',
      args: { position: 'driver', sum: 90 },
    });
  });

  it('malformed JSON names the file, line and column, and shows the spot', async () => {
    const r = await runCli(['check', 'syntax.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(['syntax.json is not valid JSON: line 5, column 3: expected "," or "}" after a property value, found "\\""', '    "inputs": {}', '    ^', ''].join('\n'));
  });

  it('every schema problem of an invalid document is printed with its path', async () => {
    const r = await runCli(['check', 'invalid.json'], dir);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toMatch(/^error +key +is not a valid key/m);
    expect(out).toMatch(/^error +title +must not be empty$/m);
    expect(out).toMatch(/^error +period +must be one of: "week", "month"/m);
    expect(out).toMatch(/^error +indicators\[0\]\.title +is required$/m);
    expect(out).toMatch(/^invalid\.json: \d+ problems in the document; it is analysed once the document is valid\.$/m);
    const json = JSON.parse((await runCli(['check', 'invalid.json', '--format', 'json'], dir)).stdout);
    expect(json.valid).toBe(false);
    expect(json.parseIssues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['key', 'title', 'period', 'indicators[0].title']));
  });
});

describe.concurrent('yardstick diff', () => {
  it('prints one change per line with its path', async () => {
    const r = await runCli(['diff', 'scheme.json', 'v2.json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^changed +title +scheme title "CLI demo scheme" → "CLI demo scheme v2"$/));
    expect(lines).toContainEqual(expect.stringMatching(/^changed +weights\.positions\.driver\.indicators\.service +.*"service".*"driver".*50 → 40$/));
    expect(lines).toContainEqual(expect.stringMatching(/^changed +weights\.positions\.driver\.indicators\.attitude +.*50 → 60$/));
    expect(lines).toContainEqual(expect.stringMatching(/^changed +grading\.bands\[0\]\.min +band "A": min 90 → 92$/));
    expect(lines).toContainEqual(expect.stringMatching(/^changed +grading\.bands\[1\]\.max +band "B": max 90 → 92$/));
    expect(lines).toHaveLength(5);
  });

  it('--lang zh-CN words the same changes in Chinese', async () => {
    const r = await runCli(['diff', 'scheme.json', 'v2.json', '--lang', 'zh-CN'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^changed +title +方案标题由“CLI demo scheme”改为“CLI demo scheme v2”$/));
    expect(lines).toContainEqual(expect.stringMatching(/^changed +weights\.positions\.driver\.indicators\.service +指标“service”在岗位“driver”中的权重由 50 改为 40$/));
    expect(lines).toContainEqual(expect.stringMatching(/^changed +grading\.bands\[0\]\.min +等级区间“A”的下限由 90 改为 92$/));
    expect(lines).toHaveLength(5);
    const bad = await runCli(['diff', 'scheme.json', 'v2.json', '--lang', 'fr'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lang/);
  });

  it('identical schemes (whatever the key order) print "No differences."', async () => {
    const r = await runCli(['diff', 'scheme.json', 'copy.json'], dir);
    expect(r).toEqual({ code: 0, stdout: 'No differences.\n', stderr: '' });
  });

  it('--format json gives the changes with pointers and values', async () => {
    const r = await runCli(['diff', 'scheme.json', 'v2.json', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const changes = JSON.parse(r.stdout);
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'changed', pointer: '/grading/bands/0/min', before: 90, after: 92 }));
    expect(changes).toHaveLength(5);
  });

  it('an invalid scheme on either side is reported, exit 1', async () => {
    const r = await runCli(['diff', 'scheme.json', 'invalid.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^invalid\.json is not a valid scheme \(\d+ problems\):\n {2}key: is not a valid key/);
  });
});
