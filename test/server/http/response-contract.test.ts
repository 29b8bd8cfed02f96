/**
 * The response schemas routes declare (and the OpenAPI document publishes, and the studio's
 * types are generated from) are true: real answers of the API, for a walk through every
 * operation — the organisation, accounts, schemes, a cycle from inputs to results and appeals,
 * and the audit log — validate against the schema of the route that gave them. An integrator can
 * generate a client from `/api/openapi.json` and trust it.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { expect, it } from 'vitest';
import schemeSchema from '../../../schemas/scheme.schema.json' with { type: 'json' };
import { createApp } from '../../../server/app.ts';
import { declaredRoutes, type RouteSpec } from '../../../server/http/route.ts';
import { runEvaluationJob } from '../../../server/services/evaluation/jobs.ts';
import { describeEachApp, PASSWORD, type Client } from '../helpers/app.ts';
import { tinyScheme, tinyTemplate } from '../api/schemes-helpers.ts';
import { fillInputs, publishedVersion, testScheme, uniqueKey, validInputs } from '../api/support/cycle-fixture.ts';

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
    const next = await call(hr, 'post', `/api/schemes/${created.scheme.id}/versions`);
    await call(hr, 'post', `/api/versions/${next.id}/check`, tinyScheme(key, { title: 'Contract scheme, checked' }));
    await call(hr, 'get', `/api/versions/${next.id}/diff?against=${published.id}`);
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

    const cycle = await call(hr, 'post', '/api/cycles', { key: uniqueKey('cycle'), title: 'Contract cycle', period: 'quarter', startsOn: '2026-07-01', endsOn: '2026-09-30' });
    const cycleId = cycle.id as string;
    await call(hr, 'put', `/api/cycles/${cycleId}/assignments`, [{ versionId: String(await publishedVersion(ctx().db, testScheme())) }]);
    await call(hr, 'post', `/api/cycles/${cycleId}/transition`, { to: 'collecting' });
    await fillInputs(ctx(), Number(cycleId));
    const someone = String(fixture.employees.E001);
    await call(hr, 'put', `/api/cycles/${cycleId}/inputs/${someone}`, { inputs: { remark: 'entered by hand' } });
    await call(hr, 'post', `/api/cycles/${cycleId}/import`, { rows: [{ employee: 'E002', inputs: validInputs(7) }] });
    await call(hr, 'get', `/api/cycles/${cycleId}/inputs?limit=3`);
    const { jobId } = await call(hr, 'post', `/api/cycles/${cycleId}/evaluate`);
    expect((await runEvaluationJob(ctx().db, Number(jobId))).status).toBe('done');
    await call(hr, 'get', `/api/jobs/${jobId}`);
    await call(hr, 'get', '/api/cycles');
    await call(hr, 'get', `/api/cycles/${cycleId}`);
    await call(hr, 'get', `/api/cycles/${cycleId}/results?limit=5`);
    await call(hr, 'get', `/api/cycles/${cycleId}/results/${someone}`);
    await call(hr, 'get', `/api/cycles/${cycleId}/results/${someone}/revisions`);
    await call(ctx().as('auditor'), 'post', `/api/cycles/${cycleId}/results/${someone}/reproduce`);
    await call(hr, 'get', `/api/cycles/${cycleId}/stats`);
    await call(hr, 'get', `/api/cycles/${cycleId}/results/${someone}/evidence`);
    const employees = [0, 1].map((i) => ({ id: `P${i}`, position: 'agent', inputs: { complaints: i, csat: 80 + i, quality: 'B', on_time: true, attitude: { supervisor: [4], peer: [4] } } }));
    await call(hr, 'post', `/api/versions/${published.id}/preview`, { employees: employees.slice(0, 1) });
    await call(hr, 'post', `/api/versions/${published.id}/preview`, { employees });

    await call(hr, 'post', `/api/cycles/${cycleId}/transition`, { to: 'calibrated' });
    await call(hr, 'post', `/api/cycles/${cycleId}/transition`, { to: 'published' });
    const appeal = await call(ctx().as('employee'), 'post', `/api/cycles/${cycleId}/results/${someone}/appeals`, { reason: '我的投诉数量统计有误 (the complaint count is wrong)' });
    await call(ctx().as('manager'), 'get', `/api/appeals?cycle=${cycleId}`);
    await call(hr, 'post', `/api/appeals/${appeal.id}/decide`, { decision: 'rejected', note: 'The complaints were confirmed.' });

    await call(ctx().anonymous, 'post', '/api/auth/login', { username: 'emp4', password: PASSWORD });
    await call(ctx().anonymous, 'post', '/api/auth/logout');
    await call(hr, 'post', `/api/users/${fixture.users.otherEmployee}/unlock`);

    await call(ctx().as('auditor'), 'get', '/api/audit?limit=5');
    const head = await call(ctx().as('auditor'), 'get', '/api/audit/head');
    await call(ctx().as('auditor'), 'get', `/api/audit/verify?anchorSeq=${head.seq}&anchorHash=${head.hash}`);

    expect(wrong).toEqual([]);
    // The walk reaches every declared operation, so every declared answer is checked.
    expect([...new Set(checked)].sort()).toEqual(declaredRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
  });
});
