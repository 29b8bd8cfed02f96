/**
 * Small helpers for the scheme, version and audit API tests: a tiny valid scheme document, a
 * template with a blank parameter, unique keys, and reading JSON bodies.
 */
import { expect } from 'vitest';

let counter = 0;
/** A key unique within this test process: `prefix-7`. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${++counter}`;
}

/** A valid one-indicator scheme: 100 points minus 5 per complaint, A from 90. */
export function tinyScheme(key: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key,
    title: 'Customer service — monthly',
    period: 'month',
    inputs: { complaints: { type: 'integer', minimum: 0, unit: 'count' } },
    indicators: [{ key: 'complaints', title: 'Complaints', polarity: 'lower-better', score: { max: [0, { '-': [100, { '*': [5, { var: 'inputs.complaints' }] }] }] } }],
    weights: { default: { indicators: { complaints: 100 } } },
    grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 90 }, { grade: 'B', max: 90 }] },
    ...changes,
  };
}

/** A template: the points per complaint are a blank parameter the department must fill. */
export function tinyTemplate(key: string): Record<string, unknown> {
  return tinyScheme(key, {
    template: true,
    params: { per_complaint: { type: 'number', title: 'Points off per complaint' } },
    indicators: [{ key: 'complaints', title: 'Complaints', polarity: 'lower-better', score: { max: [0, { '-': [100, { '*': [{ var: 'params.per_complaint' }, { var: 'inputs.complaints' }] }] }] } }],
  });
}

/** Read a JSON body and check the status at the same time, showing the body when it differs. */
export async function expectJson<T = any>(res: Response | Promise<Response>, status: number): Promise<T> {
  const response = await res;
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The error body of a refused request. */
export interface ErrorBody {
  error: { code: string; message: string; details?: any };
}

/** Expect a refusal with this status and code; returns the error for further checks. */
export async function expectError(res: Response | Promise<Response>, status: number, code: string): Promise<ErrorBody['error']> {
  const body = await expectJson<ErrorBody>(res, status);
  expect(body.error.code).toBe(code);
  return body.error;
}
