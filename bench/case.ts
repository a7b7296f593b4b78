/** One figure a benchmark reports. */
export interface Measurement {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** The peak resident set size of the process(es) that ran the measured phase, in KiB. */
  readonly peakRssKiB?: number;
}

/**
 * A benchmark case run by `npm run bench` (bench/run.ts). Cases are deterministic: corpora are
 * generated from a fixed seed, so runs differ only by the machine's noise.
 */
export interface BenchCase {
  readonly name: string;
  /** Whether the case runs only when named (`npm run bench -- NAME`), being long. */
  readonly onlyWhenNamed?: boolean;
  run(): Promise<readonly Measurement[]>;
}

/** The median of some measurements (the mean of the middle two for an even count; 0 for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A benchmark whose goals were not met: why, and what it measured before it stopped. */
export class BenchFailure extends Error {
  readonly measurements: readonly Measurement[];

  constructor(message: string, measurements: readonly Measurement[]) {
    super(message);
    this.measurements = measurements;
  }
}
