/**
 * @module generate-api-types
 * Derives the API's TypeScript types from the route declarations (`server/routes/*.ts`), so the
 * response and body schemas each route declares — the ones the OpenAPI document publishes and
 * the contract test checks real answers against — are also what the studio compiles against.
 * Output: `schemas/generated/api.ts` (generated, not committed), one entry per operation keyed
 * `'METHOD /path'`, plus a named type for every schema with a `title`.
 *
 * Declaring the routes needs no database and starts no server: `route()` only records the spec
 * and registers a handler on a throwaway Hono app.
 *
 * @example
 * node --import tsx schemas/generate.ts   # runs this after the scheme types and validator
 * import type { ApiResponse } from '../../../schemas/generated/api.ts';
 * type Cycle = ApiResponse<'GET /api/cycles/:id'>;
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import type { RouteSpec } from '../server/http/route.ts';

const here = dirname(fileURLToPath(import.meta.url));

export const API_TYPES_FILE = join(here, 'generated', 'api.ts');

const BANNER = '/* Generated from the route declarations (server/routes/*.ts) by schemas/generate-api-types.ts. Do not edit. */';

/**
 * Every declared route, in the order the OpenAPI document lists them. Imported lazily: the route
 * modules load the scheme validator, which `generate.ts` writes first.
 * @example (await declaredApiRoutes()).length // 54
 */
