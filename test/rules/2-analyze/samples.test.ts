/**
 * Fixture samples, Svelte style: `samples/<case>/scheme.json` is analysed and must give exactly
 * `samples/<case>/findings.json` (all codes, nothing ignored).
 * After a deliberate change of wording, regenerate with `UPDATE_SAMPLES=1 npx vitest run
 * test/rules/2-analyze/samples.test.ts` and review the diff of the findings files.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import { parseScheme } from '../../../rules/1-parse/parse.ts';

const root = new URL('./samples/', import.meta.url);
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const read = (name: string, file: string): unknown => JSON.parse(readFileSync(new URL(`${name}/${file}`, root), 'utf8'));

describe('analysis samples', () => {
  it('has samples', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (name) => {
    const findings = analyzeScheme(parseScheme(read(name, 'scheme.json')));
    const expectedFile = new URL(`${name}/findings.json`, root);
    if (process.env.UPDATE_SAMPLES) writeFileSync(expectedFile, `${JSON.stringify(findings, null, 2)}\n`);
    expect(findings).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});
