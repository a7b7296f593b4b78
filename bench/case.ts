/** One figure a benchmark reports. */
export interface Measurement {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

/**
 * A benchmark case run by `npm run bench` (bench/run.ts). Cases are deterministic: corpora are
 * generated from a fixed seed, so runs differ only by the machine's noise.
 */
export interface BenchCase {
  readonly name: string;
  run(): Promise<readonly Measurement[]>;
}
