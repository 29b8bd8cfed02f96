/**
 * @module lib/resource
 * Data a page loads from the API, with its loading and error state. Anything reactive the
 * fetcher reads before its first `await` (route params, filters) makes `track()` reload it.
 *
 * @example
 * const cycles = new Resource(() => api.get<{ items: Cycle[] }>('/api/cycles'));
 * $effect(() => cycles.track());
 * // in markup: <Async resource={cycles}>{#snippet children(data)}…{/snippet}</Async>
 */
export class Resource<T> {
  data = $state<T | undefined>(undefined);
  error = $state<unknown>(null);
  loading = $state(true);
  #fetcher: (signal: AbortSignal) => Promise<T>;
  #controller: AbortController | null = null;

  constructor(fetcher: (signal: AbortSignal) => Promise<T>) {
    this.#fetcher = fetcher;
  }

  /** Start loading now; an earlier request still running is abandoned. */
  load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    const pending = this.#fetcher(controller.signal);
    return pending.then(
      (data) => {
        if (controller.signal.aborted) return;
        this.data = data;
        this.loading = false;
      },
      (err: unknown) => {
        if (controller.signal.aborted || (err as Error)?.name === 'AbortError') return;
        this.error = err;
        this.loading = false;
      },
    );
  }

  /** For `$effect(() => r.track())`: load now, reload when what the fetcher read changes, abort on teardown. */
  track(): () => void {
    void this.load();
    return () => this.#controller?.abort();
  }

  /** Reload without clearing the shown data (after a change). */
  refresh(): Promise<void> {
    return this.load();
  }
}
