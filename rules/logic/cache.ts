/**
 * @module rules/logic/cache
 * A small least-recently-used map: compiled evaluators keyed by the canonical text of their rule.
 */

/** Counters of a cache, for tests and monitoring. */
export interface CacheStats {
  readonly size: number;
  readonly capacity: number;
  readonly hits: number;
  readonly misses: number;
}

/**
 * Least-recently-used cache (a Map keeps insertion order; a hit re-inserts its key at the end).
 * @example
 * const cache = new LruCache<number>(2);
 * cache.set('a', 1); cache.get('a'); // 1
 */
export class LruCache<V> {
  readonly #entries = new Map<string, V>();
  #hits = 0;
  #misses = 0;

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  clear(): void {
    this.#entries.clear();
    this.#hits = 0;
    this.#misses = 0;
  }

  stats(): CacheStats {
    return { size: this.#entries.size, capacity: this.capacity, hits: this.#hits, misses: this.#misses };
  }
}
