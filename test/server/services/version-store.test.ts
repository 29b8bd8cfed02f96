/**
 * The server's one store of compiled scheme documents: a content hash is parsed and compiled
 * once, whoever asks (evaluation, explain, reproduce, preview), and a broken document keeps its
 * issues so it is not validated again.
 */
import { expect, it } from 'vitest';
import { templates } from '../../../rules/templates/index.ts';
import { compiledDocument, compiledIfKnown, versionStoreStats } from '../../../server/services/schemes/version-store.ts';

const scheme = templates[0]!.scheme;

it('compiles a document once per content hash and hands every caller the same entry', () => {
  const hash = `sha256:${'1'.repeat(64)}`;
  expect(compiledIfKnown(hash)).toBeUndefined();
  const first = compiledDocument(hash, scheme);
  const before = versionStoreStats().hits;
  const again = compiledDocument(hash, { key: 'ignored: the hash names the document' });
  expect(again).toBe(first);
  expect(compiledIfKnown(hash)).toBe(first);
  expect(versionStoreStats().hits).toBe(before + 2);
  expect(first.ok && first.compiled.scheme.key).toBe(scheme.key);
});

it('keeps the issues of a document that does not parse', () => {
  const hash = `sha256:${'2'.repeat(64)}`;
  const entry = compiledDocument(hash, { key: 'broken' });
  expect(entry.ok).toBe(false);
  expect(!entry.ok && entry.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['title', 'period', 'inputs']));
  expect(compiledDocument(hash, scheme)).toBe(entry);
});

it('does not let rules code change the document a caller holds', () => {
  const document = structuredClone(scheme);
  const entry = compiledDocument(`sha256:${'3'.repeat(64)}`, document);
  expect(entry.ok && entry.scheme).not.toBe(document);
});
