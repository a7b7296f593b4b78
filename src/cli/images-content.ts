import { existsSync } from 'node:fs';
import { arch } from 'node:os';
import type { ImageContents } from '../images/packages/index.ts';
import { addOsvFile, OsvDatabase } from '../images/osv/database.ts';
import { matchVulnerabilities } from '../images/osv/match.ts';
import type { Vulnerability } from '../images/osv/match.ts';
import { imageBom } from '../images/sbom.ts';
import { openImage } from '../load/images/open-image.ts';
import { readOsvDirectory } from '../load/images/osv-directory.ts';
import { parsePlatform } from '../load/images/stored-image.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import type { Platform } from '../model/image-source.ts';
import { atLeast, SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import { renderSbomJson } from '../render/images/sbom-json.ts';
import { renderVulnerabilityJson, renderVulnerabilityTable } from '../render/images/vulnerabilities.ts';
import { EXIT } from './exit.ts';
import { writeReport } from './output-file.ts';
import { readImageContents } from '../registry/image-contents.ts';

/** The flags of `images sbom`. */
export interface ImageContentFlags {
  readonly layout?: string;
  readonly archive?: string;
  readonly name?: string;
  readonly platform?: string;
  readonly outputFile?: string;
}

/** The flags of `images vulns`. */
export interface ImageVulnsFlags extends ImageContentFlags {
  readonly db?: string;
  readonly output: 'table' | 'json';
  readonly failOn: Severity | 'none';
}

/** This host's platform, as Go names architectures (node's x64 is amd64). */
function hostPlatform(): Platform {
  const names: Readonly<Record<string, string>> = {
    x64: 'amd64',
    ia32: '386',
    arm64: 'arm64',
    arm: 'arm',
    s390x: 's390x',
    ppc64: 'ppc64le',
  };
  return { os: 'linux', architecture: names[arch()] ?? arch() };
}

interface ReadImage {
  readonly name: string;
  readonly digest: string;
  readonly contents: ImageContents;
  readonly inputs: readonly string[];
}

async function readImage(flags: ImageContentFlags): Promise<ReadImage> {
  if ((flags.layout === undefined) === (flags.archive === undefined)) {
    throw new UsageError('give one image: --layout DIR or --archive FILE');
  }
  const platform = flags.platform === undefined ? hostPlatform() : parsePlatform(flags.platform);
  const location = flags.layout === undefined ? { archive: flags.archive ?? '' } : { layout: flags.layout };
  const source = await openImage(location, { platform, refName: flags.name });
  const contents = await readImageContents(source);
  printDiagnostics(contents.diagnostics);
  return {
    name: source.name,
    digest: await source.manifestDigest(),
    contents,
    inputs: [flags.layout ?? flags.archive ?? ''],
  };
}

function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
}

/** `kubeward images sbom`: the CycloneDX 1.6 JSON SBOM of a local image. */
export async function imagesSbom(flags: ImageContentFlags): Promise<void> {
  const image = await readImage(flags);
  const bom = imageBom(
    { name: image.name, digest: image.digest },
    image.contents.distribution,
    image.contents.packages,
    new Date(),
  );
  await writeReport(renderSbomJson(bom), flags.outputFile, image.inputs);
}

/** The records of an OSV directory, indexed; files that are no records are warnings. */
export async function loadOsvDatabase(
  directory: string,
): Promise<{ readonly database: OsvDatabase; readonly diagnostics: readonly Diagnostic[] }> {
  const database = new OsvDatabase();
  const diagnostics: Diagnostic[] = [];
  for await (const file of readOsvDirectory(directory)) {
    if ('error' in file)
      diagnostics.push({
        level: 'warning',
        file: file.file,
        line: 0,
        column: 0,
        message: `not read: ${file.error}`,
      });
    else addOsvFile(database, file.file, file.value, diagnostics);
  }
  return { database, diagnostics };
}

const rank = (severity: Severity | undefined): number =>
  severity === undefined ? SEVERITIES.length : SEVERITIES.indexOf(severity);

/** Worst first, then by package and id. */
function ordered(vulnerabilities: readonly Vulnerability[]): Vulnerability[] {
  return [...vulnerabilities].sort(
    (a, b) =>
      rank(a.severity?.severity) - rank(b.severity?.severity) ||
      a.package.name.localeCompare(b.package.name) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * `kubeward images vulns`: a local image's packages matched against an offline OSV database; exit 1
 * when one is at or above `--fail-on`.
 */
export async function imagesVulns(flags: ImageVulnsFlags): Promise<void> {
  const image = await readImage(flags);
  const { defaultOsvDirectory } = await import('./images-db.ts');
  const { openOsvDatabase } = await import('../vulndb/database.ts');
  const db = flags.db ?? defaultOsvDirectory();
  if (flags.db === undefined && !existsSync(db))
    throw new UsageError(
      `${db}: no OSV database yet: download one with kubeward images db update, or give --db DIR`,
    );
  const { database, records, diagnostics } = await openOsvDatabase(db, image.contents.packages);
  printDiagnostics(diagnostics);
  if (records === 0)
    throw new UsageError(
      `${db}: no OSV records found${flags.db === undefined ? ' (download them: kubeward images db update)' : ''}`,
    );
  const matched = matchVulnerabilities(image.contents.packages, database);
  printDiagnostics(matched.diagnostics);
  const vulnerabilities = ordered(matched.vulnerabilities);
  const text =
    flags.output === 'json'
      ? renderVulnerabilityJson(image.name, image.digest, vulnerabilities)
      : renderVulnerabilityTable(image.name, vulnerabilities);
  await writeReport(text, flags.outputFile, [...image.inputs, db]);
  const failOn = flags.failOn;
  const failing =
    failOn !== 'none' &&
    vulnerabilities.some((v) => v.severity !== undefined && atLeast(v.severity.severity, failOn));
  process.exitCode = failing ? EXIT.findings : EXIT.clean;
}
