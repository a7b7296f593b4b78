/** The time each test of a module has to settle by default (`kubeward test --test-timeout`), in ms. */
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;

/** Thrown by {@link withinTimeLimit} when the work has not settled in time. */
export class TimeLimitExceeded extends Error {
  override readonly name = 'TimeLimitExceeded';
}

/**
 * Settles as `work` does, or rejects with {@link TimeLimitExceeded} and `message` once `milliseconds`
 * have passed without it settling. The timer keeps the process alive meanwhile, so a promise that
 * never settles ends in that rejection rather than in an empty event loop.
 */
export function withinTimeLimit<T>(work: Promise<T>, milliseconds: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TimeLimitExceeded(message));
    }, milliseconds);
  });
  return Promise.race([work, limit]).finally(() => {
    clearTimeout(timer);
  });
}
