import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOsvDatabase } from '../src/cli/images-content.ts';
import { matchVulnerabilities } from '../src/images/osv/match.ts';
import { imageContents, isPackageEvidence } from '../src/images/packages/index.ts';
import { imageBom } from '../src/images/sbom.ts';
import { readImageFiles } from '../src/load/images/image-files.ts';
import { openImage } from '../src/load/images/open-image.ts';
import { renderSbomJson } from '../src/render/images/sbom-json.ts';
import { indexOsvDirectory, openOsvDatabase } from '../src/vulndb/database.ts';
import { writeOciLayout } from '../src/testing/oci-image.ts';
import type { TestEntry } from '../src/testing/oci-image.ts';
import { BenchFailure, median } from './case.ts';
import type { BenchCase, Measurement } from './case.ts';
import { seededRandom } from './random.ts';

const PACKAGES = 1_000;
const FILES_PER_PACKAGE = 12;
const RECORDS = 100_000;
/** Rounds of read, SBOM and match: the first warms the JIT up and is not counted. */
const RUNS = 6;
/** The goal of issue #20: matching adds at most half the time of reading the layers. */
const MATCH_RATIO_GOAL = 0.5;

const sourceName = (n: number): string => `src${String(n)}`;

/** A dpkg status paragraph per package (deb-status(5)), each from a source package of its own. */
function status(packages: number, revision: number): string {
  const paragraphs: string[] = [];
  for (let n = 0; n < packages; n++) {
    paragraphs.push(
      `Package: pkg${String(n)}\nStatus: install ok installed\nArchitecture: amd64\nSource: ${sourceName(n)}\n` +
        `Version: 1:${String(n % 17)}.${String(n % 5)}-${String(revision)}+deb12u1\nDescription: package ${String(n)}\n a generated package\n`,
    );
  }
  return paragraphs.join('\n');
}

/**
 * A Debian 12 image of 1,000 packages in three gzip layers: a base with every package's files and
 * dpkg database, an upgrade layer (new files, whiteouts, a new status), and a layer that empties a
 * directory with an opaque whiteout.
 */
function imageLayers(): TestEntry[][] {
  const random = seededRandom(20);
  const filler = (bytes: number): string => 'x'.repeat(bytes);
  const base: TestEntry[] = [
    {
      path: 'etc/os-release',
      content: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    },
    { path: 'var/lib/dpkg/status', content: status(PACKAGES, 1) },
  ];
  for (let n = 0; n < PACKAGES; n++) {
    for (let f = 0; f < FILES_PER_PACKAGE; f++) {
      base.push({
        path: `usr/lib/pkg${String(n)}/file${String(f)}.so`,
        content: filler(512 + Math.floor(random() * 4096)),
      });
    }
  }
  const upgrade: TestEntry[] = [{ path: 'var/lib/dpkg/status', content: status(PACKAGES, 2) }];
  for (let n = 0; n < PACKAGES; n += 10) {
    upgrade.push({ path: `usr/lib/pkg${String(n)}/.wh.file0.so` });
    upgrade.push({ path: `usr/lib/pkg${String(n)}/file0-new.so`, content: filler(2048) });
  }
  const cleanup: TestEntry[] = [
    { path: 'usr/lib/pkg1/.wh..wh..opq' },
    { path: 'usr/lib/pkg1/only.so', content: 'x' },
  ];
  return [base, upgrade, cleanup];
}

