/**
 * @module rules/logic/pointer
 * JSON Pointers (RFC 6901) into rules: how issues, variables and trace steps say where they are.
 */

/**
 * One pointer segment, escaped (`~` → `~0`, `/` → `~1`).
 * @example
 * escapeSegment('/') // '~1'  (so `{"/":[1,2]}`'s first argument is at `/~1/0`)
 */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Pointer of argument `index` of the operation at `pointer` (no index when the rule wrote a single argument). */
export function argumentPointer(pointer: string, op: string, listed: boolean, index: number): string {
  return listed ? `${pointer}/${escapeSegment(op)}/${index}` : `${pointer}/${escapeSegment(op)}`;
}

/** How a message names a position: the pointer, or "the top of the rule" for "". */
export function describePointer(pointer: string): string {
  return pointer === '' ? 'the top of the rule' : pointer;
}
