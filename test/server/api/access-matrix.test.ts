/**
 * Every declared API route against every role: anonymous callers get 401, roles a route does
 * not list get 403, and HR (who may do everything HR's routes allow) is never refused for its
 * role. Scope rules inside a role (a manager's own departments, an employee's own results) are
 * tested with the routes that own them.
 */
import { expect, it } from 'vitest';
import { declaredRoutes } from '../../../server/http/route.ts';
import { describeEachApp, type FixtureUser } from '../helpers/app.ts';

const ROLE_OF: Record<Exclude<FixtureUser, 'otherManager' | 'otherEmployee'>, string> = { hr: 'hr', auditor: 'auditor', manager: 'manager', employee: 'employee' };

describeEachApp('access matrix', (ctx) => {
  it('declares the API routes the studio needs', () => {
    ctx(); // the app is built, so every route group has registered itself
    const paths = new Set(declaredRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    for (const needed of ['POST /api/auth/login', 'GET /api/schemes', 'PUT /api/versions/:id', 'POST /api/versions/:id/publish', 'GET /api/audit/verify', 'GET /api/cycles', 'POST /api/cycles/:id/import', 'POST /api/cycles/:id/evaluate']) {
      expect(paths.has(needed), needed).toBe(true);
    }
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    const failures: string[] = [];
    for (const r of declaredRoutes.filter((x) => x.roles !== 'public')) {
      const path = r.path.replace(/:[A-Za-z_]+/g, '1');
      const res = await ctx().anonymous.send(r.method.toUpperCase(), path, r.method === 'get' ? undefined : '{}', { 'content-type': 'application/json' });
      if (res.status !== 401) failures.push(`${r.method.toUpperCase()} ${r.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  for (const [user, role] of Object.entries(ROLE_OF) as Array<[FixtureUser, string]>) {
    it(`refuses ${role} on every route not open to ${role} with 403, and never refuses it for its role elsewhere`, async () => {
      const failures: string[] = [];
      for (const r of declaredRoutes.filter((x) => x.roles !== 'public')) {
        const allowed = (r.roles as readonly string[]).includes(role);
        // Writes by allowed roles are only probed for HR on GETs: an allowed write with an empty
        // body would be a real (failing) request, which is each route group's own test.
        if (allowed && r.method !== 'get') continue;
        const path = r.path.replace(/:[A-Za-z_]+/g, '1');
        const res = await ctx().as(user).send(r.method.toUpperCase(), path, r.method === 'get' ? undefined : '{}', { 'content-type': 'application/json' });
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
        if (!allowed && res.status !== 403) failures.push(`${r.method.toUpperCase()} ${r.path} → ${res.status} (expected 403)`);
        if (allowed && res.status === 401) failures.push(`${r.method.toUpperCase()} ${r.path} → 401 for an allowed role`);
        if (allowed && role === 'hr' && res.status === 403) failures.push(`${r.method.toUpperCase()} ${r.path} → 403 for HR: ${body.error?.message}`);
        if (!allowed && body.error?.code !== 'forbidden') failures.push(`${r.method.toUpperCase()} ${r.path}: error code ${body.error?.code}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
