/**
 * The response schemas routes declare (and the OpenAPI document publishes) are true: real
 * answers of the API, for a walk through the organisation, accounts, a cycle with results and
 * the audit log, validate against the schema of the route that gave them. An integrator can
 * generate a client from `/api/openapi.json` and trust it.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { expect, it } from 'vitest';
import schemeSchema from '../../../schemas/scheme.schema.json' with { type: 'json' };
import { createApp } from '../../../server/app.ts';
import { declaredRoutes, type RouteSpec } from '../../../server/http/route.ts';
import { describeEachApp, type Client } from '../helpers/app.ts';
import { tinyScheme, tinyTemplate } from '../api/schemes-helpers.ts';
import { evaluate, fillInputs, openCycle, uniqueKey } from '../api/support/cycle-fixture.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
ajv.addSchema(schemeSchema, 'scheme.schema.json');

/** The declared route that answers `method path`, matching `:params` as path segments. */
function routeFor(method: string, path: string): RouteSpec | undefined {
  const bare = path.split('?')[0]!;
  return declaredRoutes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`).test(bare));
}

it('every operation in the API reference documents its response', () => {
  // Building an app declares its routes; no request is made, so it needs no open database.
  createApp({ database: { db: {} } } as Parameters<typeof createApp>[0]);
  expect(declaredRoutes.length).toBeGreaterThan(50);
  expect(declaredRoutes.filter((r) => !r.response).map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual([]);
});

describeEachApp('declared response schemas', (ctx) => {
  it('describe what the API really answers', async () => {
    const checked: string[] = [];
    const wrong: Array<{ route: string; errors: unknown }> = [];
    /** Send a request and check its answer against the schema its route declares. */
    const call = async (client: Client, method: RouteSpec['method'], path: string, body?: unknown): Promise<any> => {
      const res = method === 'get' ? await client.get(path) : method === 'delete' ? await client.delete(path) : await client[method](path, body);
      const json = await res.json();
      expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
      const route = routeFor(method, path);
      expect(route, `${method} ${path} is a declared route`).toBeDefined();
      if (route?.response) {
        const validate = ajv.compile(route.response);
        if (!validate(json)) wrong.push({ route: `${method.toUpperCase()} ${route.path}`, errors: validate.errors });
        checked.push(`${method.toUpperCase()} ${route.path}`);
      }
      return json;
    };
    const hr = ctx().as('hr');
    const { fixture } = ctx();

    await call(hr, 'get', '/api/departments');
    const department = await call(hr, 'post', '/api/departments', { key: uniqueKey('dept'), name: '财务部 Finance' });
    await call(hr, 'get', '/api/positions');
    const position = await call(hr, 'post', '/api/positions', { key: uniqueKey('pos'), name: '会计 Accountant', departmentId: department.id });
    await call(hr, 'get', '/api/employees?limit=2');
    const employee = await call(hr, 'post', '/api/employees', { code: uniqueKey('F'), name: '李雷', departmentId: department.id, positionId: position.id, level: 'P3', attributes: { team: 'AP' } });
    await call(hr, 'get', `/api/employees/${employee.id}`);
    await call(hr, 'patch', `/api/employees/${employee.id}`, { managerId: String(fixture.employees.E001) });

    await call(hr, 'get', '/api/users');
    await call(hr, 'post', '/api/users', { username: uniqueKey('acct'), displayName: '新同事', role: 'manager', password: 'a-long-unusual-passphrase-42', departmentIds: [department.id] });
    const token = await call(hr, 'post', '/api/tokens', { name: 'nightly roster push' });
    await call(hr, 'get', '/api/tokens');
    await call(hr, 'delete', `/api/tokens/${token.id}`);
    await call(hr, 'get', '/api/auth/me');
    await call(ctx().as('auditor'), 'patch', '/api/auth/me', { locale: 'en' });

    const key = uniqueKey('contract');
    const created = await call(hr, 'post', '/api/schemes', { key, title: 'Contract scheme', document: tinyScheme(key) });
    const draft = await call(hr, 'put', `/api/versions/${created.version.id}`, { document: tinyScheme(key, { title: 'Contract scheme, saved' }), revision: created.version.revision });
    const published = await call(hr, 'post', `/api/versions/${draft.id}/publish`, { revision: draft.revision, effectiveFrom: '2026-01-01' });
    await call(hr, 'get', `/api/versions/${published.id}`);
    await call(hr, 'post', `/api/schemes/${created.scheme.id}/versions`);
    await call(hr, 'get', `/api/schemes/${created.scheme.id}/versions`);
    await call(hr, 'get', `/api/schemes/${created.scheme.id}`);
    await call(hr, 'post', `/api/versions/${published.id}/retire`, { effectiveTo: '2026-12-31' });
    const templateKey = uniqueKey('contract-template');
    const template = await call(hr, 'post', '/api/schemes', { key: templateKey, title: 'Contract template', isTemplate: true, document: tinyTemplate(templateKey) });
    await call(hr, 'post', `/api/versions/${template.version.id}/publish`, {});
    const cloneKey = uniqueKey('contract-clone');
    await call(hr, 'post', `/api/schemes/${template.scheme.id}/clone`, { key: cloneKey, title: 'Contract clone', departmentId: String(fixture.departments.cs) });
    await call(hr, 'get', '/api/schemes');
    await call(hr, 'get', '/api/templates');

    const { cycleId } = await openCycle(ctx());
    await fillInputs(ctx(), cycleId);
    await evaluate(ctx(), cycleId);
    await call(hr, 'get', '/api/cycles');
    await call(hr, 'get', `/api/cycles/${cycleId}`);
    await call(hr, 'get', `/api/cycles/${cycleId}/results?limit=5`);
    const someone = String(fixture.employees.E001);
    await call(hr, 'get', `/api/cycles/${cycleId}/results/${someone}`);
    await call(hr, 'get', `/api/cycles/${cycleId}/stats`);
    await call(hr, 'get', `/api/cycles/${cycleId}/results/${someone}/evidence`);
    const employees = [0, 1].map((i) => ({ id: `P${i}`, position: 'agent', inputs: { complaints: i, csat: 80 + i, quality: 'B', on_time: true, attitude: { supervisor: [4], peer: [4] } } }));
    await call(hr, 'post', `/api/versions/${published.id}/preview`, { employees: employees.slice(0, 1) });
    await call(hr, 'post', `/api/versions/${published.id}/preview`, { employees });

    await call(ctx().as('auditor'), 'get', '/api/audit?limit=5');
    await call(ctx().as('auditor'), 'get', '/api/audit/head');
    await call(ctx().as('auditor'), 'get', '/api/audit/verify');

    expect(wrong).toEqual([]);
    // Every call above went to a route that documents its answer.
    expect(new Set(checked)).toEqual(
      new Set([
        'GET /api/departments', 'POST /api/departments', 'GET /api/positions', 'POST /api/positions',
        'GET /api/employees', 'POST /api/employees', 'GET /api/employees/:id', 'PATCH /api/employees/:id',
        'GET /api/users', 'POST /api/users', 'POST /api/tokens', 'GET /api/tokens', 'DELETE /api/tokens/:id', 'GET /api/auth/me', 'PATCH /api/auth/me',
        'POST /api/schemes', 'PUT /api/versions/:id', 'POST /api/versions/:id/publish', 'GET /api/versions/:id', 'POST /api/schemes/:id/versions',
        'GET /api/schemes/:id/versions', 'GET /api/schemes/:id', 'POST /api/versions/:id/retire', 'POST /api/schemes/:id/clone', 'GET /api/schemes', 'GET /api/templates',
        'GET /api/cycles', 'GET /api/cycles/:id', 'GET /api/cycles/:id/results', 'GET /api/cycles/:id/results/:employeeId',
        'GET /api/cycles/:id/stats', 'GET /api/cycles/:id/results/:employeeId/evidence', 'POST /api/versions/:id/preview',
        'GET /api/audit', 'GET /api/audit/head', 'GET /api/audit/verify',
      ]),
    );
  });
});
