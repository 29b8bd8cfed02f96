/**
 * Property-based differential tests: 10,000 random rule/data pairs over every operator, each
 * evaluated by json-logic-js (with our domain operators registered) and by every evaluator of
 * ours. Results must be equal (NaN equals NaN, -0 is not 0), and when json-logic-js throws,
 * ours must throw too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceApply } from './reference.ts';
import { data, rule } from './arbitraries.ts';
import { outcome, OUR_EVALUATORS, sameValue, type Outcome } from './evaluators.ts';

const RUNS_PER_BATCH = 2500;
const BATCHES = 4; // 10,000 pairs in all, split so each test stays well under the timeout

function describeOutcome(result: Outcome): string {
  return result.threw ? `threw ${String(result.error)}` : `returned ${JSON.stringify(result.value)} (${String(result.value)})`;
}

describe('every evaluator agrees with json-logic-js on random rules', () => {
  it.each(Array.from({ length: BATCHES }, (_, batch) => ({ batch, seed: 20261121 + batch })))('batch $batch (seed $seed)', ({ seed }) => {
    fc.assert(
      fc.property(rule, data, (generatedRule, generatedData) => {
        const snapshot = structuredClone(generatedData);
        const expected = outcome(() => referenceApply(generatedRule, generatedData));
        for (const { name, evaluate } of OUR_EVALUATORS) {
          const actual = outcome(() => evaluate(generatedRule, generatedData));
          const agree = expected.threw ? actual.threw : !actual.threw && sameValue(actual.value, expected.value);
          if (!agree) throw new Error(`${name} ${describeOutcome(actual)}; json-logic-js ${describeOutcome(expected)}`);
        }
        expect(generatedData).toEqual(snapshot);
      }),
      { numRuns: RUNS_PER_BATCH, seed },
    );
  });
});
