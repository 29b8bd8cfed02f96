/**
 * @module lib/findings
 * Analysis findings (from the API) placed next to the fields they concern: a finding belongs to
 * a field when its JSON pointer is the field's pointer or lies under it. `latestOnly` keeps the
 * designer's check-as-you-type to one request per pause, answered newest-first.
 *
 * @example
 * findingsAt(findings, '/weights/positions/engineer') // weights_not_100 at /weights/positions/engineer/indicators
 */
import type { Finding } from './types.ts';

/** Escape one JSON-pointer segment (RFC 6901). */
export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A pointer from segments: pointer('weights', 'positions', 'a/b') → '/weights/positions/a~1b'. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
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

/** A check that runs some time after the last request for it; see {@link latestOnly}. */
export interface LatestOnly<I> {
  /** (Re)start the wait for `input`; any earlier pending or running check is dropped. */
  schedule(input: I): void;
  /** Drop the pending or running check, if any: its answer will never be reported. */
  cancel(): void;
}

/**
 * Debounce an async check and keep only the newest answer. Each `schedule` restarts the wait,
 * aborts the request in flight and invalidates its answer, so typing sends one request per pause
 * (at most one under way) and an older answer can never overwrite a newer one, however late it
 * arrives. Errors of dropped checks (including the abort itself) are not reported.
 * @example
 * const checker = latestOnly({ delayMs: 400, run: (doc, signal) => api.post(url, doc, { signal }), onResult: show, onError: fail });
 * checker.schedule(doc1); checker.schedule(doc2); // one request, for doc2, 400 ms later
 */
export function latestOnly<I, O>(options: {
  delayMs: number;
  run: (input: I, signal: AbortSignal) => Promise<O>;
  onResult: (output: O, input: I) => void;
  onError: (error: unknown, input: I) => void;
}): LatestOnly<I> {
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  function cancel(): void {
    generation++;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    inFlight?.abort();
    inFlight = undefined;
  }

  function schedule(input: I): void {
    cancel();
    const mine = generation;
    timer = setTimeout(() => {
      timer = undefined;
      const controller = new AbortController();
      inFlight = controller;
      options.run(input, controller.signal).then(
        (output) => {
          if (mine === generation) options.onResult(output, input);
        },
        (error: unknown) => {
          if (mine === generation && !controller.signal.aborted) options.onError(error, input);
        },
      ).finally(() => {
        if (inFlight === controller) inFlight = undefined;
      });
    }, options.delayMs);
  }

  return { schedule, cancel };
}
