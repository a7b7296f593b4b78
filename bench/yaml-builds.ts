import { loadAll, parseEvents } from '../src/load/js-yaml.ts';
import type { BenchCase, Measurement } from './case.ts';
import { generateCorpus } from './generate.ts';

const RESOURCES = Number(process.env.KUBEWARD_BENCH_RESOURCES ?? 20_000);
const ROUNDS = Number(process.env.KUBEWARD_BENCH_ROUNDS ?? 5);

/** The two functions measured, as each build exports them. */
interface Build {
  readonly name: string;
  readonly loadAll: (text: string) => unknown;
  readonly parseEvents: (text: string, options: { filename: string }) => unknown;
}

/**
 * js-yaml's two builds of the same version on the generated corpus: `loadAll` (parse and construct)
 * and `parseEvents` (parse alone) of the CommonJS build, which kubeward loads (src/load/js-yaml.ts),
 * against the ES module build (the package's `import` export). Alternating, best of
 * KUBEWARD_BENCH_ROUNDS (default 5). Where the ES module build is slower, the cause is the object
 * spread that builds `parseEvents`'s state: bench/yaml-spread-repro.mjs reproduces it alone.
 */
export const bench: BenchCase = {
  name: 'yaml-builds',
  async run() {
    // The ES module build, imported directly, only to be measured against the CommonJS one.
    const esm = await import('js-yaml');
    const builds: readonly Build[] = [
      { name: 'CommonJS', loadAll, parseEvents },
      { name: 'ES module', loadAll: (text) => esm.loadAll(text), parseEvents: esm.parseEvents },
    ];
    const texts = generateCorpus(RESOURCES).map((file) => file.text);
    const best = new Map<string, number>();
    const time = (key: string, pass: () => void): void => {
      const started = performance.now();
      pass();
      best.set(key, Math.min(best.get(key) ?? Infinity, performance.now() - started));
    };
    for (let round = 0; round < ROUNDS; round++)
      for (const build of builds) {
        time(`${build.name} loadAll`, () => {
          for (const text of texts) build.loadAll(text);
        });
        time(`${build.name} parseEvents`, () => {
          for (const text of texts) build.parseEvents(text, { filename: '' });
        });
      }
    const measurements: Measurement[] = [{ label: 'resources', value: RESOURCES, unit: '' }];
    for (const phase of ['loadAll', 'parseEvents'])
      for (const build of builds)
        measurements.push({
          label: `${build.name} build: ${phase}`,
          value: best.get(`${build.name} ${phase}`) ?? 0,
          unit: 'ms',
        });
    for (const phase of ['loadAll', 'parseEvents'])
      measurements.push({
        label: `${phase}: ES module / CommonJS`,
        value: (best.get(`ES module ${phase}`) ?? 0) / (best.get(`CommonJS ${phase}`) ?? 1),
        unit: '×',
      });
    return measurements;
  },
};
