import type { Vulnerability } from '../../images/osv/match.ts';
import { escapeControls } from '../../model/terminal-text.ts';
import { renderColumns } from '../columns.ts';

/** The vulnerabilities of an image as a table: worst first, one line each. */
export function renderVulnerabilityTable(image: string, vulnerabilities: readonly Vulnerability[]): string {
  if (vulnerabilities.length === 0) return `${escapeControls(image)}: no known vulnerabilities\n`;
  const rows = vulnerabilities.map((v) =>
    [
      v.id,
      v.severity === undefined
        ? 'unknown'
        : `${v.severity.severity}${v.severity.score === undefined ? '' : ` ${v.severity.score.toFixed(1)}`}`,
      v.package.name,
      v.package.version,
      v.fixedVersions[0] ?? '(no fix)',
      v.package.ecosystem,
    ].map((cell) => escapeControls(cell)),
  );
  const header = ['ID', 'SEVERITY', 'PACKAGE', 'INSTALLED', 'FIXED IN', 'ECOSYSTEM'];
  return `${renderColumns([header, ...rows])}${escapeControls(image)}: ${String(vulnerabilities.length)} known vulnerabilities\n`;
}

/** The vulnerabilities as a JSON document. */
export function renderVulnerabilityJson(
  image: string,
  digest: string,
  vulnerabilities: readonly Vulnerability[],
): string {
  const document = {
    apiVersion: 'kubeward.io/v1alpha1',
    kind: 'ImageVulnerabilities',
    image,
    digest,
    vulnerabilities: vulnerabilities.map((v) => ({
      id: v.id,
      aliases: v.aliases,
      summary: v.summary,
      severity: v.severity?.severity,
      score: v.severity?.score,
      severitySource: v.severity?.source,
      package: {
        name: v.package.name,
        version: v.package.version,
        ecosystem: v.package.ecosystem,
        purl: v.package.purl,
        file: v.package.file,
      },
      fixedVersions: v.fixedVersions,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
