/**
 * @module native-hash
 * Imported for its effect: `rules/hash.ts` computes SHA-256 with Node's native digest on the
 * server (about 6× faster than the pure-JS default on result-sized texts; every stored result is
 * hashed). The digests are identical (test/rules/hash-vectors.test.ts), so nothing depends on
 * whether this module has been loaded, only speed.
 *
 * @example
 * import '../native-hash.ts';
 */
import { createHash } from 'node:crypto';
import { useNativeSha256 } from '../rules/hash.ts';

useNativeSha256((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
