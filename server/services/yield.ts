/**
 * @module services/yield
 * PGlite runs in this thread and its queries resolve without a turn of the event loop, so a
 * long chain of queries (an evaluation job) would keep every HTTP request, even
 * `GET /api/health`, waiting until it ends. Long-running work awaits this between steps.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Let the event loop read sockets and run timers before carrying on.
 * @example for (const chunk of chunks) { await write(chunk); await yieldToEventLoop(); }
 */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn().then(() => undefined);
}
