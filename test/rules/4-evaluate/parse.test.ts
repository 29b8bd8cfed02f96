import { describe, expect, it } from 'vitest';
import { checkScheme, parseScheme, readablePath, YardstickError } from '../../../rules/index.ts';
import { baseScheme } from './build.ts';

const issuesOf = (doc: unknown) => {
  const r = checkScheme(doc);
  if (r.ok) throw new Error('expected issues');
  return r;
};

describe('parseScheme', () => {
  it('accepts a valid scheme, including keys and titles in Chinese', () => {
    const scheme = baseScheme({ key: '客服-月度', title: '客服部月度考核' });
    expect(scheme.key).toBe('客服-月度');
  });

  it('names the JSON path and what was expected for every problem', () => {
    const base = JSON.parse(JSON.stringify(baseScheme()));
    base.period = 'decade';
    base.indicators[1].key = 'has space';
    delete base.indicators[0].score;
    base.weights.default.indicators.sales_ratio = 120;
    base.extra = 1;
    const r = issuesOf(base);
    expect(r.code).toBe('invalid_scheme');
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath['period']).toMatch(/must be one of: "week", "month"/);
    expect(byPath['indicators[1].key']).toMatch(/not a valid key/);
    expect(byPath['indicators[0].score']).toBe('is required');
    expect(byPath['weights.default.indicators.sales_ratio']).toBe('must be <= 100');
    expect(byPath['(document)']).toBe('has an unknown field "extra"');
  });

  it('explains grading that has neither bands nor a rule in one message', () => {
    const base = JSON.parse(JSON.stringify(baseScheme()));
    delete base.grading.bands;
    const r = issuesOf(base);
    expect(r.issues).toEqual([expect.objectContaining({ path: 'grading', message: expect.stringContaining('either bands or rule') })]);
  });

  it('refuses reserved names as keys', () => {
    const base = JSON.parse(JSON.stringify(baseScheme()));
    base.inputs = JSON.parse('{"__proto__": {"type": "number"}}');
    expect(issuesOf(base).issues.some((i) => i.message.includes('invalid key "__proto__"'))).toBe(true);
  });

  it('reports malformed JSON text as invalid_json with the position', () => {
    const r = issuesOf('{"key": "x",');
    expect(r.code).toBe('invalid_json');
    expect(r.issues[0].message).toMatch(/not valid JSON/);
  });

  it('throws a YardstickError with status 400 and all issues in details', () => {
    try {
      parseScheme({ key: 'x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(YardstickError);
      const e = err as YardstickError;
      expect(e.status).toBe(400);
      expect(e.message).toMatch(/^\(document\): is required|title: is required|^[a-z]+: is required/);
      expect((e.details as { issues: unknown[] }).issues.length).toBeGreaterThan(3);
    }
  });

  it('turns pointers into readable paths', () => {
    expect(readablePath('/weights/positions/engineer/indicators/a~1b')).toBe('weights.positions.engineer.indicators.a/b');
    expect(readablePath('/indicators/2/score')).toBe('indicators[2].score');
    expect(readablePath('')).toBe('(document)');
  });
});
