/**
 * @module services/evaluation/results-tree
 * A Merkle tree over the results one evaluation wrote, so one employee can check that their
 * result is among those the audit log recorded without seeing anyone else's: the root goes into
 * the `evaluation.results` audit entry, and an evidence pack carries the path from the
 * employee's leaf to it (sibling hashes only, which say nothing about other results).
 *
 * ```text
 * leaf = hex(sha256(utf8(<employee code> + " " + <result hash>)))   leaves sorted by code (UTF-16 code units)
 * node = hex(sha256(utf8(<left child hex> + <right child hex>)))
 * ```
 * Each level pairs nodes left to right; a last node without a partner moves up unchanged. The
 * root of one leaf is that leaf.
 */
import { sha256Hex } from '../../../rules/hash.ts';

/** One step of a path: the sibling's hash and which side it is on. */
export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

/**
 * The leaf of one result.
 * @example resultsLeaf('E003', 'sha256:ab…') // sha256Hex('E003 sha256:ab…')
 */
export function resultsLeaf(code: string, resultHash: string): string {
  return sha256Hex(`${code} ${resultHash}`);
}

/**
 * Build the tree; returns its root and a function giving the path of an employee code.
 * @example
 * const tree = resultsTree([{ code: 'E001', hash: 'sha256:…' }, { code: 'E002', hash: 'sha256:…' }]);
 * rootFromProof(resultsLeaf('E001', 'sha256:…'), tree.proof('E001')!) === tree.root // true
 */
export function resultsTree(rows: ReadonlyArray<{ code: string; hash: string }>): { root: string; proof(code: string): ProofStep[] | null } {
  const sorted = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const levels: string[][] = [sorted.map((r) => resultsLeaf(r.code, r.hash))];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const up: string[] = [];
    for (let i = 0; i < below.length; i += 2) up.push(i + 1 < below.length ? sha256Hex(below[i]! + below[i + 1]!) : below[i]!);
    levels.push(up);
  }
  const index = new Map(sorted.map((r, i) => [r.code, i]));
  return {
    root: levels[levels.length - 1]![0] ?? sha256Hex(''),
    proof(code) {
      let i = index.get(code);
      if (i === undefined) return null;
      const steps: ProofStep[] = [];
      for (const level of levels.slice(0, -1)) {
        const sibling = i % 2 === 0 ? i + 1 : i - 1;
        if (sibling < level.length) steps.push({ side: i % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
        i = Math.floor(i / 2);
      }
      return steps;
    },
  };
}

/**
 * Fold a path up from a leaf; equals the root when the leaf is in the tree.
 * @example rootFromProof(leaf, [{ side: 'right', hash: 'ab…' }]) // sha256Hex(leaf + 'ab…')
 */
export function rootFromProof(leaf: string, steps: readonly ProofStep[]): string {
  return steps.reduce((node, s) => (s.side === 'left' ? sha256Hex(s.hash + node) : sha256Hex(node + s.hash)), leaf);
}
