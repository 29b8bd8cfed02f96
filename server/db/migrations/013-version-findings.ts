/**
 * @module 013-version-findings
 * The findings of a published scheme document, computed once when it is published and stored,
 * keyed by the document's content hash. Published documents never change, so reading a version
 * no longer parses and analyses it again; two versions with the same document share one row.
 * Versions published before this migration have no row yet: the first read computes and stores
 * it (`services/schemes/version-findings.ts`), so nothing is back-filled here and old rows stay as they are.
 * A row records what analysis said of the document when it was published, so it is append-only
 * like the other records (UPDATE, DELETE and TRUNCATE raise SQLSTATE `YS002`).
 */
import type { Kysely, Migration } from 'kysely';
import { runSql } from './run-sql.ts';

export const versionFindings: Migration = {
  async up(db: Kysely<unknown>) {
    await runSql(db, [
      `create table version_findings (
        content_hash text primary key check (content_hash ~ '^sha256:[0-9a-f]{64}$'),
        findings jsonb not null check (jsonb_typeof(findings) = 'array'),
        created_at timestamptz not null default now()
      )`,
      `create trigger version_findings_append_only before update or delete on version_findings
        for each row execute function append_only_guard()`,
      `create trigger version_findings_no_truncate before truncate on version_findings
        for each statement execute function append_only_guard()`,
    ]);
  },
};
