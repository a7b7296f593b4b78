import type { Check } from '../model/check.ts';
import type { Framework } from '../model/frameworks/framework.ts';
import { runChecks } from '../checks/run.ts';
import type { RunOptions } from '../checks/run.ts';
import type { Loaded } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Inventory } from '../model/inventory.ts';
import type { NodeFiles } from '../model/node-files.ts';
import { atLeast } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import { buildReport } from '../report/report.ts';
import type { Report } from '../report/report.ts';

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
  /** Keep only findings about objects in this namespace (kubectl `-n`). */
  readonly namespace?: string;
  /** Add the per-control scorecard of this framework to the report (`--framework`). */
  readonly framework?: Framework;
}

/** The result of a scan: the report and the inventory it was built from. */
export interface ScanResult {
  readonly report: Report;
  readonly inventory: Inventory;
}

/** Runs the checks over loaded input: inventory → findings → report. Pure. */
export function scanLoaded(loaded: ScanInput, options: ScanOptions): ScanResult {
  const inventory = buildInventory(loaded.resources, {
    ...(options.defaultNamespace === undefined ? {} : { defaultNamespace: options.defaultNamespace }),
    ...(loaded.nodeFiles === undefined ? {} : { nodeFiles: loaded.nodeFiles }),
  });
  const all = runChecks(options.checks, inventory, options.run, options.now);
  const findings =
    options.namespace === undefined
      ? all
      : all.filter((finding) => finding.object.namespace === options.namespace);
  const checks = options.checks.filter((check) => !options.run.disabled.has(check.id));
  const diagnostics = [...loaded.diagnostics, ...inventory.diagnostics];
  return {
    inventory,
    report: buildReport({
      checks,
      inventory,
      findings,
      diagnostics,
      files: loaded.files,
      settings: options.run.settings,
      ...(options.framework === undefined ? {} : { framework: options.framework }),
    }),
  };
}

/**
 * The exit code a scan earns: 2 when any input was unusable, 1 when a finding that counts is at or
 * above `failOn`, else 0.
 */
export function scanExitCode(report: Report, failOn: Severity | 'none'): 0 | 1 | 2 {
  if (report.summary.inputErrors > 0) return 2;
  if (failOn === 'none') return 0;
  return report.findings.some((finding) => !finding.suppressed && atLeast(finding.severity, failOn)) ? 1 : 0;
}
