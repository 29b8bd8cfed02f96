/**
 * @module test/api/hostile-bodies
 * Hostile request bodies and parameters get a clear 400 through the real app, on both
 * databases: nesting past the limit (which used to overflow the stack: 500 RangeError), U+0000
 * and lone surrogates (which PostgreSQL refuses: 500 with SQLSTATE 22021), and a 5 MB body
 * does not keep other requests waiting.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../../server/http/json-body.ts';
import { describeEachApp, PASSWORD } from '../helpers/app.ts';
import { expectJson, tinyScheme, uniqueKey } from './schemes-helpers.ts';
import { body, evaluate, expectStatus, fillInputs, openCycle } from './support/cycle-fixture.ts';

/** `depth` nested arrays around 1, written out as text (JSON.stringify would recurse). */
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describeEachApp('hostile request bodies', (ctx) => {
  let draftId = '';
  let draftKey = '';
  let cycleId = 0;
  beforeAll(async () => {
    draftKey = uniqueKey('hostile');
    const created = await expectJson(ctx().as('hr').post('/api/schemes', { key: draftKey, title: 'Hostile', departmentId: String(ctx().fixture.departments.cs), document: tinyScheme(draftKey) }), 201);
    draftId = created.version.id;
    ({ cycleId } = await openCycle(ctx()));
  });

  it('refuses 10,000-deep nesting with 400 invalid_json naming the limit on save draft, check, preview and input entry; nothing is saved', async () => {
    const hr = ctx().as('hr');
    const deep = nested(10_000);
    const employee = ctx().fixture.employees.E001;
    const attempts = [
      hr.send('PUT', `/api/versions/${draftId}`, `{"revision":1,"document":${JSON.stringify(tinyScheme(draftKey)).replace('"period":"month"', `"period":"month","deep":${deep}`)}}`, { 'content-type': 'application/json' }),
      hr.send('POST', `/api/versions/${draftId}/check`, `{"key":"${draftKey}","indicators":[{"key":"x","score":${deep}}]}`, { 'content-type': 'application/json' }),
      hr.send('POST', `/api/versions/${draftId}/preview`, `{"employees":[{"id":"E001","inputs":{"complaints":${deep}}}]}`, { 'content-type': 'application/json' }),
      hr.send('PUT', `/api/cycles/${cycleId}/inputs/${employee}`, `{"inputs":{"complaints":${deep}}}`, { 'content-type': 'application/json' }),
    ];
    for (const res of await Promise.all(attempts)) {
      const answer = await expectJson(res, 400);
      expect(answer.error.code).toBe('invalid_json');
      expect(answer.error.message).toContain(`nested too deeply: more than ${MAX_JSON_DEPTH} levels`);
    }
    const draft = await expectJson(hr.get(`/api/versions/${draftId}`), 200);
    expect(draft.revision).toBe(1);
    expect(await ctx().db.selectFrom('inputs').select('value').where('cycle_id', '=', cycleId).execute()).toEqual([]);
  });

  it('accepts nesting at the limit: a rule nested 1,000 levels (the rule checker’s own hard limit) gets the checker’s answer, not a body refusal', async () => {
    // {"+":[{"+":[ … 1 … ]}]} has two containers per level: 500 levels are 1,000 deep.
    const rule = `${'{"+":['.repeat(500)}1${']}'.repeat(500)}`;
    const document = JSON.stringify(tinyScheme(draftKey)).replace(/"score":\{.*?\}\]\}\]\}\}/, `"score":${rule}}`);
    expect(document).toContain(rule); // the replacement hit
    const res = await ctx().as('hr').send('POST', `/api/versions/${draftId}/check`, document, { 'content-type': 'application/json' });
    const answer = await expectJson(res, 200);
    expect(JSON.stringify(answer.findings)).toMatch(/nested more than 64 levels/);
  });

  it('refuses U+0000 in an employee name, an appeal text and the q parameter with 400 naming the field', async () => {
    const named = await expectJson(ctx().as('hr').patch(`/api/employees/${ctx().fixture.employees.E002}`, { name: 'Eve\u0000lyn' }), 400);
    expect(named.error).toMatchObject({ code: 'invalid_argument', details: { pointer: '/name', path: 'name' } });
    expect(named.error.message).toBe('The request body field name contains a NUL character (U+0000), which cannot be stored; remove it and try again.');
    const stored = await ctx().db.selectFrom('employees').select('name').where('id', '=', ctx().fixture.employees.E002).executeTakeFirstOrThrow();
    expect(stored.name).toBe('Employee 2');

    // An appeal against a real published result, so only the NUL can be the reason for the 400.
    const { cycleId: published } = await openCycle(ctx());
    await fillInputs(ctx(), published);
    await evaluate(ctx(), published);
    for (const to of ['calibrated', 'published']) await expectStatus(await ctx().as('hr').post(`/api/cycles/${published}/transition`, { to }), 200);
    const appealUrl = `/api/cycles/${published}/results/${ctx().fixture.employees.E001}/appeals`;
    const appeal = await expectJson(ctx().as('employee').post(appealUrl, { reason: 'Complaint #12 was withdrawn.', evidence: 'Ticket\u000012' }), 400);
    expect(appeal.error).toMatchObject({ code: 'invalid_argument', details: { path: 'evidence' } });
    expect(appeal.error.message).toContain('field evidence contains a NUL character');
    expect((await body(await ctx().as('employee').get('/api/appeals'))).items).toHaveLength(0);

    for (const url of ['/api/employees?q=a%00b', `/api/cycles/${published}/results?q=%00`]) {
      const search = await expectJson(ctx().as('hr').get(url), 400);
      expect(search.error).toMatchObject({ code: 'invalid_argument', details: { parameter: 'q' } });
      expect(search.error.message).toBe('The query parameter q contains a NUL character (U+0000); remove it and try again.');
    }
  });

  it('names NUL in nested fields and field names, and lone surrogates, by their path', async () => {
    const res = await ctx().as('hr').send('PATCH', `/api/employees/${ctx().fixture.employees.E003}`, '{"attributes":{"team":"A","skills":["x","\\u0000"]}}', { 'content-type': 'application/json' });
    expect((await expectJson(res, 400)).error.details).toEqual({ pointer: '/attributes/skills/1', path: 'attributes.skills[1]' });
    const key = await ctx().as('hr').send('PATCH', `/api/employees/${ctx().fixture.employees.E003}`, '{"attributes":{"te\\u0000am":"A"}}', { 'content-type': 'application/json' });
    const keyAnswer = await expectJson(key, 400);
    expect(keyAnswer.error.message).toMatch(/^A field name in the request body \(attributes\.te\u0000am\) contains a NUL character/);
    const surrogate = await ctx().as('hr').send('PATCH', `/api/employees/${ctx().fixture.employees.E003}`, '{"name":"Half \\ud83d emoji"}', { 'content-type': 'application/json' });
    const surrogateAnswer = await expectJson(surrogate, 400);
    expect(surrogateAnswer.error.details).toEqual({ pointer: '/name', path: 'name' });
    expect(surrogateAnswer.error.message).toContain('lone UTF-16 surrogate');
    // A whole emoji (a surrogate pair, escaped or not) is ordinary text.
    const emoji = await expectJson(ctx().as('hr').send('PATCH', `/api/employees/${ctx().fixture.employees.E003}`, '{"name":"Ann \\ud83d\\ude00 😀"}', { 'content-type': 'application/json' }), 200);
    expect(emoji.name).toBe('Ann 😀 😀');
  });

  it('answers GET /api/health within a second while a hostile 5 MB body is being refused', async () => {
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: ctx().app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const hostile = `{"inputs":{"complaints":${nested(2_500_000)}}}`;
      expect(hostile.length).toBeGreaterThan(5_000_000);
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hr', password: PASSWORD }) });
      const session = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
      const started = performance.now();
      const refused = fetch(`${base}/api/cycles/${cycleId}/inputs/${ctx().fixture.employees.E001}`, { method: 'PUT', headers: { ...session, 'content-type': 'application/json' }, body: hostile }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: { code: string } }, ms: performance.now() - started }));
      const health = fetch(`${base}/api/health`).then(async (r) => ({ status: r.status, ms: performance.now() - started }));
      const [h, x] = await Promise.all([health, refused]);
      expect(h.status).toBe(200);
      expect(h.ms).toBeLessThan(1000);
      expect(x.status).toBe(400);
      expect(x.body.error.code).toBe('invalid_json');
      expect(x.ms).toBeLessThan(3000);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