/** 100,000 OSV records in `Debian/`: one in ten for an installed source package, fixed or not. */
function writeOsvDirectory(directory: string): void {
  const random = seededRandom(100);
  mkdirSync(join(directory, 'Debian'), { recursive: true });
  for (let n = 0; n < RECORDS; n++) {
    const installed = n % 10 === 0;
    const name = installed ? sourceName(Math.floor(random() * PACKAGES)) : `other${String(n)}`;
    const fixed = `1:${String(Math.floor(random() * 20))}.${String(Math.floor(random() * 5))}-${String(1 + Math.floor(random() * 3))}`;
    const events = random() < 0.2 ? [{ introduced: '0' }] : [{ introduced: '0' }, { fixed }];
    const record = {
      schema_version: '1.6.0',
      id: `DEBIAN-CVE-2026-${String(n).padStart(6, '0')}`,
      modified: '2026-01-01T00:00:00Z',
      summary: `generated vulnerability ${String(n)}`,
      affected: [{ package: { ecosystem: 'Debian:12', name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:N' }],
    };
    writeFileSync(join(directory, 'Debian', `${record.id}.json`), JSON.stringify(record));
  }
  writeFileSync(join(directory, '.complete'), String(RECORDS));
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ readonly value: T; readonly ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/**
 * `npm run bench -- images`: reading an image of 1,000 packages (its layers applied), its SBOM, and
 * matching it against a 100,000-record OSV directory, each the median of five rounds in one
 * process after one round that warms the JIT up; SBOM and match times as ratios to reading the
 * layers. Reading every record of the OSV directory is timed once (reported apart, as the cost a
 * long-running process pays once); so is indexing it (`images db index`), and loading the index
 * for the image's packages is timed each round, as a ratio to the layer read and to reading every
 * record. Fails when matching takes more than half the time of reading the layers, or when the
 * index matches otherwise than the records read one by one.
 */
export const bench: BenchCase = {
  name: 'images: SBOM and OSV matching of a 1,000-package image against 100,000 records',
  onlyWhenNamed: true,
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'kubeward-bench-images-'));
    const osv = join(tmpdir(), 'kubeward-bench-osv-100k');
    try {
      const layout = join(work, 'layout');
      writeOciLayout(layout, imageLayers());
      if (!existsSync(join(osv, '.complete'))) writeOsvDirectory(osv);
      const platform = { os: 'linux', architecture: 'amd64' };
      const reads: number[] = [];
      const sboms: number[] = [];
      const matches: number[] = [];
      const indexLoads: number[] = [];
      let indexFound = 0;
      let found = 0;
      let packages = 0;
      const database = await timed(() => loadOsvDatabase(osv));
      const built = await timed(() => indexOsvDirectory(osv));
      for (let run = 0; run < RUNS; run++) {
        const read = await timed(async () =>
          readImageFiles(await openImage({ layout }, { platform }), isPackageEvidence),
        );
        if (run > 0) reads.push(read.ms);
        const sbom = await timed(() => {
          const contents = imageContents(read.value.files);
          renderSbomJson(
            imageBom(
              { name: 'bench', digest: 'sha256:0' },
              contents.distribution,
              contents.packages,
              new Date(0),
            ),
          );
          return contents;
        });
        if (run > 0) sboms.push(sbom.ms);
        packages = sbom.value.packages.length;
        const match = await timed(() => matchVulnerabilities(sbom.value.packages, database.value.database));
        if (run > 0) matches.push(match.ms);
        found = match.value.vulnerabilities.length;
        const indexed = await timed(() => openOsvDatabase(osv, sbom.value.packages));
        if (run > 0) indexLoads.push(indexed.ms);
        if (indexed.value.indexed.length === 0) throw new BenchFailure('the OSV index was not read', []);
        indexFound = matchVulnerabilities(sbom.value.packages, indexed.value.database).vulnerabilities.length;
      }
      const read = median(reads);
      const sbom = median(sboms);
      const match = median(matches);
      const indexLoad = median(indexLoads);
      const peakRssKiB = process.resourceUsage().maxRSS;
      const measurements: Measurement[] = [
        { label: `packages found / vulnerabilities matched`, value: packages, unit: `/ ${String(found)}` },
        { label: `read the layers (median of ${String(RUNS - 1)})`, value: read, unit: 'ms' },
        { label: 'SBOM: packages extracted, CycloneDX JSON written', value: sbom, unit: 'ms' },
        { label: 'match against the indexed OSV records', value: match, unit: 'ms' },
        { label: 'SBOM time / read time', value: sbom / read, unit: '×' },
        { label: 'match time / read time (goal ≤ 0.5)', value: match / read, unit: '×' },
        {
          label: `index ${String(database.value.database.size)} OSV records once`,
          value: database.ms,
          unit: 'ms',
          peakRssKiB,
        },
        { label: 'index the OSV directory once (images db index)', value: built.ms, unit: 'ms' },
        { label: "load the index for the image's packages", value: indexLoad, unit: 'ms' },
        { label: 'index load time / read time', value: indexLoad / read, unit: '×' },
        { label: 'index load time / reading every record', value: indexLoad / database.ms, unit: '×' },
      ];
      if (indexFound !== found)
        throw new BenchFailure(
          `the index matched ${String(indexFound)} vulnerabilities, reading every record ${String(found)}`,
          measurements,
        );
      if (packages !== PACKAGES)
        throw new BenchFailure(`found ${String(packages)} packages, not ${String(PACKAGES)}`, measurements);
      if (match / read > MATCH_RATIO_GOAL) {
        throw new BenchFailure(
          `matching took ${(match / read).toFixed(2)}× the layer read, over ${String(MATCH_RATIO_GOAL)}×`,
          measurements,
        );
      }
      return measurements;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
