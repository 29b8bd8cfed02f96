/**
 * Black-box: start the real server from a clean temporary folder exactly as a new user does
 * (`yardstick serve`, which is what `npm start` runs), read the demo credentials it prints, and walk the main path
 * through the HTTP API only: log in as HR → clone a template → edit → publish → open a cycle →
 * import a CSV → evaluate → read a result with its explanation → verify the audit log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('a new user starts Yardstick and runs a cycle', () => {
  let server: ChildProcess;
  let base = '';
  let output = '';
  let folder = '';
  let cookie = '';
  let csrf = '';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'yardstick-new-user-'));
    // The bin registers tsx itself, so it runs from any folder, as npx yardstick serve does.
    server = spawn(process.execPath, [join(ROOT, 'server/cli/bin.mjs'), 'serve'], {
      cwd: folder,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', YARDSTICK_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    base = await new Promise<string>((resolvePromise, reject) => {
      const timer = setInterval(() => {
        const m = /running at (http:\/\/[\d.]+:\d+)/.exec(output);
        if (m) {
          clearInterval(timer);
          resolvePromise(m[1]);
        }
      }, 100);
      server.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  });

  async function api<T = any>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: T }> {
    const res = await fetch(base + path, {
      method,
      headers: { ...(cookie ? { cookie, 'x-csrf-token': csrf } : {}), ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (res.headers.get('set-cookie')) cookie = res.headers.get('set-cookie')!.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
  }

  it('serves the studio and the API docs, and prints demo credentials labelled as such', async () => {
    expect(output).toMatch(/DEMO CREDENTIALS/);
    expect((await fetch(base + '/')).status).toBe(200);
    const docs = await fetch(base + '/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/schemes');
  });

  it('walks: log in → clone a template → edit → publish → cycle → CSV import → evaluate → explained result → verified audit log', async () => {
    const password = /hr\s+hr\s+(\S+)/.exec(output)![1];
    const login = await api<{ csrfToken: string }>('POST', '/api/auth/login', { username: 'hr', password });
    expect(login.status).toBe(200);
    csrf = login.body.csrfToken;

    const templates = await api<{ items: Array<{ id: string; key: string }> }>('GET', '/api/templates');
    const property = templates.body.items.find((t) => t.key === 'property-services')!;
    const departments = await api<{ items: Array<{ id: string; key: string }> }>('GET', '/api/departments');
    const security = departments.body.items.find((d) => d.key === 'security')!;

    const clone = await api<{ scheme: { id: string }; version: { id: string } }>('POST', `/api/schemes/${property.id}/clone`, { key: 'security-night', title: '安保夜班 Security night shift', departmentId: security.id });
    expect(clone.status).toBe(201);
    const draftId = clone.body.version.id;
    const draft = await api<{ document: any; revision: number }>('GET', `/api/versions/${draftId}`);
    draft.body.document.params.complaint_points.value = 15; // stricter per-complaint deduction
    const saved = await api('PUT', `/api/versions/${draftId}`, { document: draft.body.document, revision: draft.body.revision });
    expect(saved.status).toBe(200);
    const published = await api<{ status: string; contentHash: string }>('POST', `/api/versions/${draftId}/publish`, { effectiveFrom: '2026-11-01' });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const cycle = await api<{ id: string }>('POST', '/api/cycles', { key: '2026-11-security', title: 'Security November', period: 'month', startsOn: '2026-11-01', endsOn: '2026-11-30' });
    expect(cycle.status).toBe(201);
    expect((await api('PUT', `/api/cycles/${cycle.body.id}/assignments`, [{ versionId: draftId, departmentId: security.id }])).status).toBe(200);
    expect((await api('POST', `/api/cycles/${cycle.body.id}/transition`, { to: 'collecting' })).status).toBe(200);

    const header = 'employee,closure_rate,response_minutes,satisfaction,complaints,missed_inspections,safety_incidents,innovations';
    const rows = Array.from({ length: 14 }, (_, i) => `SE${String(i + 1).padStart(2, '0')},${90 + (i % 10)},${15 + i},${85 + (i % 10)},${i % 3},${i % 2},0,0`);
    const imported = await api<{ rows: number }>('POST', `/api/cycles/${cycle.body.id}/import?filename=security.csv`, `\uFEFF${[header, ...rows].join('\r\n')}\r\n`, 'text/csv');
    expect(imported.status).toBe(200);
    expect(imported.body.rows).toBe(14);

    const job = await api<{ jobId: string }>('POST', `/api/cycles/${cycle.body.id}/evaluate`, {});
    expect(job.status).toBe(202);
    let progress: { status: string; done: number; total: number } = { status: 'queued', done: 0, total: 0 };
    for (let i = 0; i < 600 && progress.status !== 'done' && progress.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await api('GET', `/api/jobs/${job.body.jobId}`)).body;
    }
    expect(progress).toMatchObject({ status: 'done', done: 14, total: 14 });

    const results = await api<{ items: Array<{ employeeId: string; employeeCode: string; total: number; grade: string }> }>('GET', `/api/cycles/${cycle.body.id}/results?sort=code`);
    expect(results.body.items).toHaveLength(14);
    const first = results.body.items[0];
    const detail = await api<any>('GET', `/api/cycles/${cycle.body.id}/results/${first.employeeId}`);
    expect(detail.status).toBe(200);
    const complaints = JSON.stringify(detail.body);
    expect(complaints).toContain('complaint');
    expect(complaints).toMatch(/explanation/);

    const verify = await api<{ ok: boolean; count: number }>('GET', '/api/audit/verify');
    expect(verify.body.ok).toBe(true);
    expect(verify.body.count).toBeGreaterThan(10);
  }, 180_000);
});