export async function declaredApiRoutes(): Promise<RouteSpec[]> {
  const [{ Hono }, { registerApiRoutes }, { declaredRoutes }] = await Promise.all([import('hono'), import('../server/routes/index.ts'), import('../server/http/route.ts')]);
  registerApiRoutes(new Hono());
  return [...declaredRoutes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/**
 * The operation's key in `ApiOperations`.
 * @example operationKey({ method: 'get', path: '/api/cycles/:id' }) // 'GET /api/cycles/:id'
 */
export function operationKey(route: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** The names `generated/scheme.ts` exports, so a `$ref` into the scheme schema can point at one. */
function schemeTypeNames(): Set<string> {
  const source = readFileSync(join(here, 'generated', 'scheme.ts'), 'utf8');
  return new Set([...source.matchAll(/^export (?:type|interface) (\w+)/gm)].map((m) => m[1]!));
}

/**
 * The scheme type a `$ref` names, and the exported type it needs: `scheme.schema.json` is `Scheme`,
 * `scheme.schema.json#/$defs/key` is `Key` (json-schema-to-typescript names a definition after its
 * key), and a property of a definition, `…#/$defs/input/properties/type`, is `Input['type']`.
 * @example schemeTypeFor('scheme.schema.json#/$defs/input/properties/type', names) // { type: "Input['type']", name: 'Input' }
 */
function schemeTypeFor(ref: string, names: Set<string>): { type: string; name: string } {
  const match = /^scheme\.schema\.json(?:#(?:\/\$defs\/(\w+)((?:\/properties\/\w+)*))?)?$/.exec(ref);
  if (!match) throw new Error(`generate-api-types: cannot resolve $ref ${ref} (only scheme.schema.json, its $defs and their properties are known)`);
  const name = match[1] ? match[1][0]!.toUpperCase() + match[1].slice(1) : 'Scheme';
  if (!names.has(name)) throw new Error(`generate-api-types: ${ref} has no exported type ${name} in schemas/generated/scheme.ts`);
  const path = (match[2] ?? '').split('/properties/').filter(Boolean);
  return { type: name + path.map((p) => `['${p}']`).join(''), name };
}

/**
 * A copy of the route schemas ready for json-schema-to-typescript: `$ref`s into the scheme schema
 * become `tsType`s naming the generated scheme types (instead of a second, inlined copy), and a
 * schema object shared by several routes stays one shared object, so its title names one type.
 */
function prepare(routes: readonly RouteSpec[], names: Set<string>): { root: JSONSchema; imports: Set<string> } {
  const memo = new Map<object, unknown>();
  const imports = new Set<string>();
  const titles = new Map<string, object>();
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (value === null || typeof value !== 'object') return value;
    if (memo.has(value)) return memo.get(value);
    const node = value as Record<string, unknown>;
    if (typeof node.$ref === 'string') {
      const { type, name } = schemeTypeFor(node.$ref, names);
      imports.add(name);
      const out = { tsType: type, ...(typeof node.description === 'string' ? { description: node.description } : {}) };
      memo.set(value, out);
      return out;
    }
    // Two different schemas with one title would come out as Title and Title1: refuse instead.
    if (typeof node.title === 'string') {
      const seen = titles.get(node.title);
      if (seen && seen !== value) throw new Error(`generate-api-types: two different schemas are titled ${node.title}; give each its own title`);
      titles.set(node.title, value);
    }
    const out: Record<string, unknown> = {};
    memo.set(value, out);
    // A schema of annotations alone ({ description }) allows any value, but json-schema-to-typescript
    // would call it an object; say unknown, as it does for {}. (Values are strings here, so this is
    // never a `properties` map, whose values are schemas.)
    const keys = Object.keys(node);
    if (keys.length > 0 && keys.every((k) => (k === 'description' || k === 'title') && typeof node[k] === 'string')) out.tsType = 'unknown';
    for (const [key, v] of Object.entries(node)) if (key !== '$id' && key !== '$schema') out[key] = copy(v);
    return out;
  };
  const properties: Record<string, unknown> = {};
  for (const r of routes) {
    const parts: Record<string, unknown> = { response: r.response ? copy(r.response) : {} };
    if (r.body) parts.body = copy(r.body);
    properties[operationKey(r)] = { type: 'object', additionalProperties: false, required: Object.keys(parts), properties: parts, description: r.summary };
  }
  for (const name of [...imports, 'ApiOperations', 'ApiOperation', 'ApiResponse', 'ApiBody']) {
    if (titles.has(name)) throw new Error(`generate-api-types: a schema is titled ${name}, a name the generated module already uses; rename it`);
  }
  const root = { title: 'ApiOperations', description: "Every API operation, keyed 'METHOD /path': its response body and, where it takes JSON, its request body.", type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
  return { root: root as JSONSchema, imports };
}

const HELPERS = `
/** An operation, e.g. 'GET /api/cycles/:id'. */
export type ApiOperation = keyof ApiOperations;

/** What an operation answers (status 200, 201 or 202). */
export type ApiResponse<O extends ApiOperation> = ApiOperations[O]['response'];

/** The JSON body an operation takes (never for operations without one). */
export type ApiBody<O extends ApiOperation> = ApiOperations[O] extends { body: infer B } ? B : never;
`;

/**
 * The source of `schemas/generated/api.ts` for the given routes.
 * @example (await apiTypesSource(await declaredApiRoutes())).includes("'GET /api/cycles/:id': {") // true
 */
export async function apiTypesSource(routes: readonly RouteSpec[]): Promise<string> {
  const { root, imports } = prepare(routes, schemeTypeNames());
  const header = [BANNER, ...(imports.size ? [`import type { ${[...imports].sort().join(', ')} } from './scheme.ts';`] : [])].join('\n');
  const body = await compile(root, 'ApiOperations', {
    bannerComment: header,
    // An object schema that does not close itself (withParts, { type: 'object' }) may carry more.
    additionalProperties: true,
    declareExternallyReferenced: true,
    maxItems: -1,
    style: { singleQuote: true, printWidth: 120 },
  });
  return body + HELPERS;
}

/**
 * Write `schemas/generated/api.ts` (only when it changed, so watchers are not woken for nothing).
 * @example await writeApiTypes()
 */
export async function writeApiTypes(target = API_TYPES_FILE): Promise<void> {
  const source = await apiTypesSource(await declaredApiRoutes());
  mkdirSync(dirname(target), { recursive: true });
  if (!existsSync(target) || readFileSync(target, 'utf8') !== source) writeFileSync(target, source);
}
