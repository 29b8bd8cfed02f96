/**
 * @module refusal
 * Assert that the database refuses a change, and get the refusal as the API would see it.
 */
import { expect } from 'vitest';
import type { YardstickError } from '../../../rules/errors.ts';
import { toYardstickError } from '../../../server/db/errors.ts';

/**
 * Await `work`, expect it to fail, and return the failure as a `YardstickError`.
 * @example
 * const err = await refusal(db.deleteFrom('audit_log').execute());
 * expect(err.code).toBe('conflict');
 */
export async function refusal(work: Promise<unknown>): Promise<YardstickError> {
  const err = await work.then(() => undefined, (e: unknown) => e);
  expect(err, 'the database accepted the change').toBeDefined();
  return toYardstickError(err);
}
