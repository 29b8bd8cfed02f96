/**
 * @module generate
 * Everything derived from `scheme.schema.json`: the TypeScript types and the ahead-of-time
 * validator. Runs on install and before tests (`npm run gen:types`).
 *
 * @example
 * node --import tsx schemas/generate.ts   # writes schemas/generated/{scheme.ts,validate-scheme.js,validate-scheme.d.ts}
 */
import './generate-types.ts';
import './generate-validator.ts';
