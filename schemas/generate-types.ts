/**
 * @module generate-types
 * Derives the TypeScript types from `scheme.schema.json`, so the schema stays the one
 * source of truth. Runs on install and before tests; output is generated, not committed.
 *
 * @example
 * node --import tsx schemas/generate-types.ts   # writes schemas/generated/scheme.ts
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'generated');
const schema = JSON.parse(readFileSync(join(here, 'scheme.schema.json'), 'utf8'));

const source = await compile(schema, 'Scheme', {
  bannerComment: '/* Generated from schemas/scheme.schema.json by schemas/generate-types.ts. Do not edit. */',
  additionalProperties: false,
  unreachableDefinitions: true,
  maxItems: -1,
  declareExternallyReferenced: true,
  style: { singleQuote: true, printWidth: 120 },
});

mkdirSync(outDir, { recursive: true });
const target = join(outDir, 'scheme.ts');
if (!existsSync(target) || readFileSync(target, 'utf8') !== source) writeFileSync(target, source);
