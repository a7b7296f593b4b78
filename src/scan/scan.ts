import type { Check } from '../model/check.ts';
import type { Framework } from '../model/frameworks/framework.ts';
import { runChecks } from '../checks/run.ts';
import type { RunOptions } from '../checks/run.ts';
import type { Loaded } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Inventory } from '../model/inventory.ts';
import type { NodeFiles } from '../model/node-files.ts';
import { atLeast, SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import { buildReport } from '../report/report.ts';
import type { Report } from '../report/report.ts';
import { EXCEPTION_EXPIRED } from '../config/exception-expired.ts';
import { applyBaseline, baselineFingerprints } from './baseline.ts';
import type { Baseline } from './baseline.ts';
import { checkSelector } from './check-selection.ts';
import type { CheckSelection } from './check-selection.ts';

/** What a scan reads: loaded objects and config files, and a node's files when the input holds them. */
export interface ScanInput extends Loaded {
  readonly nodeFiles?: NodeFiles;
}

/** What a scan needs besides its input. */
export interface ScanOptions {
  readonly checks: readonly Check[];
  readonly run: RunOptions;
  /** The time the checks run at: the real clock, or a fixed one in tests. */
  readonly now: Date;
  /** Namespace for namespaced objects that name none. */
  readonly defaultNamespace?: string;
  /**
   * `-n`: keep the findings about objects of this namespace, about the Namespace itself, and about
   * cluster-scoped objects (see {@link inNamespaceScope}); leave out those of other namespaces.
   */
  readonly namespace?: string;
  /** Add the per-control scorecard of this framework to the report (`--framework`). */
  readonly framework?: Framework;
  /** `--check` / `--skip`: the checks to run, by id or glob (every enabled check when absent). */
  readonly selection?: CheckSelection;
  /** `--min-severity`: list only findings at or above it; the others are still counted. */
  readonly minSeverity?: Severity;
  /** `--baseline`: findings accepted earlier, marked and not counted. */
  readonly baseline?: Baseline;
}

/** The result of a scan: the report and the inventory it was built from. */
export interface ScanResult {
  readonly report: Report;
  readonly inventory: Inventory;
  /**
   * What `--write-baseline` records: the fingerprints of the findings that count (or a baseline held).
   * Hashed on first read: most scans write no baseline.
   */
  readonly baseline: readonly string[];
}

/**
 * Runs the checks over loaded input: inventory → findings → report. Pure. Findings about the config
 * itself (expired exceptions) are added to the checks' own, whatever `namespace` says.
 */
export function scanLoaded(loaded: ScanInput, options: ScanOptions): ScanResult {
  const inventory = buildInventory(loaded.resources, {
    ...(options.defaultNamespace === undefined ? {} : { defaultNamespace: options.defaultNamespace }),
    ...(loaded.nodeFiles === undefined ? {} : { nodeFiles: loaded.nodeFiles }),
  });
  const selected = checkSelector([...options.checks.map((check) => check.id), EXCEPTION_EXPIRED.id], {
    only: options.selection?.only ?? [],
    skip: options.selection?.skip ?? [],
  });
  const checks = options.checks.filter((check) => !options.run.disabled.has(check.id) && selected(check.id));
  const all = runChecks(checks, inventory, options.run, options.now);
  const { namespace } = options;
  const inNamespace =
    namespace === undefined ? all : all.filter((finding) => inNamespaceScope(finding.object, namespace));
  const aboutConfig = (options.run.configFindings?.(options.now) ?? []).filter((finding) =>
    selected(finding.checkId),
  );
  const found = [...inNamespace, ...aboutConfig];
  const findings = options.baseline === undefined ? found : applyBaseline(found, options.baseline);
  const diagnostics = [...loaded.diagnostics, ...inventory.diagnostics];
  let baseline: readonly string[] | undefined;
  return {
    inventory,
    get baseline() {
      return (baseline ??= baselineFingerprints(findings));
    },
    report: buildReport({
      checks,
      inventory,
      findings,
      diagnostics,
      files: loaded.files,
      settings: options.run.settings,
      ...(options.framework === undefined ? {} : { framework: options.framework }),
      ...(options.minSeverity === undefined ? {} : { minSeverity: options.minSeverity }),
      ...(aboutConfig.length === 0 ? {} : { configChecks: [EXCEPTION_EXPIRED] }),
    }),
  };
}

/**
 * Whether `-n NAMESPACE` reports a finding about `object`: an object of that namespace, the
 * Namespace of that name, or a cluster-scoped object other than a Namespace (a ClusterRole, a
 * webhook configuration, a node's config: as `kubectl get -n` does not narrow cluster-scoped kinds).
 * Objects of other namespaces, and other Namespaces, are left out.
 */
export function inNamespaceScope(
  object: { readonly kind: string; readonly namespace: string; readonly name: string },
  namespace: string,
): boolean {
  if (object.namespace !== '') return object.namespace === namespace;
  return object.kind !== 'Namespace' || object.name === namespace;
}

/**
 * The exit code a scan earns: 2 when any input was unusable, 1 when a finding that counts (listed
 * or below `--min-severity`) is at or above `failOn`, else 0.
 */
export function scanExitCode(report: Report, failOn: Severity | 'none'): 0 | 1 | 2 {
  if (report.summary.inputErrors > 0) return 2;
  if (failOn === 'none') return 0;
  const { bySeverity } = report.summary;
  return SEVERITIES.some((severity) => bySeverity[severity] > 0 && atLeast(severity, failOn)) ? 1 : 0;
}
