import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { isYardstickError } from '../../../rules/errors.ts';
import { openDatabase } from '../../../server/db/database.ts';
import { toYardstickError } from '../../../server/db/errors.ts';
import { json } from '../../../server/db/json.ts';
import { describeEachDatabase, ownerOf } from '../helpers/databases.ts';
import { seedOrganisation } from './seed.ts';

describeEachDatabase('driver types', (database) => {
  beforeAll(async () => {
    await sql`create table json_probe (id integer primary key, v jsonb)`.execute(ownerOf(database()).db);
  });

  it('count(*) is a number', async () => {
    const { db } = ownerOf(database());
    await seedOrganisation(db);
    const row = await db.selectFrom('departments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(row.n).toBe(1);
    const raw = await sql<{ n: unknown }>`select count(*) as n from departments`.execute(db);
    expect(raw.rows[0]!.n).toBe(1);
  });

  it('int8 ids and sums are numbers, numeric is a number, date is YYYY-MM-DD, timestamptz is a Date', async () => {
    const { db } = ownerOf(database());
    const { rows } = await sql<Record<string, unknown>>`
      select 9007199254740991::int8 as big, sum(x)::int8 as total, 2.5::numeric as num, avg(x) as mean,
             '2026-03-31'::date as day, now() as ts
      from (values (1), (2)) as t (x)`.execute(db);
    expect(rows[0]).toEqual({ big: 9007199254740991, total: 3, num: 2.5, mean: 1.5, day: '2026-03-31', ts: expect.any(Date) });
    const department = await db.selectFrom('departments').select(['id', 'created_at']).executeTakeFirstOrThrow();
    expect(typeof department.id).toBe('number');
    expect(department.created_at).toBeInstanceOf(Date);
  });

  it('writes a date from a string or a Date as the same calendar day', async () => {
    const { db } = ownerOf(database());
    const a = await db
      .insertInto('cycles')
      .values({ key: 'q1', title: 'Q1', period: 'quarter', starts_on: '2026-01-01', ends_on: '2026-03-31' })
      .returning(['starts_on', 'ends_on'])
      .executeTakeFirstOrThrow();
    expect(a).toEqual({ starts_on: '2026-01-01', ends_on: '2026-03-31' });
    const { rows } = await sql<{ day: string }>`select ${new Date('2026-06-30T00:00:00Z')}::date as day`.execute(db);
    expect(rows[0]!.day).toBe('2026-06-30');
  });

  it('stores every JSON value through json(), strings and booleans included', async () => {
    const { db } = ownerOf(database());
    const values = ['A', '{"a":1}', true, [true, 1], 0, 1.25, null, { a: [1, 'x', null], b: { c: false } }, []];
    for (const [i, v] of values.entries()) await sql`insert into json_probe values (${i}, ${json(v)})`.execute(db);
    const { rows } = await sql<{ v: unknown; t: string }>`select v, jsonb_typeof(v) as t from json_probe order by id`.execute(db);
    expect(rows.map((r) => r.v)).toEqual(values);
    expect(rows[0]!.t).toBe('string');
    expect(rows[1]!.t).toBe('string');
  });

  it('reports an unexpected database error as internal, with the driver error only as cause', async () => {
    const { db } = ownerOf(database());
    const raw = await sql`selec 1`.execute(db).catch((e: unknown) => e);
    const err = toYardstickError(raw);
    expect(err).toMatchObject({ code: 'internal', status: 500, details: { sqlState: '42601' } });
    expect(err.cause).toBe(raw);
  });

  it('stores bare objects, arrays and strings alike on both drivers', async () => {
    const { db } = ownerOf(database());
    await sql`delete from json_probe`.execute(db);
    const values = [{ a: 1 }, [1, 'x'], 'A', '{"a":1}', 5];
    for (const [i, v] of values.entries()) await sql`insert into json_probe values (${i}, ${v})`.execute(db);
    const { rows } = await sql<{ v: unknown }>`select v from json_probe order by id`.execute(db);
    expect(rows.map((r) => r.v)).toEqual(values);
  });
});

describe('openDatabase', () => {
  it('refuses options that name no database', async () => {
    const err = await openDatabase({}).catch((e: unknown) => e);
    expect(isYardstickError(err) && err.code).toBe('invalid_argument');
  });
});
