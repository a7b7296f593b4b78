import type { AuditEvent } from '../../load/audit/events.ts';

/** What {@link EventQueue} holds at most: beyond either bound, batches are refused. */
export interface QueueBounds {
  readonly maxEvents: number;
  /** Bytes of the request bodies the queued events came from (their decoded size is of that order). */
  readonly maxBytes: number;
}

/**
 * The events received and not yet matched, in order, with the bounds that make the server refuse
 * more (429) instead of holding them. `consume` is called with one batch at a time and the next waits
 * for it to settle, so a slow consumer (a blocked stdout) fills the queue, never the heap.
 */
export class EventQueue {
  readonly #bounds: QueueBounds;
  readonly #consume: (events: readonly AuditEvent[]) => Promise<void> | void;
  readonly #batches: { readonly events: readonly AuditEvent[]; readonly bytes: number }[] = [];
  #events = 0;
  #bytes = 0;
  #running: Promise<void> | undefined;
  #failed: ((error: unknown) => void) | undefined;

  constructor(
    bounds: QueueBounds,
    consume: (events: readonly AuditEvent[]) => Promise<void> | void,
    failed?: (error: unknown) => void,
  ) {
    this.#bounds = bounds;
    this.#consume = consume;
    this.#failed = failed;
  }

  /** Events waiting or being matched. */
  get events(): number {
    return this.#events;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Whether nothing more fits, whatever its size: a request can be refused before its body is read. */
  get full(): boolean {
    return this.#events >= this.#bounds.maxEvents || this.#bytes >= this.#bounds.maxBytes;
  }

  /** Queues a batch when it fits within the bounds (an empty queue takes any one batch); false otherwise. */
  offer(events: readonly AuditEvent[], bytes: number): boolean {
    const empty = this.#events === 0 && this.#bytes === 0;
    if (
      !empty &&
      (this.#events + events.length > this.#bounds.maxEvents || this.#bytes + bytes > this.#bounds.maxBytes)
    )
      return false;
    this.#batches.push({ events, bytes });
    this.#events += events.length;
    this.#bytes += bytes;
    this.#running ??= this.#drain();
    return true;
  }

  /** Resolves once every queued batch was consumed. */
  async drained(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      for (let batch = this.#batches.shift(); batch !== undefined; batch = this.#batches.shift()) {
        try {
          await this.#consume(batch.events);
        } catch (error) {
          this.#failed?.(error);
        }
        this.#events -= batch.events.length;
        this.#bytes -= batch.bytes;
      }
    } finally {
      this.#running = undefined;
    }
  }
}
