import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Collects garbage once the server has gone quiet after reading enough request bodies. */
export interface QuietCollector {
  /** A review body of `bytes` was read. */
  received(bytes: number): void;
  /** A review started: a pending collection waits for the next quiet period. */
  busy(): void;
  /** No review is in flight: a collection runs after the quiet period if enough bytes were read. */
  quiet(): void;
  /** Cancels a pending collection (shutdown). */
  stop(): void;
}

/** When a {@link QuietCollector} collects, and with what. */
export interface QuietCollection {
  /** Time without a review in flight before collecting. */
  readonly quietMs: number;
  /** Bytes of bodies read since the last collection for the next one to be worth it. */
  readonly afterBytes: number;
  /** What each closed connection (its TLS socket and buffers) counts as bytes read; 0 by default. */
  readonly connectionBytes?: number;
  /** A full, synchronous garbage collection; {@link fullCollection} by default. */
  readonly collect?: () => void;
}

/**
 * V8 collects its old generation (and the large-object space where a large body lives as a string and
 * as parsed values) only when it allocates more, and its idle-time memory reducer does not run while a
 * timer ticks every second (measured on Node.js 20), as the HTTP server's connection check does: after
 * a burst of large reviews the garbage stays resident until the next burst. The webhook is
 * latency-sensitive only while a review is in flight, so it collects in full once none has been for
 * `quietMs` and at least `afterBytes` of bodies were read since the last collection: at most one full
 * collection per `afterBytes` received, never during a review.
 */
export function quietCollector(options: QuietCollection): QuietCollector {
  const collect = options.collect ?? fullCollection();
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const cancel = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    received(size) {
      bytes += size;
    },
    busy: cancel,
    quiet() {
      cancel();
      if (bytes < options.afterBytes) return;
      timer = setTimeout(() => {
        timer = undefined;
        bytes = 0;
        collect();
      }, options.quietMs);
      timer.unref();
    },
    stop: cancel,
  };
}

/**
 * V8's full garbage collection, which frees the large-object space and releases emptied pages. It is
 * only exposed to a context created while `--expose-gc` is set, so the flag is set for the time
 * it takes to create one, unless the process was started with it.
 */
export function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
