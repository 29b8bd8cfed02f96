/**
 * Start-up with two roles: `DATABASE_OWNER_URL` migrates and grants, `DATABASE_URL` is what the
 * server then works as (README, "Database roles"); and the configuration refuses what cannot work.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../server/config.ts';
import { migrations } from '../../../server/db/migrations/index.ts';
import { openConfigured } from '../../../server/db/open-configured.ts';
import { currentRole } from '../../../server/db/roles.ts';

describe('configuration of the two roles', () => {
  it('reads DATABASE_OWNER_URL and refuses it without DATABASE_URL or with a bad scheme', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://app@db/y', DATABASE_OWNER_URL: 'postgres://owner@db/y' }).databaseOwnerUrl).toBe('postgres://owner@db/y');
    expect(readConfig({}).databaseOwnerUrl).toBeUndefined();
    expect(() => readConfig({ DATABASE_OWNER_URL: 'postgres://owner@db/y' })).toThrow('DATABASE_OWNER_URL is set but DATABASE_URL is not');
    expect(() => readConfig({ DATABASE_URL: 'postgres://app@db/y', DATABASE_OWNER_URL: 'mysql://owner@db/y' })).toThrow('DATABASE_OWNER_URL must start with postgres://');
  });
});

const admin = process.env.TEST_DATABASE_URL;
const owner = process.env.TEST_DATABASE_OWNER_URL;
const app = process.env.TEST_DATABASE_APP_URL;

describe.runIf((admin && owner && app) || process.env.CI)('start-up as owner and application role [postgres]', () => {
  it('migrates as the owner, then works as the application role, which may write but not rewrite', async () => {
    expect(admin && owner && app, 'CI must set TEST_DATABASE_URL, TEST_DATABASE_OWNER_URL and TEST_DATABASE_APP_URL (see .ci/run)').toBeTruthy();
    const schema = `ys_start_${randomBytes(4).toString('hex')}`;
    const scoped = (url: string) => {
      const u = new URL(url);
      u.searchParams.set('search_path', schema);
      return u.toString();
    };
    const root = postgres(admin!, { max: 1, onnotice: () => {} });
    await root.unsafe(`create schema "${schema}" authorization "${decodeURIComponent(new URL(owner!).username)}"`);
    try {
      const { database, applied } = await openConfigured({ databaseUrl: scoped(app!), databaseOwnerUrl: scoped(owner!), dataDir: '' });
      try {
        expect(applied).toEqual(Object.keys(migrations).sort());
        expect(await currentRole(database.db)).toBe(decodeURIComponent(new URL(app!).username));
        await database.db.insertInto('departments').values({ key: 'cs', name: 'Customer service', parent_id: null }).execute();
        const err = await sql`truncate departments cascade`.execute(database.db).then(() => null, (e: { code?: string }) => e);
        expect(err?.code).toBe('42501');
      } finally {
        await database.close();
      }
      // A second start migrates nothing and grants again without complaint.
      const again = await openConfigured({ databaseUrl: scoped(app!), databaseOwnerUrl: scoped(owner!), dataDir: '' });
      expect(again.applied).toEqual([]);
      await again.database.close();
      // The same role for both is refused: the application role must own nothing.
      await expect(openConfigured({ databaseUrl: scoped(owner!), databaseOwnerUrl: scoped(owner!), dataDir: '' })).rejects.toThrow('the application role must be a different role that owns no table');
    } finally {
      await root.unsafe(`drop schema "${schema}" cascade`);
      await root.end();
    }
  });
});
