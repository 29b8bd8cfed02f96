/**
 * The API types the studio compiles against (`schemas/generated/api.ts`) are what the route
 * declarations say today: regenerating them gives the file on disk byte for byte, and every
 * declared operation has its entry. A route whose response schema changed without
 * `npm run gen:types` fails here (and the studio would typecheck against a stale contract).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource, declaredApiRoutes, operationKey } from '../../schemas/generate-api-types.ts';
import type { ApiBody, ApiOperation, ApiResponse, Cycle, CycleDetail } from '../../schemas/generated/api.ts';
import type { Key } from '../../schemas/generated/scheme.ts';

describe('generated API types', () => {
  it('are up to date with the route declarations', async () => {
    expect(existsSync(API_TYPES_FILE), 'run npm run gen:types').toBe(true);
    const fresh = await apiTypesSource(await declaredApiRoutes());
    expect(readFileSync(API_TYPES_FILE, 'utf8') === fresh, 'schemas/generated/api.ts is stale: run npm run gen:types').toBe(true);
  });

  it('have an entry for every declared operation, and only those', async () => {
    const routes = await declaredApiRoutes();
    expect(routes.length).toBeGreaterThan(50);
    const source = readFileSync(API_TYPES_FILE, 'utf8');
    const entries = [...source.matchAll(/^ {2}'((?:GET|POST|PUT|PATCH|DELETE) \/[^']*)': \{$/gm)].map((m) => m[1]);
    expect(entries.sort()).toEqual(routes.map(operationKey).sort());
  });

  it('change when a declaration changes', async () => {
    // The comparison above is only worth something if the output follows the declarations.
    const routes = await declaredApiRoutes();
    const jobs = routes.findIndex((r) => operationKey(r) === 'GET /api/jobs/:id');
    const fewer = await apiTypesSource(routes.filter((_, i) => i !== jobs));
    expect(fewer).not.toContain("'GET /api/jobs/:id'");
    const changed = await apiTypesSource(routes.map((r, i) => (i === jobs ? { ...r, response: { type: 'object', properties: { id: { type: 'integer' } } } } : r)));
    expect(changed).not.toEqual(readFileSync(API_TYPES_FILE, 'utf8'));
  });

  it('refuse two different schemas with one title', async () => {
    const routes = (await declaredApiRoutes()).slice(0, 2).map((r, i) => ({ ...r, response: { title: 'Same', type: 'object', properties: { n: { const: i } } } }));
    await expect(apiTypesSource(routes)).rejects.toThrow(/two different schemas are titled Same/);
  });

  it('name the scheme types instead of copying them, and key responses and bodies by operation', () => {
    // Checked by tsc (the test folder is type-checked), not at run time.
    expectTypeOf<ApiResponse<'GET /api/cycles/:id'>>().toEqualTypeOf<CycleDetail>();
    expectTypeOf<ApiResponse<'POST /api/cycles/:id/transition'>>().toEqualTypeOf<Cycle>();
    expectTypeOf<ApiBody<'POST /api/departments'>['key']>().toEqualTypeOf<Key>();
    expectTypeOf<ApiBody<'GET /api/cycles'>>().toBeNever();
    expectTypeOf<'GET /api/jobs/:id'>().toExtend<ApiOperation>();
  });
});
