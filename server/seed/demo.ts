/**
 * @module seed/demo
 * The demo organisation a new user meets on first start: a property-management company with
 * customer service, engineering, security and operations; about 60 employees with managers;
 * one demo user per role; HR's template library; and one past month evaluated and published,
 * so results, dashboards and appeals have something to show.
 *
 * Everything goes through the same services the API uses, so the demo also fills the audit
 * log exactly as real use would. Inputs come from a seeded generator: every start of an empty
 * database produces the same demo.
 */
import type { Kysely } from 'kysely';
import { templates } from '../../rules/templates/index.ts';
import type { Scheme } from '../../rules/index.ts';
import type { DB } from '../db/types.ts';
import type { CurrentUser } from '../domain/actor.ts';
import { assertPasswordAcceptable, hashPassword } from '../services/access/passwords.ts';
import { loadUser } from '../services/access/sessions.ts';
import { createScheme } from '../services/schemes/schemes.ts';
import { cloneScheme } from '../services/schemes/scheme-clone.ts';
import { updateDraft } from '../services/schemes/versions.ts';
import { publishVersion } from '../services/schemes/version-lifecycle.ts';
import { createCycle, replaceAssignments, transitionCycle } from '../services/cycles/cycles.ts';
import { importInputs } from '../services/cycles/imports.ts';
import { startEvaluation, runEvaluationJob } from '../services/evaluation/jobs.ts';

export interface DemoCredentials {
  users: Array<{ role: string; username: string; password: string }>;
}

const DEPARTMENTS = [
  { key: 'customer-service', name: '客服部 Customer service', position: { key: 'customer_service', name: '客服专员 Customer service agent' }, size: 18, surnames: '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高' },
  { key: 'engineering', name: '工程部 Engineering', position: { key: 'engineer', name: '工程维修员 Maintenance engineer' }, size: 16, surnames: '林罗郑梁谢宋唐许韩冯邓曹彭曾肖田' },
  { key: 'security', name: '安保部 Security', position: { key: 'security', name: '安保员 Security officer' }, size: 14, surnames: '董袁潘于蒋蔡余杜叶程苏魏吕丁' },
  { key: 'operations', name: '运营部 Operations', position: { key: 'operations', name: '运营专员 Operations specialist' }, size: 12, surnames: '任沈姚卢姜崔钟谭陆汪范金' },
] as const;
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '丽'];

/** Demo users: printed at start, clearly labelled as demo credentials. Their passwords follow the same policy as everyone's. */
const DEMO_USERS: Array<{ username: string; password: string; role: 'hr' | 'auditor' | 'manager' | 'employee'; displayName: string; department?: string; employeeCode?: string }> = [
  { username: 'hr', password: 'demo-people-2026', role: 'hr', displayName: '人力资源 HR' },
  { username: 'auditor', password: 'demo-audit-2026', role: 'auditor', displayName: '审计 Auditor' },
  { username: 'manager', password: 'demo-lead-cs-2026', role: 'manager', displayName: '客服经理 CS manager', department: 'customer-service' },
  { username: 'manager-eng', password: 'demo-lead-eng-2026', role: 'manager', displayName: '工程经理 Engineering manager', department: 'engineering' },
  { username: 'employee', password: 'demo-staff-2026', role: 'employee', displayName: '员工 Employee', employeeCode: 'CS02' },
];

