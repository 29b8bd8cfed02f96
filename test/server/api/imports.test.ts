import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { writeInputs, type InputWrite } from '../../../server/services/cycles/inputs.ts';
import { inTransaction } from '../../../server/services/transaction.ts';
import { describeEachApp, type FixtureUser } from '../helpers/app.ts';
import { sendBadImports } from './support/bad-imports.ts';
import { body, evaluate, expectStatus, openCycle, validInputs } from './support/cycle-fixture.ts';

const GOOD_CSV = [
  'employee,complaints,csat,quality,on_time,remark,attitude.supervisor,attitude.peer',
  'E001,0,95.5%,良,yes,,5;5,4',
  'E002,2,88,A,是,"two lines,\nquoted",4,4;3',
  'E003,1,1,C,no,,3,',
  'E004,0,91,,true,,4;4;5,5',
  '',
  'E005,3,70,B,n,late,2,3',
  'E006,0,80,A,1,,4,4',
  '',
].join('\n');

describeEachApp('imports API', (ctx) => {
  const importCsv = (cycleId: number, text: string, as: FixtureUser = 'hr', filename = 'q3.csv') =>
    ctx().as(as).send('POST', `/api/cycles/${cycleId}/import?filename=${encodeURIComponent(filename)}`, text, { 'content-type': 'text/csv; charset=utf-8' });
  const counts = async (cycleId: number) => {
    const db = ctx().db;
    const n = (q: { executeTakeFirstOrThrow(): Promise<{ n: number }> }) => q.executeTakeFirstOrThrow().then((r) => r.n);
    return {
      inputs: await n(db.selectFrom('inputs').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId)),
      history: await n(db.selectFrom('input_history').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId)),
      batches: await n(db.selectFrom('import_batches').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId)),
      audit: await n(db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))),
    };
  };

  it('imports a CSV in one batch: typed cells, multi-rater columns, batch row and audit entry with the file hash', async () => {
    const { cycleId } = await openCycle(ctx());
    const res = await importCsv(cycleId, GOOD_CSV);
    await expectStatus(res, 200);
    const summary = await body(res);
    const sha256 = `sha256:${createHash('sha256').update(GOOD_CSV).digest('hex')}`;
    expect(summary).toEqual({ batchId: expect.stringMatching(/^\d+$/), rows: 6, values: 31, changed: 31, sha256, sameAsBatchId: null });
    const batch = await ctx().db.selectFrom('import_batches').selectAll().where('id', '=', Number(summary.batchId)).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ filename: 'q3.csv', format: 'csv', content_hash: sha256, row_count: 6, status: 'applied', created_by: ctx().fixture.users.hr });
    const audit = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'inputs.import').where('entity_id', '=', String(cycleId)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].payload).toMatchObject({ sha256, batchId: summary.batchId, rows: 6, values: 31 });

    const grid = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs`));
    const row = (code: string) => grid.rows.find((r: { code: string }) => r.code === code).cells;
    expect(row('E001').csat).toMatchObject({ value: 95.5, source: 'import', importBatchId: summary.batchId, enteredBy: 'hr' });
    expect(row('E001').quality.value).toBe('B'); // the option's label 良
    expect(row('E001').attitude.value).toEqual({ supervisor: [5, 5], peer: [4] });
    expect(row('E003').attitude.value).toEqual({ supervisor: [3] }); // empty group cell: no ratings
    expect(row('E002').remark.value).toBe('two lines,\nquoted');
    expect(row('E005').on_time.value).toBe(false);
    expect(row('E004').quality).toBeNull(); // empty cell: no value
  });

  it('accepts a byte-order mark, and importing the same file twice changes nothing', async () => {
    const { cycleId } = await openCycle(ctx());
    const first = await body(await importCsv(cycleId, `\uFEFF${GOOD_CSV}`));
    expect(first.rows).toBe(6);
    expect(first.sha256).toBe(`sha256:${createHash('sha256').update(GOOD_CSV).digest('hex')}`);
    const before = await counts(cycleId);
    const again = await body(await importCsv(cycleId, GOOD_CSV));
    expect(again).toMatchObject({ rows: 6, values: 31, changed: 0, sameAsBatchId: first.batchId });
    const after = await counts(cycleId);
    expect(after).toEqual({ ...before, batches: before.batches + 1, audit: before.audit + 1 });
    // who/when still point at the first import: the values did not change
    const cell = await ctx().db.selectFrom('inputs').select('import_batch_id').where('cycle_id', '=', cycleId).where('input_key', '=', 'csat').executeTakeFirstOrThrow();
    expect(String(cell.import_batch_id)).toBe(first.batchId);
  });

  it('reports every bad row and column (header = row 1) and writes nothing', async () => {
    const { cycleId } = await openCycle(ctx());
    await expectStatus(await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${ctx().fixture.employees.E006}`, { inputs: { complaints: 9 } }), 200);
    const before = await counts(cycleId);
    const csv = [
      'employee,complaints,csat,bonus,attitude.supervisor,attitude.boss',
      'E001,1,90,,4,', //                      2: fine apart from the header
      'E002,-1,101,,4;7,', //                  3: complaints and csat out of range, rating above 5
      'E999,1,90,,4,', //                      4: unknown employee
      'E001,1,90,,4,', //                      5: duplicate of row 2
      ',1,90,,4,', //                          6: no employee code
      'E003,lots,90,,4', //                    7: not a number; one cell short
      '',
      'E004,0,NaN%,,4,', //                    9: not a number
    ].join('\r\n');
    const res = await importCsv(cycleId, csv);
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^The import has 11 problem\(s\); nothing was imported\. First: row 1, column bonus/);
    expect(error.details.errors.map((x: { row: number; column: string | null }) => [x.row, x.column])).toEqual([
      [1, 'bonus'],
      [1, 'attitude.boss'],
      [3, 'complaints'],
      [3, 'csat'],
      [3, 'attitude.supervisor'],
      [4, 'employee'],
      [5, 'employee'],
      [6, 'employee'],
      [7, null],
      [7, 'complaints'],
      [9, 'csat'],
    ]);
    const messages = error.details.errors.map((x: { message: string }) => x.message);
    expect(messages).toContain('employee E001 already appears in row 2');
    expect(messages).toContain('unknown employee code E999');
    expect(messages).toContain('"-1": must be >= 0');
    expect(messages).toContain('"4;7": must be <= 5');
    expect(messages).toContain('has 5 cell(s); the header has 6');
    // Row problems name the row's employee code; the header's and a row without a code do not.
    const employeeOf = (row: number, column: string | null) => error.details.errors.find((x: { row: number; column: string | null }) => x.row === row && x.column === column).employee;
    expect([employeeOf(1, 'bonus'), employeeOf(4, 'employee'), employeeOf(6, 'employee'), employeeOf(7, 'complaints'), employeeOf(9, 'csat')]).toEqual([undefined, 'E999', undefined, 'E003', 'E004']);
    expect(error.details.errors).toContainEqual({ row: 3, column: 'complaints', employee: 'E002', message: '"-1": must be >= 0', code: 'below_minimum', args: { input: 'complaints', title: 'Complaints', cell: '-1', limit: 0 } });
    expect(await counts(cycleId)).toEqual(before);
  });

  it('gives every problem a stable code and the args its message was filled with, beside the English message, and writes nothing', async () => {
    const imports = () => ctx().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'inputs.import').executeTakeFirstOrThrow();
    const auditBefore = await imports();
    const sent = await sendBadImports(ctx());
    // No input, batch or audit entry: every file was refused as a whole.
    for (const { name, status, written } of sent) expect({ name, status, written }).toEqual({ name, status: 400, written: false });
    expect(await imports()).toEqual(auditBefore);
    const by = (name: string) => sent.find((s) => s.name === name)!.problems;
    const coded = (name: string) => by(name).map(({ row, column, code, args }) => ({ row, column, code, args }));
    const any = expect.any(String);
    expect(coded('csv')).toEqual([
      { row: 1, column: 'attitude', code: 'multi_rater_column', args: { column: 'attitude', columns: 'attitude.supervisor, attitude.peer' } },
      { row: 1, column: 'bonus', code: 'unknown_column', args: { column: 'bonus', columns: 'attitude.peer, attitude.supervisor, complaints, csat, level, on_time, quality, remark' } },
      { row: 1, column: '#11', code: 'unnamed_column', args: { position: 11 } },
      { row: 1, column: 'employee', code: 'duplicate_column', args: { column: 'employee' } },
      { row: 2, column: 'complaints', code: 'not_a_number', args: { input: 'complaints', title: 'Complaints', cell: 'abc' } },
      { row: 2, column: 'quality', code: 'unknown_option', args: { input: 'quality', cell: 'D', options: 'A, B, C' } },
      { row: 2, column: 'on_time', code: 'not_yes_no', args: { input: 'on_time', cell: 'maybe' } },
      { row: 2, column: 'attitude.supervisor', code: 'not_a_number', args: { input: 'attitude', cell: 'x', raterGroup: 'supervisor' } },
      { row: 2, column: 'csat', code: 'above_maximum', args: { input: 'csat', cell: '101', limit: 100 } },
      { row: 3, column: 'complaints', code: 'below_minimum', args: { input: 'complaints', title: 'Complaints', cell: '-1', limit: 0 } },
      { row: 3, column: 'remark', code: 'text_too_long', args: { input: 'remark', cell: 'x'.repeat(10_001), limit: 10_000 } },
      { row: 3, column: 'attitude.supervisor', code: 'above_maximum', args: { input: 'attitude', cell: '4;7', raterGroup: 'supervisor', limit: 5 } },
      { row: 4, column: 'employee', code: 'employee_duplicate', args: { employee: 'E002', firstRow: 3 } },
      { row: 5, column: 'employee', code: 'employee_missing', args: {} },
      { row: 6, column: 'employee', code: 'employee_unknown', args: { employee: 'CS99' } },
      { row: 7, column: 'employee', code: 'employee_inactive', args: { employee: expect.stringMatching(/^GONE-/) } },
      { row: 8, column: 'employee', code: 'employee_not_assessed', args: { employee: expect.stringMatching(/^OPS-/), cycle: expect.stringMatching(/^cycle-/) } },
      { row: 9, column: 'level', code: 'column_not_in_version', args: { column: 'level', scheme: any, version: 1, employee: 'E003' } },
      { row: 9, column: 'complaints', code: 'must_be_integer', args: { input: 'complaints', title: 'Complaints', cell: '1.5' } },
      { row: 10, column: 'level', code: 'must_be_scale_point', args: { input: 'level', title: '职级评定', cell: '7', points: '1, 2, 3' } },
      { row: 11, column: null, code: 'cell_count', args: { cells: 3, expected: 13 } },
    ]);
    expect(by('csv')[9].message).toBe('"-1": must be >= 0'); // the English message is unchanged
    expect(coded('json')).toEqual([
      { row: 1, column: 'complaints', code: 'must_be_integer', args: { input: 'complaints', title: 'Complaints', value: '"many"' } },
      { row: 1, column: 'csat', code: 'below_minimum', args: { input: 'csat', value: '-5', limit: 0 } },
      { row: 1, column: 'quality', code: 'must_be_option', args: { input: 'quality', value: '"Z"', options: '"A", "B", "C"' } },
      { row: 1, column: 'on_time', code: 'must_be_boolean', args: { input: 'on_time', value: '"yes"' } },
      { row: 1, column: 'remark', code: 'must_be_text', args: { input: 'remark', value: '5' } },
      { row: 1, column: 'attitude', code: 'unknown_rater_group', args: { input: 'attitude', value: '{"boss":[1]}', group: 'boss' } },
      { row: 1, column: 'nope', code: 'not_an_input', args: { input: 'nope', scheme: any } },
      { row: 2, column: 'csat', code: 'must_be_number', args: { input: 'csat', value: '"high"' } },
      { row: 2, column: 'attitude', code: 'above_maximum', args: { input: 'attitude', value: '{"supervisor":[4,9]}', where: 'supervisor.1', limit: 5 } },
      { row: 3, column: 'attitude', code: 'no_ratings', args: { input: 'attitude', value: '{}', limit: 1 } },
      { row: 4, column: 'attitude', code: 'must_be_ratings', args: { input: 'attitude', value: '5', type: 'object' } },
      { row: 4, column: 'level', code: 'must_be_scale_point', args: { input: 'level', title: '职级评定', value: '"2"', points: '1, 2, 3' } },
      { row: 5, column: 'attitude', code: 'too_many_ratings', args: { input: 'attitude', value: any, where: 'supervisor', limit: 500 } },
    ]);
    expect(coded('manager')).toEqual([
      { row: 3, column: 'employee', code: 'employee_unknown', args: { employee: 'E004' } },
      { row: 4, column: 'employee', code: 'employee_unknown', args: { employee: expect.stringMatching(/^OPS/) } },
      { row: 5, column: 'employee', code: 'employee_unknown', args: { employee: 'NOPE9' } },
    ]);
    expect(coded('bad bytes')).toEqual([{ row: 3, column: null, code: 'invalid_encoding', args: {} }]);
    expect(coded('too many columns')).toEqual([{ row: 1, column: null, code: 'too_many_columns', args: { limit: 1000 } }]);
    expect(coded('long cell')).toEqual([{ row: 2, column: null, code: 'cell_too_long', args: { limit: 100_000, position: 2 } }]);
    expect(coded('too many rows')).toEqual([{ row: 200_002, column: null, code: 'too_many_rows', args: { limit: 200_000 } }]);
    expect(coded('empty')).toEqual([{ row: 1, column: null, code: 'empty_file', args: {} }]);
    expect(coded('header only')).toEqual([{ row: 2, column: null, code: 'no_rows', args: {} }]);
    expect(coded('no employee column').map((p) => p.code)).toEqual(['no_employee_column', 'unknown_column', 'employee_missing']);
    expect(coded('unterminated quote')).toEqual([{ row: 2, column: null, code: 'invalid_csv', args: { reason: expect.stringMatching(/^Quote Not Closed/), parserCode: 'CSV_QUOTE_NOT_CLOSED' } }]);
    expect(coded('stray quote')[0]).toMatchObject({ code: 'invalid_csv', args: { parserCode: 'CSV_INVALID_CLOSING_QUOTE' } });
  });

  it('a manager importing another department’s employee gets the same row error as for an unknown code; own department imports', async () => {
    const { cycleId } = await openCycle(ctx());
    const res = await importCsv(cycleId, 'employee,complaints\nE001,1\nE004,2\nE005,3\nNOPE9,4\n', 'manager');
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.details.errors).toEqual([
      { row: 3, column: 'employee', employee: 'E004', message: 'unknown employee code E004', code: 'employee_unknown', args: { employee: 'E004' } },
      { row: 4, column: 'employee', employee: 'E005', message: 'unknown employee code E005', code: 'employee_unknown', args: { employee: 'E005' } },
      { row: 5, column: 'employee', employee: 'NOPE9', message: 'unknown employee code NOPE9', code: 'employee_unknown', args: { employee: 'NOPE9' } },
    ]);
    expect(JSON.stringify(error)).not.toMatch(/Engineering|department/);
    expect((await counts(cycleId)).inputs).toBe(0);
    await expectStatus(await importCsv(cycleId, 'employee,complaints\nE001,1\nE002,2\n', 'manager'), 200);
    expect((await counts(cycleId)).inputs).toBe(2);
    expect((await importCsv(cycleId, 'employee,complaints\nE001,1\n', 'auditor')).status).toBe(403);
  });

  it('a re-import with one changed cell changes one value and writes exactly one history row', async () => {
    const { cycleId } = await openCycle(ctx());
    await expectStatus(await importCsv(cycleId, GOOD_CSV), 200);
    const before = await counts(cycleId);
    const edited = GOOD_CSV.replace('E003,1,1,C,no,,3,', 'E003,2,1,C,no,,3,');
    expect(edited).not.toBe(GOOD_CSV);
    const second = await body(await importCsv(cycleId, edited, 'hr', 'q3-fixed.csv'));
    expect(second).toMatchObject({ rows: 6, values: 31, changed: 1, sameAsBatchId: null });
    expect(await counts(cycleId)).toEqual({ inputs: before.inputs, history: before.history + 1, batches: before.batches + 1, audit: before.audit + 1 });
    const history = await ctx().db.selectFrom('input_history').selectAll().where('cycle_id', '=', cycleId).where('import_batch_id', '=', Number(second.batchId)).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ employee_id: ctx().fixture.employees.E003, input_key: 'complaints', operation: 'update', old_value: 1, new_value: 2, source: 'import', entered_by: ctx().fixture.users.hr });
    // Only the changed cell now points at the second batch.
    const moved = await ctx().db.selectFrom('inputs').select(['employee_id', 'input_key']).where('cycle_id', '=', cycleId).where('import_batch_id', '=', Number(second.batchId)).execute();
    expect(moved).toEqual([{ employee_id: ctx().fixture.employees.E003, input_key: 'complaints' }]);
  });

  it('stores and reads back the same values with the same JSON types on every driver', async () => {
    const { cycleId } = await openCycle(ctx());
    const typed = {
      complaints: 0,
      csat: 95.25,
      quality: 'C',
      on_time: false,
      remark: '行 "quoted", \\ back\nslash 😀',
      attitude: { supervisor: [1, 5], peer: [2.5] },
    };
    const ok = await ctx().as('hr').post(`/api/cycles/${cycleId}/import?filename=types.json`, { rows: [{ employee: 'E001', inputs: typed }] });
    await expectStatus(ok, 200);
    const { batchId } = await body(ok);
    const csv = await importCsv(cycleId, 'employee,complaints,csat,on_time,attitude.supervisor,attitude.peer\nE002,3,88.5%,是,4;5,1\n');
    await expectStatus(csv, 200);
    const stored = await ctx().db.selectFrom('inputs').select(['employee_id', 'input_key', 'value']).where('cycle_id', '=', cycleId).execute();
    const of = (code: string) => Object.fromEntries(stored.filter((r) => r.employee_id === ctx().fixture.employees[code]).map((r) => [r.input_key, r.value]));
    expect(of('E001')).toStrictEqual(typed);
    expect(of('E002')).toStrictEqual({ complaints: 3, csat: 88.5, on_time: true, attitude: { supervisor: [4, 5], peer: [1] } });
    const history = await ctx().db.selectFrom('input_history').select(['input_key', 'new_value']).where('import_batch_id', '=', Number(batchId)).execute();
    expect(Object.fromEntries(history.map((h) => [h.input_key, h.new_value]))).toStrictEqual(typed);
    const grid = await body(await ctx().as('hr').get(`/api/cycles/${cycleId}/inputs?employee=${ctx().fixture.employees.E001}`));
    expect(Object.fromEntries(Object.entries(grid.rows[0].cells as Record<string, { value: unknown }>).map(([k, c]) => [k, c.value]))).toStrictEqual(typed);
  });

  it('writes more values than one statement carries in one transaction: a bad value in the last chunk leaves nothing behind', async () => {
    const { cycleId } = await openCycle(ctx());
    const employeeId = ctx().fixture.employees.E001;
    // Keys the scheme does not declare are fine here: the write path stores what it is given.
    const many: InputWrite[] = Array.from({ length: 5001 }, (_, i) => ({ employeeId, key: `k${i}`, value: i }));
    const meta = { source: 'manual' as const, userId: ctx().fixture.users.hr };
    const failed = inTransaction(ctx().db, (trx) => writeInputs(trx, cycleId, [...many, { employeeId: -1, key: 'k0', value: 1 }], meta));
    await expect(failed).rejects.toThrow();
    expect(await counts(cycleId)).toMatchObject({ inputs: 0, history: 0 });
    expect(await inTransaction(ctx().db, (trx) => writeInputs(trx, cycleId, many, meta))).toBe(5001);
    expect(await counts(cycleId)).toMatchObject({ inputs: 5001, history: 5001 });
    const changedOne = many.map((w) => (w.key === 'k5000' ? { ...w, value: 'changed' } : w));
    expect(await inTransaction(ctx().db, (trx) => writeInputs(trx, cycleId, changedOne, meta))).toBe(1);
    expect(await counts(cycleId)).toMatchObject({ inputs: 5001, history: 5002 });
  });

  it('imports JSON rows with typed values (rows counted from 1) and leaves missing values alone', async () => {
    const { cycleId } = await openCycle(ctx());
    await expectStatus(await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${ctx().fixture.employees.E002}`, { inputs: { remark: 'keep me' } }), 200);
    const rows = ['E001', 'E002'].map((employee, i) => ({ employee, inputs: { ...validInputs(i), remark: null } }));
    const ok = await ctx().as('hr').post(`/api/cycles/${cycleId}/import?filename=push.json`, { rows });
    await expectStatus(ok, 200);
    expect(await body(ok)).toMatchObject({ rows: 2, values: 10 });
    const kept = await ctx().db.selectFrom('inputs').select('value').where('cycle_id', '=', cycleId).where('input_key', '=', 'remark').executeTakeFirstOrThrow();
    expect(kept.value).toBe('keep me');
    const bad = await ctx().as('hr').post(`/api/cycles/${cycleId}/import`, { rows: [{ employee: 'E001', inputs: { complaints: 1 } }, { employee: 'E003', inputs: { complaints: 'many', nope: 1 } }] });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.details.errors).toEqual([
      { row: 2, column: 'complaints', employee: 'E003', message: '"many": must be integer', code: 'must_be_integer', args: { input: 'complaints', title: 'Complaints', value: '"many"' } },
      { row: 2, column: 'nope', employee: 'E003', message: expect.stringMatching(/"nope" is not an input of scheme/), code: 'not_an_input', args: { input: 'nope', scheme: expect.any(String) } },
    ]);
  });

  it('refuses imports the cycle cannot take (409), other content types and empty files (400)', async () => {
    const empty = await openCycle(ctx(), { assignments: [] });
    expect((await importCsv(empty.cycleId, 'employee,complaints\nE001,1\n')).status).toBe(409);
    const { cycleId, key } = await openCycle(ctx());
    const text = await ctx().as('hr').send('POST', `/api/cycles/${cycleId}/import`, 'employee\tcomplaints', { 'content-type': 'text/plain' });
    expect(text.status).toBe(400);
    const nothing = await importCsv(cycleId, '');
    expect(nothing.status).toBe(400);
    expect((await body(nothing)).error.details.errors[0]).toMatchObject({ row: 1 });
    const headerOnly = await importCsv(cycleId, 'employee,complaints\n');
    expect(headerOnly.status).toBe(400);
    expect((await body(headerOnly)).error.details.errors).toEqual([{ row: 2, column: null, message: 'there are no data rows to import', code: 'no_rows', args: {} }]);
    const broken = await importCsv(cycleId, 'employee,remark\nE001,"unterminated\n');
    expect(broken.status).toBe(400);
    expect((await body(broken)).error.details.errors[0].message).toMatch(/not valid CSV/);
    for (const [i, code] of Object.keys(ctx().fixture.employees).entries()) {
      await expectStatus(await ctx().as('hr').put(`/api/cycles/${cycleId}/inputs/${ctx().fixture.employees[code]}`, { inputs: validInputs(i) }), 200);
    }
    await evaluate(ctx(), cycleId);
    const late = await importCsv(cycleId, 'employee,complaints\nE001,1\n');
    expect(late.status).toBe(409);
    expect((await body(late)).error.message).toBe(`Cycle ${key} is evaluated; only open or collecting cycles can take input values.`);
  });
});
