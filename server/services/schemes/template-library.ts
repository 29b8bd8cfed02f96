/**
 * @module services/schemes/template-library
 * HR's template library as the gallery shows it: every template scheme with its current
 * (newest published) version and the description that version's document gives. Templates with
 * no published version yet are listed too (`currentVersion: null`); they cannot be cloned until
 * HR publishes one.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { listSchemes } from './schemes.ts';

/**
 * The template gallery.
 * @example
 * await listTemplates(db, manager)
 * // { items: [{ id: '4', key: 'property-services', title: '…', description: '…', currentVersion: { number: 1, … } }] }
 */
export async function listTemplates(db: Kysely<DB>, user: CurrentUser) {
  const { items } = await listSchemes(db, user, { template: true });
  const versionIds = items.map((t) => t.currentVersion?.id ?? t.latestVersion?.id).filter((v): v is string => v !== undefined).map(Number);
  const texts = versionIds.length
    ? await db
        .selectFrom('scheme_versions')
        .select(['id', sql<string | null>`document->>'description'`.as('description'), sql<string | null>`document->>'title'`.as('documentTitle')])
        .where('id', 'in', versionIds)
        .execute()
    : [];
  const byVersion = new Map(texts.map((t) => [String(t.id), t]));
  return {
    items: items.map((t) => {
      const text = byVersion.get(t.currentVersion?.id ?? t.latestVersion?.id ?? '');
      return { ...t, documentTitle: text?.documentTitle ?? null, description: text?.description ?? null };
    }),
  };
}
