import { jsonText } from './json-text.ts';
import { relative, sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { CheckMeta } from '../model/check.ts';
import type { Severity } from '../model/severity.ts';
import type { Report } from '../report/report.ts';
import { locationOf, objectName } from '../report/location.ts';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning reads `security-severity` as a CVSS-like score: >9 critical, 7–8.9 high, 4–6.9 medium. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** Options for SARIF output. */
export interface SarifOptions {
  /** Directory artifact URIs are made relative to (the repository root in CI). */
  readonly baseDirectory: string;
}

/**
 * `-o sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. One rule per check that ran, with help
 * text; one result per finding with a physical location whose region covers the offending field;
 * suppressed findings carry `suppressions`; input diagnostics become tool execution notifications.
 */
export function renderSarif(report: Report, options: SarifOptions): string {
  return jsonText(sarifLog(report, options));
}

/** The SARIF log as an object (tested against the SARIF JSON schema). */
export function sarifLog(report: Report, options: SarifOptions): Log {
  const rules = report.checks.map(rule);
  const ruleIndex = new Map(report.checks.map((check, i) => [check.id, i]));
  const uri = (file: string): string =>
    file === '<stdin>' ? 'stdin' : encodeURI(relative(options.baseDirectory, file).split(sep).join('/'));
  const results = report.findings.map((finding): Result => {
    const location = locationOf(finding);
    const index = ruleIndex.get(finding.checkId);
    return {
      ruleId: finding.checkId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVEL[finding.severity],
      message: { text: `${objectName(finding)}: ${finding.message}` },
      locations: location
        ? [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(location.file) },
                region: {
                  startLine: location.line,
                  startColumn: location.column,
                  endLine: location.endLine,
                  endColumn: location.endColumn,
                },
              },
              logicalLocations: [{ fullyQualifiedName: objectName(finding), kind: 'object' }],
            },
          ]
        : [{ logicalLocations: [{ fullyQualifiedName: objectName(finding), kind: 'object' }] }],
      properties: { severity: finding.severity, theme: finding.theme },
      ...(finding.suppressed
        ? {
            suppressions: [
              {
                kind: finding.suppressed.by === 'annotation' ? 'inSource' : 'external',
                justification: finding.suppressed.reason,
              },
            ],
          }
        : {}),
    };
  });
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: report.summary.inputErrors === 0,
            toolExecutionNotifications: report.diagnostics.map((diagnostic) => ({
              level: diagnostic.level === 'error' ? 'error' : 'warning',
              message: { text: diagnostic.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: uri(diagnostic.file) },
                    ...(diagnostic.line > 0
                      ? {
                          region: { startLine: diagnostic.line, startColumn: Math.max(diagnostic.column, 1) },
                        }
                      : {}),
                  },
                },
              ],
            })),
          },
        ],
        results,
      },
    ],
  };
}

function rule(check: CheckMeta): ReportingDescriptor {
  const references = check.references.map((reference) => `- ${reference}`).join('\n');
  return {
    id: check.id,
    name: check.id
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(''),
    shortDescription: { text: check.title },
    fullDescription: { text: check.description.slice(0, 1024) },
    help: {
      text: `${check.description}\n\nRemediation: ${check.remediation}`,
      markdown: `${check.description}\n\n**Remediation:** ${check.remediation}\n\n**References:**\n${references}`,
    },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      tags: ['security', 'kubernetes', check.theme],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[check.severity],
    },
  };
}
