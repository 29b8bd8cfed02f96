import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeScheme, checkScheme, compileScheme } from '../../../rules/index.ts';
import { getTemplate, templates } from '../../../rules/templates/index.ts';

const folder = fileURLToPath(new URL('../../../rules/templates/', import.meta.url));
const jsonFiles = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();

describe('template library', () => {
  it('lists every JSON file in rules/templates exactly once, under the file’s name', () => {
    expect(templates.map((t) => `${t.key}.json`).sort()).toEqual(jsonFiles);
    expect(templates.map((t) => t.key)).toEqual(['property-services', 'operations-bsc', 'kpi-library-hr-admin', 'okr-key-results', 'call-centre']);
  });

  it.each(jsonFiles)('%s is a valid template document pointing at the scheme schema', (file) => {
    const doc = JSON.parse(readFileSync(`${folder}${file}`, 'utf8')) as Record<string, unknown>;
    expect(checkScheme(doc).ok).toBe(true);
    expect(doc.template).toBe(true);
    expect(doc.$schema).toBe('../../schemas/scheme.schema.json');
  });

  it.each(templates.map((t) => [t.key, t] as const))('%s: titles, a description, no analysis errors, compiles without broken rules', (_, t) => {
    expect(t.title).toMatch(/^[\x20-\x7e]+$/);
    expect(t.titleZh).toBe(t.scheme.title);
    expect(t.titleZh).toMatch(/\p{Script=Han}/u);
    expect(t.description).toMatch(/\p{Script=Han}/u);
    expect(analyzeScheme(t.scheme).filter((f) => f.severity === 'error')).toEqual([]);
    expect([...compileScheme(t.scheme).brokenIndicators]).toEqual([]);
  });

  it('getTemplate returns the entry by key, undefined otherwise', () => {
    expect(getTemplate('call-centre')?.scheme.key).toBe('call-centre');
    expect(getTemplate('nope')).toBeUndefined();
  });

  it('templates are frozen: clone before editing', () => {
    const t = getTemplate('operations-bsc')!;
    expect(Object.isFrozen(t.scheme)).toBe(true);
    expect(Object.isFrozen(t.scheme.indicators[0])).toBe(true);
    expect(() => {
      (t.scheme.weights.default.indicators as Record<string, number>).revenue = 50;
    }).toThrow(TypeError);
    const copy = structuredClone(t.scheme);
    copy.weights.default.indicators!.revenue = 50;
    expect(t.scheme.weights.default.indicators!.revenue).toBe(40);
  });
});
