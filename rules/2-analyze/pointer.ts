/**
 * @module 2-analyze/pointer
 * Building, splitting and ordering RFC 6901 JSON pointers (the diff uses the same helpers).
 */
import { escapeSegment } from '../logic/pointer.ts';

/**
 * Append segments to a pointer, escaping `~` and `/` inside keys.
 * @example pointerTo('/weights/positions', 'a/b', 'indicators') // '/weights/positions/a~1b/indicators'
 */
export function pointerTo(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const s of segments) out += `/${escapeSegment(String(s))}`;
  return out;
}

/**
 * Split a pointer into its unescaped segments.
 * @example pointerSegments('/if/0/a~1b') // ['if', '0', 'a/b']
 */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Document order for array indices (`/indicators/2` before `/indicators/10`), code units otherwise.
 * @example ['/indicators/10', '/indicators/2'].sort(comparePointers) // ['/indicators/2', '/indicators/10']
 */
export function comparePointers(a: string, b: string): number {
  const x = pointerSegments(a);
  const y = pointerSegments(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const numeric = /^\d+$/.test(x[i]) && /^\d+$/.test(y[i]);
    return numeric ? Number(x[i]) - Number(y[i]) : byCodeUnits(x[i], y[i]);
  }
  return x.length - y.length;
}

/**
 * Order strings by UTF-16 code units: the same everywhere, unlike `localeCompare`.
 * @example ['b', 'B', '中'].sort(byCodeUnits) // ['B', 'b', '中']
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
