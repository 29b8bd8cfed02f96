/**
 * Hostile and concurrent imports through the real app, on every database: huge headers and
 * bodies refused quickly while other requests are answered, bytes that are neither UTF-8 nor GBK
 * reported by row, GBK files imported, and concurrent imports of overlapping rows into one cycle
 * queued instead of failing on a deadlock.
 */
import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { body, expectStatus, openCycle, uniqueKey } from './support/cycle-fixture.ts';

/** GBK bytes of 不适用 (worked out from the GBK table: 不 B2BB, 适 CACA, 用 D3C3). */
const GBK_BU_SHI_YONG = [0xb2, 0xbb, 0xca, 0xca, 0xd3, 0xc3];
const utf8 = (text: string) => new TextEncoder().encode(text);

describeEachApp('hostile and concurrent imports', (ctx) => {
  const send = (cycleId: number, content: string | Uint8Array, as: 'hr' | 'manager' = 'hr') =>
    ctx().as(as).send('POST', `/api/cycles/${cycleId}/import?filename=x.csv`, content, { 'content-type': 'text/csv' });
  const problems = async (res: Response) => (await body(res)).error.details.errors.map((e: { row: number; column: string | null; code: string; args: object }) => ({ row: e.row, column: e.column, code: e.code, args: e.args }));

  it('refuses a 1,000,000-column header (7.9 MB) within a second, while /api/health keeps answering', async () => {
    const { cycleId } = await openCycle(ctx());
    // The hostile probe's file: "employee," + c0…c999999, then one data row.
    const text = `employee,${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\nCS03,1\n`;
    expect(text.length).toBeGreaterThan(7_800_000);
    const started = performance.now();
    const importing = send(cycleId, text, 'manager').then((res) => ({ res, ms: performance.now() - started }));
    // Health checks sent while the import is being read and refused.
    const health: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expect((await ctx().as('hr').get('/api/health')).status).toBe(200);
      health.push(performance.now() - t);
    }
    const { res, ms } = await importing;
    expect(res.status).toBe(400);
    expect(await problems(res)).toEqual([{ row: 1, column: null, code: 'too_many_columns', args: { limit: 1000 } }]);
    expect(ms).toBeLessThan(1000);
    expect(Math.max(...health)).toBeLessThan(500);
  });

  it('refuses a body over the app’s 20 MiB limit with 413 before reading it as CSV', async () => {
    const { cycleId } = await openCycle(ctx());
    const res = await send(cycleId, new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41));
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe('payload_too_large');
  });

  it('imports a GBK file with Chinese text, hashing it like the same sheet saved as UTF-8', async () => {
    const { cycleId } = await openCycle(ctx());
    const gbk = new Uint8Array([...utf8('employee,remark\nE001,'), ...GBK_BU_SHI_YONG, ...utf8('\n')]);
    const res = await send(cycleId, gbk);
    await expectStatus(res, 200);
    const summary = await body(res);
    const grid = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs`));
    expect(grid.rows.find((r: { code: string }) => r.code === 'E001').cells.remark.value).toBe('不适用');
    // The same sheet in UTF-8 is the same file: nothing changes, and the batch says so.
    const again = await body(await send(cycleId, utf8('employee,remark\nE001,不适用\n')));
    expect(again).toMatchObject({ changed: 0, sha256: summary.sha256, sameAsBatchId: summary.batchId });
  });

  it('reports bytes that are neither UTF-8 nor GBK by their row instead of importing replacement characters', async () => {
    const { cycleId } = await openCycle(ctx());
    // A UTF-8 file (row 2 has 不适用 in UTF-8) whose row 4 has a cut-off UTF-8 character.
    const brokenUtf8 = new Uint8Array([...utf8('employee,remark\nE001,不适用\nE002,ok\nE003,'), 0xe4, 0xb8, ...utf8('\n')]);
    expect(await problems(await send(cycleId, brokenUtf8))).toEqual([{ row: 4, column: null, code: 'invalid_encoding', args: {} }]);
    // A GBK file whose row 3 has a lead byte followed by a line end.
    const brokenGbk = new Uint8Array([...utf8('employee,remark\nE001,'), ...GBK_BU_SHI_YONG, ...utf8('\nE002,'), 0x81, ...utf8('\n')]);
    expect(await problems(await send(cycleId, brokenGbk))).toEqual([{ row: 3, column: null, code: 'invalid_encoding', args: {} }]);
    const written = await ctx().db.selectFrom('inputs').select('employee_id').where('cycle_id', '=', cycleId).execute();
    expect(written).toEqual([]);
  });

  it('accepts "id" as the employee column, as the command line does', async () => {
    const { cycleId } = await openCycle(ctx());
    await expectStatus(await send(cycleId, 'id,complaints\nE001,2\n'), 200);
    const grid = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs`));
    expect(grid.rows.find((r: { code: string }) => r.code === 'E001').cells.complaints.value).toBe(2);
  });

  it('three concurrent imports of the same 1,000 employees in different orders all succeed, ending as one of them', async () => {
    const { cycleId } = await openCycle(ctx());
    const { db, fixture } = ctx();
    const prefix = uniqueKey('C');
    const codes = Array.from({ length: 1000 }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);
    await db
      .insertInto('employees')
      .values(codes.map((code) => ({ code, name: code, department_id: fixture.departments.cs, position_id: fixture.positions.agent, level: 'staff', manager_id: null, attributes: {}, active: true })))
      .execute();
    // File k gives every employee complaints = k and csat = 10·k, rows in its own order.
    const orders = [codes, [...codes].reverse(), codes.map((_, i) => codes[(i * 157) % codes.length])];
    const files = orders.map((order, k) => `employee,complaints,csat\n${order.map((c) => `${c},${k + 1},${10 * (k + 1)}`).join('\n')}\n`);
    const answers = await Promise.all(files.map((f) => send(cycleId, f)));
    for (const res of answers) await expectStatus(res, 200);
    const stored = await db.selectFrom('inputs as i').innerJoin('employees as e', 'e.id', 'i.employee_id').select(['e.code', 'i.input_key', 'i.value']).where('i.cycle_id', '=', cycleId).where('e.code', 'like', `${prefix}-%`).execute();
    expect(stored).toHaveLength(2000);
    // One serial order's end state: every value from the same (last) file.
    const winner = Number(stored.find((s) => s.input_key === 'complaints')!.value);
    expect([1, 2, 3]).toContain(winner);
    for (const s of stored) expect(s.value).toBe(s.input_key === 'complaints' ? winner : 10 * winner);
  });
});
