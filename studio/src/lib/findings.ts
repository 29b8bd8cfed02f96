/**
 * @module lib/findings
 * Analysis findings (from the API) placed next to the fields they concern: a finding belongs to
 * a field when its JSON pointer is the field's pointer or lies under it.
 *
 * @example
 * findingsAt(findings, '/weights/positions/engineer') // weights_not_100 at /weights/positions/engineer/indicators
 */
import { escapeSegment } from '../../../rules/logic/pointer.ts';
import type { Finding } from './types.ts';

/** A pointer from segments: pointer('weights', 'positions', 'a/b') → '/weights/positions/a~1b'. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => `/${escapeSegment(String(s))}`).join('');
}

/** Findings at or under a pointer. */
export function findingsAt(findings: readonly Finding[], prefix: string): Finding[] {
  return findings.filter((f) => f.pointer === prefix || f.pointer.startsWith(`${prefix}/`));
}

/** The worst severity among findings, or null. */
export function worst(findings: readonly Finding[]): Finding['severity'] | null {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return findings.length ? 'info' : null;
}

export type DesignerTab = 'general' | 'inputs' | 'params' | 'indicators' | 'weights' | 'grading' | 'adjustments' | 'distribution' | 'json';
export const DESIGNER_TABS: readonly DesignerTab[] = ['general', 'inputs', 'params', 'indicators', 'weights', 'grading', 'adjustments', 'distribution', 'json'];

/** The designer tab that shows the part of the document a pointer names. */
export function tabOf(ptr: string): DesignerTab {
  const top = ptr.split('/')[1] ?? '';
  switch (top) {
    case 'inputs':
      return 'inputs';
    case 'params':
      return 'params';
    case 'indicators':
      return 'indicators';
    case 'weights':
    case 'dimensions':
      return 'weights';
    case 'grading':
      return 'grading';
    case 'adjustments':
      return 'adjustments';
    case 'population':
      return 'distribution';
    case 'raters':
    case 'derivedScores':
      return 'json';
    default:
      return 'general';
  }
}