/** Deterministic pseudo-random numbers (mulberry32), so every demo is the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seed the demo into an empty database; returns the demo credentials, or null when the
 * database already has users (a real installation is never touched).
 * @example const demo = await seedDemoIfEmpty(db); if (demo) printCredentials(demo);
 */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<DemoCredentials | null> {
  const existing = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return null;

  const rand = random(20261031);
  const departmentIds: Record<string, number> = {};
  const positionIds: Record<string, number> = {};
  const employees: Array<{ id: number; code: string; department: string }> = [];
  for (const [d, dept] of DEPARTMENTS.entries()) {
    const { id } = await db.insertInto('departments').values({ key: dept.key, name: dept.name, parent_id: null }).returning('id').executeTakeFirstOrThrow();
    departmentIds[dept.key] = id;
    positionIds[dept.position.key] = (await db.insertInto('positions').values({ key: dept.position.key, name: dept.position.name, department_id: id }).returning('id').executeTakeFirstOrThrow()).id;
    const prefix = ['CS', 'EN', 'SE', 'OP'][d];
    let managerId: number | null = null;
    for (let i = 1; i <= dept.size; i++) {
      const code = `${prefix}${String(i).padStart(2, '0')}`;
      const name = `${dept.surnames[(i - 1) % dept.surnames.length]}${GIVEN[(i * 7 + d) % GIVEN.length]}`;
      const row = await db
        .insertInto('employees')
        .values({ code, name, department_id: id, position_id: positionIds[dept.position.key], level: i === 1 ? 'manager' : 'staff', manager_id: managerId, attributes: { team: `${prefix}-${i <= dept.size / 2 ? 'A' : 'B'}` } })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (i === 1) managerId = row.id;
      employees.push({ id: row.id, code, department: dept.key });
    }
  }

  for (const u of DEMO_USERS) {
    assertPasswordAcceptable(u.password, u.username);
    const employeeId = u.employeeCode ? (employees.find((e) => e.code === u.employeeCode)?.id ?? null) : null;
    const { id } = await db.insertInto('users').values({ username: u.username, display_name: u.displayName, password_hash: await hashPassword(u.password), role: u.role, employee_id: employeeId }).returning('id').executeTakeFirstOrThrow();
    if (u.department) await db.insertInto('user_departments').values({ user_id: id, department_id: departmentIds[u.department] }).execute();
  }
  const hrId = (await db.selectFrom('users').select('id').where('username', '=', 'hr').executeTakeFirstOrThrow()).id;
  const hr: CurrentUser = (await loadUser(db, hrId, 'session'))!;

  // HR's template library, each published as version 1.
  const templateVersion = new Map<string, number>();
  for (const t of templates) {
    const created = await createScheme(db, hr, { key: t.key, title: t.titleZh ?? t.title, departmentId: null, isTemplate: true, document: structuredClone(t.scheme) as unknown as Scheme });
    await publishVersion(db, hr, Number(created.version.id), { effectiveFrom: '2026-01-01', note: '模板库初始版本 Initial template library' });
    templateVersion.set(t.key, Number(created.scheme.id));
  }

  // Department schemes cloned from the templates, as departments do, and published.
  // Property services is company-wide (HR's own scheme); operations adapts the BSC for itself.
  const property = await cloneScheme(db, hr, templateVersion.get('property-services')!, { key: 'property-monthly', title: '物业服务月度考核 Property services monthly', departmentId: null });
  const operations = await cloneScheme(db, hr, templateVersion.get('operations-bsc')!, { key: 'operations-monthly', title: '运营部平衡计分卡 Operations BSC', departmentId: departmentIds.operations });
  const published: Record<string, number> = {};
  for (const [name, clone] of [['property', property], ['operations', operations]] as const) {
    const versionId = Number(clone.version.id);
    await publishVersion(db, hr, versionId, { effectiveFrom: '2026-10-01', note: '演示 Demo' });
    published[name] = versionId;
  }

  // One past month, evaluated and published.
  const cycle = await createCycle(db, hr, { key: '2026-10', title: '2026年10月 月度考核 October 2026', period: 'month', startsOn: '2026-10-01', endsOn: '2026-10-31' });
  const cycleId = Number(cycle.id);
  await replaceAssignments(db, hr, cycleId, [
    { versionId: String(published.property), departmentId: String(departmentIds['customer-service']) },
    { versionId: String(published.property), departmentId: String(departmentIds.engineering) },
    { versionId: String(published.property), departmentId: String(departmentIds.security) },
    { versionId: String(published.operations), departmentId: String(departmentIds.operations) },
  ]);
  await transitionCycle(db, hr, cycleId, 'collecting');
  const rows = employees.map((e) => ({ employee: e.code, inputs: e.department === 'operations' ? operationsInputs(rand) : propertyInputs(rand, e.department) }));
  await importInputs(db, hr, cycleId, { format: 'json', rows, filename: 'demo-2026-10.json' });
  const job = await startEvaluation(db, hr, cycleId, { background: false });
  await runEvaluationJob(db, Number(job.jobId));
  await transitionCycle(db, hr, cycleId, 'calibrated');
  await transitionCycle(db, hr, cycleId, 'published');

  return { users: DEMO_USERS.map(({ role, username, password }) => ({ role, username, password })) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function propertyInputs(rand: () => number, department: string) {
  const strong = rand();
  return {
    closure_rate: round1(88 + strong * 12),
    response_minutes: Math.round(10 + (1 - strong) * 40 + rand() * 10),
    satisfaction: round1(80 + strong * 18 + rand() * 2),
    complaints: Math.floor((1 - strong) * 4 * rand()),
    missed_inspections: department === 'customer-service' ? 0 : Math.floor(rand() * 3 * (1 - strong)),
    safety_incidents: rand() < 0.04 ? 1 : 0,
    innovations: department === 'engineering' ? Math.floor(rand() * 4) : 0,
  };
}

function operationsInputs(rand: () => number) {
  const strong = rand();
  const revenueTarget = 1_000_000;
  return {
    revenue_actual: Math.round(revenueTarget * (0.85 + strong * 0.25)),
    revenue_target: revenueTarget,
    profit_actual: Math.round(150_000 * (0.7 + strong * 0.5)),
    profit_target: 150_000,
    cost_actual: Math.round(400_000 * (1.08 - strong * 0.12)),
    cost_budget: 400_000,
    customer_satisfaction: round1(80 + strong * 15),
    customer_churn: round1(8 - strong * 5),
    on_time_rate: round1(85 + strong * 14),
    projects_done: 6 + Math.floor(strong * 4),
    projects_planned: 10,
    employee_satisfaction: round1(75 + rand() * 20),
    training_done: 3 + Math.floor(rand() * 3),
    training_planned: 5,
  };
}
