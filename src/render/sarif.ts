import type { Fix as SarifFix, Location as SarifLocation, Log, PhysicalLocation, Result, Run } from 'sarif';
import type { Finding } from '../model/finding.ts';
import { fingerprint } from '../model/fingerprint.ts';
import type { Report } from '../report/report.ts';
import { anchorsOf, objectName, placeIn } from '../report/location.ts';
import type { Location } from '../report/location.ts';
import { SOURCE_ROOT, artifacts } from './sarif-artifacts.ts';
import { LEVEL, checkDocsPage, sarifRule } from './sarif-rule.ts';
import { jsonChunks } from './json-chunks.ts';
import { StreamedList } from './streamed.ts';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key of kubeward's own fingerprint in `partialFingerprints` (versioned, as SARIF §3.27.17 asks). */
export const FINGERPRINT_KEY = 'kubeward/v1';

/** Options for SARIF output. */
export interface SarifOptions {
  /** Directory artifact URIs are made relative to (`%SRCROOT%`: the repository root in CI). */
  readonly baseDirectory: string;
  /** The documentation page of a rule, relative to the repository root (default: the check's page). */
  readonly helpPage?: (ruleId: string) => string;
}

/**
 * `-o sarif`: SARIF 2.1.0 as GitHub code scanning accepts it, in chunks of bounded size (the results
 * written one by one). One rule per check that ran, with help text and a link to its page; one
 * result per finding, each with a physical location and region (findings about no loaded object are
 * anchored as `anchorsOf` says) and `partialFingerprints` from the finding's stable fingerprint;
 * suppressed findings carry `suppressions`; input diagnostics become tool execution notifications.
 */
export function renderSarifChunks(report: Report, options: SarifOptions): Iterable<string> {
  const { run, results } = sarifRun(report, options);
  return jsonChunks({ $schema: SCHEMA, version: '2.1.0', runs: [{ ...run, results }] });
}

/** `-o sarif` as one string, for reports small enough to hold whole. */
export function renderSarif(report: Report, options: SarifOptions): string {
  return [...renderSarifChunks(report, options)].join('');
}

/** How the addresses of a live cluster begin (`cluster://CONTEXT`, `cluster://CONTEXT/KIND/NS/NAME`). */
const CLUSTER_SCHEME = 'cluster://';

/** The SARIF log as an object (tested against the SARIF JSON schema). */
export function sarifLog(report: Report, options: SarifOptions): Log {
  const { run, results } = sarifRun(report, options);
  return { $schema: SCHEMA, version: '2.1.0', runs: [{ ...run, results: [...results] }] };
}

/**
 * The run without its results, and the results as a list made as it is written. Every artifact is
 * located before the run is written, so that `run.artifacts`, which comes first, is complete.
 */
function sarifRun(report: Report, options: SarifOptions): { run: Run; results: StreamedList<Result> } {
  const helpPage = options.helpPage ?? checkDocsPage;
  const rules = report.checks.map((check) => sarifRule(check, helpPage(check.id)));
  const ruleIndex = new Map(report.checks.map((check, i) => [check.id, i]));
  const files = artifacts(options.baseDirectory);
  const anchor = anchorsOf(report.objects);
  for (const finding of report.findings) physical(files, anchor(finding));
  const notifications = report.diagnostics.map((diagnostic) => ({
    level: diagnostic.level,
    message: { text: diagnostic.message },
    locations: [
      {
        physicalLocation: {
          ...(diagnostic.file.startsWith(CLUSTER_SCHEME)
            ? { artifactLocation: files.address(diagnostic.file) }
            : {
                artifactLocation: files.location(diagnostic.file),
                region: {
                  startLine: Math.max(diagnostic.line, 1),
                  startColumn: Math.max(diagnostic.column, 1),
                },
              }),
        },
      },
    ],
  }));
  const results = new StreamedList(function* (): Generator<Result> {
    const seen = new Map<string, number>();
    for (const finding of report.findings) {
      const index = ruleIndex.get(finding.checkId);
      const name = objectName(finding);
      const id = fingerprint(finding);
      const occurrence = (seen.get(id) ?? 0) + 1;
      seen.set(id, occurrence);
      const anchored = anchor(finding);
      const location: SarifLocation = {
        physicalLocation: physical(files, anchored),
        logicalLocations: [{ fullyQualifiedName: name, kind: 'object' }],
        ...(anchored?.field === undefined ? {} : { message: { text: placeIn(anchored) } }),
      };
      yield {
        ruleId: finding.checkId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVEL[finding.severity],
        message: {
          text: `${name}: ${finding.message}${anchored?.note === undefined ? '' : ` (${anchored.note})`}`,
        },
        locations: [location],
        partialFingerprints: { [FINGERPRINT_KEY]: id, primaryLocationLineHash: `${id}:${occurrence}` },
        properties: { severity: finding.severity, theme: finding.theme },
        ...fixesOf(finding, physical(files, anchored)),
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
    }
  });
  return {
    run: {
      tool: { driver: { name: report.tool.name, version: report.tool.version, rules } },
      invocations: [
        {
          executionSuccessful: report.summary.inputErrors === 0,
          toolExecutionNotifications: notifications,
        },
      ],
      originalUriBaseIds: files.originalUriBaseIds,
      artifacts: [...files.list],
    },
    results,
  };
}

/**
 * A finding's fix as SARIF `fixes`: its field's line (key and value, as the region spans them)
 * replaced by the key and the new value. Only for findings located by line: an object read from a
 * cluster has no text to change.
 */
function fixesOf(finding: Finding, at: PhysicalLocation): { fixes?: SarifFix[] } {
  const key = finding.path[finding.path.length - 1];
  if (finding.fix === undefined || at.region === undefined || typeof key !== 'string') return {};
  return {
    fixes: [
      {
        description: { text: finding.fix.description },
        artifactChanges: [
          {
            artifactLocation: at.artifactLocation ?? {},
            replacements: [
              { deletedRegion: at.region, insertedContent: { text: `${key}: ${finding.fix.value}` } },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * A physical location with a region. With nothing scanned to anchor a finding to (no object, no
 * file), it is the scan's working directory itself, line 1, so every result still has one.
 */
function physical(files: ReturnType<typeof artifacts>, location: Location | undefined): PhysicalLocation {
  if (!location)
    return {
      artifactLocation: { uri: '.', uriBaseId: SOURCE_ROOT },
      region: { startLine: 1, startColumn: 1 },
    };
  if (location.field !== undefined) return { artifactLocation: files.address(location.file) };
  return {
    artifactLocation: files.location(location.file),
    region: {
      startLine: Math.max(location.line, 1),
      startColumn: Math.max(location.column, 1),
      endLine: Math.max(location.endLine, location.line, 1),
      endColumn: Math.max(location.endColumn, 1),
    },
  };
}
