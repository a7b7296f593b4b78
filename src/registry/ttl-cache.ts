/** A cached value and whether it is still within its time to live. */
export interface CacheLookup<V> {
  readonly value: V;
  readonly fresh: boolean;
}

/** Bounds of a {@link TtlCache}. */
export interface TtlCacheOptions {
  /** Entries kept at most; the least recently used goes first. */
  readonly capacity: number;
  /** How long an entry is fresh after it was set. */
  readonly ttlMs: number;
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: (() => number) | undefined;
}

/**
 * A bounded cache whose entries are fresh for a time to live. An expired entry is not dropped: it
 * is returned as stale, for the caller to answer from while it refreshes it (stale while
 * revalidate); capacity alone evicts, least recently used first.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { readonly value: V; readonly expires: number }>();
  readonly #options: TtlCacheOptions;

  constructor(options: TtlCacheOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entry for `key`, marked most recently used, or undefined. */
  get(key: string): CacheLookup<V> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return { value: entry.value, fresh: this.#now() < entry.expires };
  }

  /** Sets `key`, fresh for the time to live, evicting the least recently used past capacity. */
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.#now() + this.#options.ttlMs });
    while (this.#entries.size > this.#options.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
