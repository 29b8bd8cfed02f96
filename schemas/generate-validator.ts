/**
 * @module generate-validator
 * Compiles `scheme.schema.json` ahead of time into a standalone ES module
 * (`schemas/generated/validate-scheme.js`, ajv's standalone code output). ajv normally compiles
 * with `new Function`, which the studio's Content-Security-Policy forbids; the generated module
 * is plain code, so `parseScheme` runs the same checks in the browser as on the server.
 * Runs on install and before tests with the type generation; output is generated, not committed.
 *
 * @example
 * node --import tsx schemas/generate-validator.ts   # writes schemas/generated/validate-scheme.js
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'generated');
const schema = JSON.parse(readFileSync(join(here, 'scheme.schema.json'), 'utf8'));

// The one place the scheme validator's options are set: `allErrors` so a user sees every issue
// at once, `unicodeRegExp` for the `\p{L}` key patterns.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  unicodeRegExp: true,
  code: { source: true, esm: true },
});
const validate = ajv.compile(schema);

/**
 * ajv's ESM output still loads its small runtime helpers (e.g. `ucs2length` for `maxLength`)
 * with `require`, which neither Node's ESM loader nor the browser has. Turn each into an import
 * that works whether the bundler hands us `module.exports` or its `default`.
 * @example esmRuntimeImports('const func2 = require("ajv/dist/runtime/ucs2length").default;')
 */
function esmRuntimeImports(code: string): string {
  const imports: string[] = [];
  const body = code.replace(/const (\w+) = require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default;/g, (_all, name: string, from: string) => {
    imports.push(`import ${name}Module from ${JSON.stringify(`${from}.js`)};`);
    return `const ${name} = typeof ${name}Module === "function" ? ${name}Module : ${name}Module.default;`;
  });
  if (/\brequire\(/.test(body)) throw new Error('generate-validator: ajv emitted a require() this script does not know how to turn into an import');
  return `${imports.join('\n')}\n${body.replace(/^"use strict";/, '')}`;
}

const banner = '/* Generated from schemas/scheme.schema.json by schemas/generate-validator.ts (ajv standalone). Do not edit. */\n// @ts-nocheck\n';
const source = banner + esmRuntimeImports(standaloneCode(ajv, validate));
const declarations = `${banner.split('\n')[0]}
import type { ErrorObject } from 'ajv';
import type { Scheme } from './scheme.ts';

/** The scheme document validator, compiled ahead of time; after a failed call \`validate.errors\` lists every error. */
export declare const validate: ((doc: unknown) => doc is Scheme) & { errors?: ErrorObject[] | null };
export default validate;
`;

mkdirSync(outDir, { recursive: true });
for (const [file, text] of [['validate-scheme.js', source], ['validate-scheme.d.ts', declarations]] as const) {
  const target = join(outDir, file);
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
}
