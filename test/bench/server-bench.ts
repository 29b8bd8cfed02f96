/**
 * Server benchmark (not a test): `npm run bench:server [employees]`.
 *
 * 1. A generated 100,000-employee cycle (the 12-indicator scheme of scheme-bench.ts) imported,
 *    evaluated and stored through the same services the API uses, on embedded PGlite and, when
 *    DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL: time per phase and peak RSS.
 * 2. A load test of POST /api/versions/:id/preview on loopback with autocannon, at a fixed
 *    1,000 requests per second for 10 s: requests per second, p50/p99 latency, errors.
 *
 * Targets: the 100,000-employee cycle end to end in under 20 s on PostgreSQL; preview p99 under
 * 10 ms at 1,000 requests per second.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { createApp } from '../../server/app.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { hashPassword } from '../../server/services/access/passwords.ts';
import { createApiToken, loadUser } from '../../server/services/access/sessions.ts';
import { createScheme } from '../../server/services/schemes/schemes.ts';
import { publishVersion } from '../../server/services/schemes/version-lifecycle.ts';
import { createCycle, replaceAssignments, transitionCycle } from '../../server/services/cycles/cycles.ts';
import { importInputs } from '../../server/services/cycles/imports.ts';
import { runEvaluationJob, startEvaluation } from '../../server/services/evaluation/jobs.ts';
import type { CurrentUser } from '../../server/http/env.ts';
import type { Scheme } from '../../rules/index.ts';
import { BENCH_SCHEME, generateEmployees } from './scheme-bench.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const pgUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
sampler.unref();

async function timed<T>(label: string, rows: Array<[string, string]>, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  rows.push([label, `${((performance.now() - start) / 1000).toFixed(2)} s`]);
  return result;
}

async function seedOrganisation(db: Database['db'], employees: ReturnType<typeof generateEmployees>): Promise<CurrentUser> {
  const departments = [...new Set(employees.map((e) => e.department!))];
  const positions = [...new Set(employees.map((e) => e.position!))];
  const deptIds = new Map<string, number>();
  for (const key of departments) deptIds.set(key, (await db.insertInto('departments').values({ key, name: key, parent_id: null }).returning('id').executeTakeFirstOrThrow()).id);
  const posIds = new Map<string, number>();
  for (const key of positions) posIds.set(key, (await db.insertInto('positions').values({ key, name: key, department_id: null }).returning('id').executeTakeFirstOrThrow()).id);
  for (let i = 0; i < employees.length; i += 2000) {
    await db
      .insertInto('employees')
      .values(employees.slice(i, i + 2000).map((e) => ({ code: e.id, name: e.id, department_id: deptIds.get(e.department!)!, position_id: posIds.get(e.position!)!, level: 'staff', manager_id: null, attributes: {} })))
      .execute();
  }
  const { id } = await db.insertInto('users').values({ username: 'bench-hr', display_name: 'Bench HR', password_hash: await hashPassword('bench-password'), role: 'hr', employee_id: null }).returning('id').executeTakeFirstOrThrow();
  return (await loadUser(db, id, 'token'))!;
}

async function cycleBenchmark(kind: 'pglite' | 'postgres'): Promise<{ rows: Array<[string, string]>; database: Database; versionId: number; hr: CurrentUser }> {
  const rows: Array<[string, string]> = [];
  peakRss = process.memoryUsage().rss;
  const database = kind === 'pglite' ? await openDatabase({ memory: true }) : await openScratchSchema(pgUrl!);
  const db = database.db;
  await migrateToLatest(db);
  const employees = generateEmployees(COUNT);
  const hr = await timed('organisation (employees inserted)', rows, () => seedOrganisation(db, employees));
  const created = await createScheme(db, hr, { key: BENCH_SCHEME.key, title: BENCH_SCHEME.title, departmentId: null, isTemplate: false, document: structuredClone(BENCH_SCHEME) as unknown as Scheme });
  const versionId = Number(created.version.id);
  await publishVersion(db, hr, versionId, { effectiveFrom: '2026-01-01' });
  const cycle = await createCycle(db, hr, { key: 'bench', title: 'Bench', period: 'year', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const cycleId = Number(cycle.id);
  await replaceAssignments(db, hr, cycleId, [{ versionId: String(versionId) }]);
  await transitionCycle(db, hr, cycleId, 'collecting');
  const start = performance.now();
  await timed(`import ${COUNT.toLocaleString('en')} rows (validate + store)`, rows, () =>
    importInputs(db, hr, cycleId, { format: 'json', rows: employees.map((e) => ({ employee: e.id, inputs: e.inputs as never })), filename: 'bench.json' }),
  );
  await timed('evaluate + store results', rows, async () => {
    const job = await startEvaluation(db, hr, cycleId, { background: false });
    const done = await runEvaluationJob(db, Number(job.jobId));
    if (done.status !== 'done') throw new Error(`job ended ${done.status}: ${done.error}`);
  });
  rows.push(['import + evaluate + store, end to end', `${((performance.now() - start) / 1000).toFixed(2)} s`]);
  const stored = await db.selectFrom('results').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId).executeTakeFirstOrThrow();
  rows.push(['results stored', String(stored.n)]);
  rows.push(['peak RSS', `${Math.round(peakRss / 1024 / 1024)} MB`]);
  return { rows, database, versionId, hr };
}

async function previewLoad(database: Database, versionId: number, hr: CurrentUser): Promise<Array<[string, string]>> {
  const app = createApp({ database });
  const { token } = await createApiToken(database.db, hr.id, 'bench');
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const [employee] = generateEmployees(1, 7);
  const body = JSON.stringify({ employees: [employee], explain: false });
  const run = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/api/versions/${versionId}/preview`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      connections: 20,
      overallRate: 1000,
      duration,
    });
  await run(2); // warm-up: JIT, caches
  const r = await run(10);
  // Let requests still queued in the server finish before the database closes under them.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return [
    ['requests per second (target rate 1,000)', r.requests.average.toFixed(0)],
    ['latency p50', `${r.latency.p50} ms`],
    ['latency p99', `${r.latency.p99} ms`],
    ['latency max', `${r.latency.max} ms`],
    ['errors / non-2xx', `${r.errors} / ${r.non2xx}`],
    ['requests', String(r.requests.total)],
  ];
}

/** A schema of its own in the PostgreSQL database, dropped on close: nothing else is touched. */
async function openScratchSchema(url: string): Promise<Database> {
  const schema = `ys_bench_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create schema if not exists "${schema}"`);
  const scoped = new URL(url);
  scoped.searchParams.set('search_path', schema);
  const database = await openDatabase({ url: scoped.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      await admin.unsafe(`drop schema "${schema}" cascade`);
      await admin.end();
    },
  };
}

function table(title: string, rows: Array<[string, string]>): string {
  return [`\n### ${title}\n`, '| phase | value |', '|---|---:|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

console.log(`# Yardstick server benchmark — ${COUNT.toLocaleString('en')} employees, Node ${process.version}`);
const kinds: Array<'pglite' | 'postgres'> = pgUrl ? ['pglite', 'postgres'] : ['pglite'];
if (!pgUrl) console.log('\n(PostgreSQL skipped: set DATABASE_URL or TEST_DATABASE_URL; the benchmark works in a schema of its own and drops it.)');
for (const kind of kinds) {
  const { rows, database, versionId, hr } = await cycleBenchmark(kind);
  console.log(table(`Cycle on ${kind}`, rows));
  console.log(table(`Preview endpoint load on ${kind} (autocannon, 20 connections, 1,000 req/s for 10 s)`, await previewLoad(database, versionId, hr)));
  await database.close();
}
console.log('\nTargets: cycle end to end < 20 s on PostgreSQL; preview p99 < 10 ms at 1,000 req/s.');
process.exit(0);
