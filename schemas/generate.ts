/**
 * @module generate
 * Everything derived from `scheme.schema.json` and the route declarations: the scheme's
 * TypeScript types, the ahead-of-time validator and the API's types. Runs on install and before
 * tests (`npm run gen:types`).
 *
 * @example
 * node --import tsx schemas/generate.ts   # writes schemas/generated/{scheme.ts,validate-scheme.js,validate-scheme.d.ts,api.ts}
 */
import './generate-types.ts';
import './generate-validator.ts';

// Loaded only now: the routes it reads import the validator and the scheme types written above.
const { writeApiTypes } = await import('./generate-api-types.ts');
await writeApiTypes();
