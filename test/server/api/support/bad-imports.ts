/**
 * @module test/api/support/bad-imports
 * Deliberately bad imports sent through the real API, producing (nearly) every kind of import
 * problem: the import API test asserts their codes and args, the studio's message test checks
 * that its catalogue words each of them exactly as the server does.
 */
import type { Scheme } from '../../../../rules/index.ts';
import type { AppContext, FixtureUser } from '../../helpers/app.ts';
import { body, openCycle, publishedVersion, testScheme, uniqueKey } from './cycle-fixture.ts';

/** One problem as the API sends it. */
export interface SentProblem {
  row: number;
  column: string | null;
  message: string;
  code: string;
  args: Record<string, string | number>;
}

/** The problems of one refused import, and the table counts before and after it. */
export interface BadImport {
  name: string;
  status: number;
  problems: SentProblem[];
  written: boolean;
}

/** `testScheme` plus `level`, a rating on a three-point scale (the version engineering uses). */
function scaledScheme(): Scheme {
  const scheme = testScheme();
  return { ...scheme, inputs: { ...scheme.inputs, level: { type: 'rating', title: '职级评定', scale: { points: [{ value: 1 }, { value: 2 }, { value: 3 }] } } } };
}

/** A CSV whose header and rows have problems of every kind a CSV can have (see the comments). */
export function badCsv(inactive: string, unassessed: string): string {
  const long = 'x'.repeat(10_001);
  return [
    // row 1: "attitude" needs a column per rater group, "bonus" is unknown, column 11 has no name, "employee" twice
    'employee,complaints,csat,quality,on_time,remark,attitude.supervisor,attitude.peer,attitude,bonus,,employee,level',
    'E001,abc,101,D,maybe,,4;x,3,,,,,', //           2: not a number, above maximum, not an option, not yes/no, a rating not a number
    `E002,-1,50,A,yes,${long},4;7,,,,,,`, //          3: below minimum, text too long, a rating above maximum
    'E002,1,50,A,yes,,4,4,,,,,', //                   4: duplicate of row 3
    ',1,50,A,yes,,4,4,,,,,', //                       5: no employee code
    'CS99,1,50,A,yes,,4,4,,,,,', //                   6: unknown employee
    `${inactive},1,50,A,yes,,4,4,,,,,`, //            7: inactive employee
    `${unassessed},1,50,A,yes,,4,4,,,,,`, //          8: not assessed in the cycle
    'E003,1.5,50,A,yes,,4,4,,,,,2', //                9: not an integer; level is not an input of the customer-service version
    'E004,1,50,A,yes,,4,4,,,,,7', //                 10: not on the scale
    'E005,1,50', //                                  11: three cells, the header has 13
  ].join('\n');
}

/** JSON rows with typed values the declarations refuse. */
export const BAD_JSON_ROWS = [
  { employee: 'E001', inputs: { complaints: 'many', csat: -5, quality: 'Z', on_time: 'yes', remark: 5, attitude: { boss: [1] }, nope: 1 } },
  { employee: 'E002', inputs: { csat: 'high', attitude: { supervisor: [4, 9] } } },
  { employee: 'E003', inputs: { attitude: {} } },
  { employee: 'E004', inputs: { attitude: 5, level: '2' } },
  { employee: 'E005', inputs: { attitude: { supervisor: Array.from({ length: 501 }, () => 3) } } },
];

/**
 * Open a cycle (customer service on `testScheme`, engineering on `scaledScheme`), add an inactive
 * employee and one in a department without an assignment, then send every bad import.
 * @example const imports = await sendBadImports(ctx()); // [{ name: 'csv', status: 400, problems: [...], written: false }, ...]
 */
export async function sendBadImports(ctx: AppContext): Promise<BadImport[]> {
  const { db, fixture } = ctx;
  const cs = await publishedVersion(db, testScheme());
  const eng = await publishedVersion(db, scaledScheme());
  const { cycleId } = await openCycle(ctx, { assignments: [{ versionId: cs, departmentId: fixture.departments.cs }, { versionId: eng, departmentId: fixture.departments.eng }] });
  const ops = (await db.insertInto('departments').values({ key: uniqueKey('ops'), name: 'Operations', parent_id: null }).returning('id').executeTakeFirstOrThrow()).id;
  const position = (await db.insertInto('positions').values({ key: uniqueKey('clerk'), name: 'Clerk', department_id: ops }).returning('id').executeTakeFirstOrThrow()).id;
  const employee = async (code: string, active: boolean) => {
    await db.insertInto('employees').values({ code, name: code, department_id: active ? ops : fixture.departments.cs, position_id: active ? position : fixture.positions.agent, level: 'staff', manager_id: null, attributes: {}, active }).execute();
    return code;
  };
  const inactive = await employee(uniqueKey('GONE'), false);
  const unassessed = await employee(uniqueKey('OPS'), true);

  const count = async () => {
    const inputs = await db.selectFrom('inputs').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId).executeTakeFirstOrThrow();
    const batches = await db.selectFrom('import_batches').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId).executeTakeFirstOrThrow();
    return `${inputs.n}/${batches.n}`;
  };
  const csv = (text: string | Uint8Array, as: FixtureUser = 'hr') => ctx.as(as).send('POST', `/api/cycles/${cycleId}/import?filename=bad.csv`, text, { 'content-type': 'text/csv; charset=utf-8' });
  // Row 3 holds 0xFF, a byte no UTF-8 or GBK text has.
  const badBytes = new Uint8Array([...new TextEncoder().encode('employee,remark\nE001,ok\nE002,'), 0xff, ...new TextEncoder().encode('\n')]);
  const sends: Array<[string, () => Promise<Response>]> = [
    ['csv', () => csv(badCsv(inactive, unassessed))],
    ['json', () => ctx.as('hr').post(`/api/cycles/${cycleId}/import`, { rows: BAD_JSON_ROWS })],
    // E004 works in Engineering, `unassessed` in Operations: to the customer-service manager
    // both read like the code that does not exist.
    ['manager', () => csv(`employee,complaints\nE001,1\nE004,2\n${unassessed},1\nNOPE9,1\n`, 'manager')],
    ['bad bytes', () => csv(badBytes)],
    ['too many columns', () => csv(`employee,${Array.from({ length: 1000 }, (_, i) => `c${i}`).join(',')}\nE001,1\n`)],
    ['long cell', () => csv(`employee,remark\nE001,"${'x'.repeat(100_001)}"\n`)],
    ['too many rows', () => csv(`employee,complaints\n${'E001,1\n'.repeat(200_001)}`)],
    ['empty', () => csv('')],
    ['header only', () => csv('employee,complaints\n')],
    ['no employee column', () => csv('code,complaints\nE001,1\n')],
    ['unterminated quote', () => csv('employee,remark\nE001,"unterminated\n')],
    ['stray quote', () => csv('employee,remark\nE001,"say"so\n')],
  ];
  const out: BadImport[] = [];
  for (const [name, send] of sends) {
    const before = await count();
    const res = await send();
    const sent = await body(res);
    out.push({ name, status: res.status, problems: sent.error?.details?.errors ?? [], written: (await count()) !== before });
  }
  return out;
}
