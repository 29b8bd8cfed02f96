/**
 * @module 2-analyze/band-coverage
 * Where a set of bands (intervals with inclusive or exclusive edges) leaves gaps or overlaps
 * on the number line. Used for grading bands and for the rows of `band` tables inside rules.
 *
 * Method: the distinct finite edges v1 < … < vn cut the line into 2n+1 pieces — the open
 * stretches (−∞, v1), (v1, v2), …, (vn, +∞) and the single points v1 … vn. Each band covers a
 * contiguous run of whole pieces, so sweeping the pieces while tracking which bands are open
 * finds every gap (no band) and overlap (2+ bands) exactly, edges included.
 */
import type { RangeText } from './codes.ts';

/** A band: `null` edges are unbounded. */
export interface Interval {
  min: number | null;
  max: number | null;
  includeMin: boolean;
  includeMax: boolean;
}

/** One end of a stretch: the edge value and whether the stretch contains it. */
export interface Bound {
  value: number;
  included: boolean;
}

/** A stretch of the number line; a missing end is unbounded. */
export interface Stretch {
  from?: Bound;
  to?: Bound;
}

export interface Coverage {
  gaps: Stretch[];
  /** `bands` are indices into the input, ascending. */
  overlaps: { bands: number[]; stretch: Stretch }[];
  /** Indices of bands that cover nothing (min above max, or equal edges not both included). */
  empty: number[];
}

/**
 * Find gaps, overlaps and empty bands.
 * @example
 * coverage([{ min: 95, max: 100, includeMin: true, includeMax: true }, { min: 90, max: 95, includeMin: true, includeMax: true }])
 * // overlaps: [{ bands: [0, 1], stretch: { from: { value: 95, included: true }, to: { value: 95, included: true } } }], gaps: below 90 and above 100
 */
export function coverage(bands: readonly Interval[]): Coverage {
  const empty = bands.flatMap((b, i) => (isEmpty(b) ? [i] : []));
  const live = bands.map((b, i) => ({ b, i })).filter(({ b }) => !isEmpty(b));
  const edges = [...new Set(live.flatMap(({ b }) => [b.min, b.max]).filter((v): v is number => v !== null))].sort((x, y) => x - y);
  const position = new Map(edges.map((v, k) => [v, k]));

  // Piece 2k is the open stretch below edges[k] (above edges[k-1]); piece 2k+1 is the point edges[k].
  // Each band covers one contiguous run of pieces; sweep the runs with the set of open bands.
  const pieceCount = 2 * edges.length + 1;
  const starting: number[][] = Array.from({ length: pieceCount }, () => []);
  const ending: number[][] = Array.from({ length: pieceCount }, () => []);
  for (const { b, i } of live) {
    const first = b.min === null ? 0 : 2 * (position.get(b.min) as number) + (b.includeMin ? 1 : 2);
    const last = b.max === null ? pieceCount - 1 : 2 * (position.get(b.max) as number) + (b.includeMax ? 1 : 0);
    starting[first].push(i);
    ending[last].push(i);
  }

  const gaps: Stretch[] = [];
  const overlaps: Coverage['overlaps'] = [];
  const open = new Set<number>();
  let run: { start: number; bands: number[]; id: string } | undefined;
  const close = (end: number) => {
    if (!run) return;
    const stretch = stretchOf(run.start, end, edges);
    if (run.bands.length === 0) gaps.push(stretch);
    else overlaps.push({ bands: run.bands, stretch });
    run = undefined;
  };
  for (let piece = 0; piece < pieceCount; piece++) {
    for (const i of starting[piece]) open.add(i);
    const here = open.size === 1 ? undefined : [...open].sort((x, y) => x - y);
    const id = here?.join();
    if (run && run.id !== id) close(piece - 1);
    if (here && !run) run = { start: piece, bands: here, id: id as string };
    for (const i of ending[piece]) open.delete(i);
  }
  close(pieceCount - 1);
  return { gaps, overlaps, empty };
}

/**
 * Words for a stretch: gaps read "of exactly 50", "from 50 (excluded) to 60 (excluded)", "below 60";
 * overlaps read "at 95", "from 80 (included) to 90 (excluded)".
 * @example describeStretch({ from: { value: 50, included: false }, to: { value: 60, included: false } }, 'gap') // 'from 50 (excluded) to 60 (excluded)'
 */
export function describeStretch(s: Stretch, style: 'gap' | 'overlap'): { text: RangeText; point: boolean } {
  const { from, to } = s;
  const edge = (b: Bound) => `${b.value} (${b.included ? 'included' : 'excluded'})`;
  if (from && to && from.value === to.value) return { text: style === 'gap' ? `of exactly ${from.value}` : `at ${from.value}`, point: true };
  if (from && to) return { text: `from ${edge(from)} to ${edge(to)}`, point: false };
  if (to) return { text: to.included ? `up to ${edge(to)}` : `below ${to.value}`, point: false };
  if (from) return { text: from.included ? `from ${edge(from)} upward` : `above ${from.value}`, point: false };
  return { text: style === 'gap' ? 'at all' : 'everywhere', point: false };
}

function isEmpty(b: Interval): boolean {
  return b.min !== null && b.max !== null && (b.min > b.max || (b.min === b.max && !(b.includeMin && b.includeMax)));
}

function stretchOf(startPiece: number, endPiece: number, edges: readonly number[]): Stretch {
  const stretch: Stretch = {};
  // Starting on an open piece 2k: bounded below by edges[k-1], excluded; on a point: that point, included.
  if (startPiece % 2 === 1) stretch.from = { value: edges[(startPiece - 1) / 2], included: true };
  else if (startPiece > 0) stretch.from = { value: edges[startPiece / 2 - 1], included: false };
  if (endPiece % 2 === 1) stretch.to = { value: edges[(endPiece - 1) / 2], included: true };
  else if (endPiece / 2 < edges.length) stretch.to = { value: edges[endPiece / 2], included: false };
  return stretch;
}
