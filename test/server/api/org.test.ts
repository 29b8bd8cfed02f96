import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { expectError, expectJson, uniqueKey } from './schemes-helpers.ts';

describeEachApp('organisation API', (ctx) => {
  const f = () => ctx().fixture;
  const id = (n: number) => String(n);

  it('lists departments and positions within scope', async () => {
    const all = await expectJson(ctx().as('auditor').get('/api/departments'), 200);
    expect(all.items.map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(['cs', 'eng']));
    const own = await expectJson(ctx().as('manager').get('/api/departments'), 200);
    expect(own.items).toEqual([expect.objectContaining({ id: id(f().departments.cs), key: 'cs', name: 'Customer service', parentId: null })]);
    const positions = await expectJson(ctx().as('manager').get('/api/positions'), 200);
    expect(positions.items.map((p: { key: string }) => p.key)).toEqual(['agent']);
    await expectError(ctx().as('employee').get('/api/departments'), 403, 'forbidden');
    await expectError(ctx().as('employee').get('/api/positions'), 403, 'forbidden');
  });

  it('lists employees with filters, search and paging; managers see their own departments only', async () => {
    const hr = await expectJson(ctx().as('hr').get('/api/employees?limit=2&offset=1'), 200);
    expect(hr).toMatchObject({ limit: 2, offset: 1 });
    expect(hr.total).toBeGreaterThanOrEqual(6);
    expect(hr.items.map((e: { code: string }) => e.code)).toEqual(['E002', 'E003']);
    expect(hr.items[0]).toMatchObject({ id: id(f().employees.E002!), departmentKey: 'cs', positionKey: 'agent', attributes: { team: 'A' }, active: true });

    const manager = await expectJson(ctx().as('manager').get('/api/employees'), 200);
    expect(manager.items.every((e: { departmentId: string }) => e.departmentId === id(f().departments.cs))).toBe(true);
    expect(manager.total).toBeGreaterThanOrEqual(3);
    await expectError(ctx().as('manager').get(`/api/employees?department=${f().departments.eng}`), 403, 'forbidden');

    const byPosition = await expectJson(ctx().as('auditor').get(`/api/employees?position=${f().positions.engineer}`), 200);
    expect(byPosition.items.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['E004', 'E005', 'E006']));
    const search = await expectJson(ctx().as('hr').get('/api/employees?q=e005'), 200);
    expect(search.items.map((e: { code: string }) => e.code)).toEqual(['E005']);
    const wildcard = await expectJson(ctx().as('hr').get('/api/employees?q=%25'), 200);
    expect(wildcard.items).toEqual([]);
    await expectError(ctx().as('hr').get('/api/employees?limit=0'), 400, 'invalid_argument');
    await expectError(ctx().as('hr').get('/api/employees?department=cs'), 400, 'invalid_argument');
    await expectError(ctx().as('employee').get('/api/employees'), 403, 'forbidden');
  });

  it('reads one employee within scope', async () => {
    const one = await expectJson(ctx().as('manager').get(`/api/employees/${f().employees.E001}`), 200);
    expect(one).toMatchObject({ code: 'E001', name: 'Employee 1', level: 'staff', managerId: null });
    await expectError(ctx().as('manager').get(`/api/employees/${f().employees.E004}`), 403, 'forbidden');
    const missing = await expectError(ctx().as('hr').get('/api/employees/999999'), 404, 'not_found');
    expect(missing.message).toContain('999999');
    await expectError(ctx().as('employee').get(`/api/employees/${f().employees.E001}`), 403, 'forbidden');
  });

  it('lets HR add departments and positions, with audit entries', async () => {
    const key = uniqueKey('ops');
    const department = await expectJson(ctx().as('hr').post('/api/departments', { key, name: 'Operations', parentId: id(f().departments.cs) }), 201);
    expect(department).toMatchObject({ key, name: 'Operations', parentId: id(f().departments.cs) });
    const position = await expectJson(ctx().as('hr').post('/api/positions', { key: uniqueKey('driver'), name: 'Driver', departmentId: department.id }), 201);
    expect(position.departmentId).toBe(department.id);
    const shared = await expectJson(ctx().as('hr').post('/api/positions', { key: uniqueKey('clerk'), name: 'Clerk' }), 201);
    expect((await expectJson(ctx().as('manager').get('/api/positions'), 200)).items.map((p: { id: string }) => p.id)).toContain(shared.id);
    await expectError(ctx().as('hr').post('/api/departments', { key, name: 'Again' }), 409, 'conflict');
    await expectError(ctx().as('hr').post('/api/departments', { key: uniqueKey('x'), name: 'Orphan', parentId: '999999' }), 404, 'not_found');
    await expectError(ctx().as('manager').post('/api/departments', { key: uniqueKey('x'), name: 'Mine' }), 403, 'forbidden');
    await expectError(ctx().as('auditor').post('/api/positions', { key: uniqueKey('x'), name: 'No' }), 403, 'forbidden');
    const actions = (await ctx().db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['department.create', 'position.create']).execute()).map((a) => `${a.action}:${a.entity_id}`);
    expect(actions).toEqual(expect.arrayContaining([`department.create:${department.id}`, `position.create:${position.id}`, `position.create:${shared.id}`]));
  });

  it('lets HR add and change employees; the audit keeps before and after', async () => {
    const code = uniqueKey('E');
    const created = await expectJson(
      ctx().as('hr').post('/api/employees', { code, name: 'Li Na', departmentId: id(f().departments.cs), positionId: id(f().positions.agent), level: 'P5', managerId: id(f().employees.E001!), attributes: { site: 'Shanghai' } }),
      201,
    );
    expect(created).toMatchObject({ code, name: 'Li Na', departmentKey: 'cs', level: 'P5', managerId: id(f().employees.E001!), attributes: { site: 'Shanghai' }, active: true });
    const moved = await expectJson(ctx().as('hr').patch(`/api/employees/${created.id}`, { departmentId: id(f().departments.eng), positionId: id(f().positions.engineer), attributes: { site: 'Shanghai' }, active: false }), 200);
    expect(moved).toMatchObject({ departmentKey: 'eng', positionKey: 'engineer', active: false, level: 'P5' });
    const [update] = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'employee.update').where('entity_id', '=', created.id).execute();
    // attributes were sent unchanged, so they are not recorded as a change
    expect(update!.payload).toEqual({
      code,
      changes: { department_id: { before: id(f().departments.cs), after: id(f().departments.eng) }, position_id: { before: id(f().positions.agent), after: id(f().positions.engineer) }, active: { before: true, after: false } },
    });

    await expectError(ctx().as('hr').post('/api/employees', { code, name: 'Dup', departmentId: id(f().departments.cs), positionId: id(f().positions.agent) }), 409, 'conflict');
    await expectError(ctx().as('hr').post('/api/employees', { code: uniqueKey('E'), name: 'X', departmentId: '999999', positionId: id(f().positions.agent) }), 404, 'not_found');
    await expectError(ctx().as('hr').patch(`/api/employees/${created.id}`, { managerId: created.id }), 400, 'invalid_argument');
    await expectError(ctx().as('hr').patch(`/api/employees/${created.id}`, {}), 400, 'invalid_argument');
    await expectError(ctx().as('hr').patch('/api/employees/999999', { name: 'Nobody' }), 404, 'not_found');
    await expectError(ctx().as('manager').patch(`/api/employees/${f().employees.E001}`, { name: 'Renamed' }), 403, 'forbidden');
    await expectError(ctx().as('manager').post('/api/employees', { code: uniqueKey('E'), name: 'X', departmentId: id(f().departments.cs), positionId: id(f().positions.agent) }), 403, 'forbidden');
    expect((await expectJson(ctx().as('hr').get(`/api/employees/${f().employees.E001}`), 200)).name).toBe('Employee 1');
  });
});
