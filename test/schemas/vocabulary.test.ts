/**
 * The word lists of `schemas/vocabulary.ts` are the ones the database accepts and the API documents:
 * every listed status, period and role can be stored, and a word outside the lists is refused.
 */
import { beforeAll, expect, it } from 'vitest';
import { CYCLE_STATUSES, cycleStatusAllows, LOCALES, NEXT_CYCLE_STATUSES, PERIODS, ROLES } from '../../schemas/vocabulary.ts';
import { createApp } from '../../server/app.ts';
import { describeEachDatabase } from '../server/helpers/databases.ts';
import { refusal } from '../server/db/refusal.ts';
import { seedOrganisation, uniqueKey } from '../server/db/seed.ts';

it('lists the periods of the scheme format, the six statuses in lifecycle order, four roles and two languages', () => {
  expect(PERIODS).toEqual(['week', 'month', 'quarter', 'half-year', 'year', 'fiscal-year']);
  expect(CYCLE_STATUSES).toEqual(['open', 'collecting', 'evaluated', 'calibrated', 'published', 'closed']);
  expect(ROLES).toEqual(['hr', 'manager', 'auditor', 'employee']);
  expect(LOCALES).toEqual(['zh-CN', 'en']);
});

it('lets a cycle take inputs only before evaluation and show results to employees only once published', () => {
  expect(CYCLE_STATUSES.filter((s) => cycleStatusAllows(s, 'inputs'))).toEqual(['open', 'collecting']);
  expect(CYCLE_STATUSES.filter((s) => cycleStatusAllows(s, 'evaluation'))).toEqual(['open', 'collecting', 'evaluated']);
  expect(CYCLE_STATUSES.filter((s) => cycleStatusAllows(s, 'release'))).toEqual(['published', 'closed']);
  // Every hand transition leads to a known status, and nothing leaves a closed cycle.
  for (const next of Object.values(NEXT_CYCLE_STATUSES)) for (const s of next) expect(CYCLE_STATUSES).toContain(s);
  expect(NEXT_CYCLE_STATUSES.closed).toEqual([]);
});

describeEachDatabase('vocabulary in the database', (database) => {
  let userId: number;
  beforeAll(async () => {
    userId = (await seedOrganisation(database().db)).user.id;
  });

  it('stores a cycle in every status and period, and refuses any other word', async () => {
    const { db } = database();
    for (const [i, status] of CYCLE_STATUSES.entries()) {
      const period = PERIODS[i % PERIODS.length]!;
      await db.insertInto('cycles').values({ key: uniqueKey('c'), title: status, period, status, starts_on: '2026-01-01', ends_on: '2026-01-31', created_by: userId }).execute();
    }
    const status = await refusal(db.insertInto('cycles').values({ key: uniqueKey('c'), title: 'x', period: 'month', status: 'archived' as 'open', starts_on: '2026-01-01', ends_on: '2026-01-31', created_by: userId }).execute());
    expect(status.code).toBe('invalid_input');
    const period = await refusal(db.insertInto('cycles').values({ key: uniqueKey('c'), title: 'x', period: 'decade' as 'month', starts_on: '2026-01-01', ends_on: '2026-01-31', created_by: userId }).execute());
    expect(period.code).toBe('invalid_input');
  });

  it('stores a user in every role', async () => {
    const { db } = database();
    for (const role of ROLES) await db.insertInto('users').values({ username: uniqueKey(role), display_name: role, password_hash: null, role }).execute();
  });

  it('documents the same lists in the API reference', async () => {
    const app = createApp({ database: database() });
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { enum?: unknown }> } }> } }>> };
    const create = doc.paths['/api/cycles']!.post!.requestBody!.content['application/json']!.schema.properties;
    expect(create.period!.enum).toEqual([...PERIODS]);
  });
});
