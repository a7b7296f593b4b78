import type { ResourceCheck } from '../model/check.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Finding } from '../model/finding.ts';
import { buildInventory } from '../model/inventory.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import { DEFAULT_NAMESPACE, isClusterScoped } from '../model/scope.ts';
import type { Severity } from '../model/severity.ts';
import type { ScoreProfile, ScoreRule } from '../score/rule.ts';
import { rulesOf } from '../score/ruleset.ts';
import type { ScoredSubject } from '../score/scan-inputs.ts';
import { fieldName } from '../score/scan-inputs.ts';
import { buildReport } from './report.ts';
import type { Report } from './report.ts';

/** How bad a matched negative rule is, from its points: -30 critical, -7 to -9 high, -3 to -5 medium, -1 low. */
function severityOfPoints(points: number): Severity {
  if (points <= -30) return 'critical';
  if (points <= -7) return 'high';
  if (points <= -3) return 'medium';
  return 'low';
}

/** A kubesec rule as check metadata (id = the kubesec rule id), so the SARIF renderer lists it as a rule. */
function ruleCheck(rule: ScoreRule): ResourceCheck {
  return {
    id: rule.id,
    title: `kubesec ${rule.id}`,
    severity: rule.points < 0 ? severityOfPoints(rule.points) : 'info',
    theme: 'config',
    description: `${rule.reason} (kubesec selector: ${rule.selector}; ${String(rule.points)} points).`,
    remediation:
      rule.points < 0
        ? `Change the object so that \`${rule.selector}\` no longer matches.`
        : `Set \`${rule.selector}\`.`,
    references: [`kubesec:${rule.id}`],
    target: 'resource',
    kinds: rule.kinds,
    run: () => [],
  };
}

/** The scored subject as a Resource (only for mappings with a string kind and apiVersion). */
function resourceOf({ subject }: ScoredSubject): Resource | undefined {
  const { value } = subject;
  if (!isRecord(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string')
    return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return {
    apiVersion: value.apiVersion,
    kind: value.kind,
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace:
      typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined,
    role: 'object',
    object: value,
    origin: subject.origin,
  };
}

/**
 * A kubeward Report of a score run, for `-o sarif`: one finding per matched critical rule (checkId =
 * the kubesec rule id, path = the first field that matched, severity from the points), and a
 * diagnostic for every document that failed schema validation. Objects that name no namespace are in
 * `defaultNamespace` (`--default-namespace`).
 */
export function scoreRunReport(
  scored: readonly ScoredSubject[],
  profile: ScoreProfile,
  diagnostics: readonly Diagnostic[],
  files: number,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): Report {
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  const invalid: Diagnostic[] = [];
  for (const entry of scored) {
    const resource = resourceOf(entry);
    if (resource) resources.push(resource);
    if (!entry.report.valid) {
      const { line, column } = entry.subject.origin.locate([]);
      invalid.push({
        level: 'error',
        file: entry.subject.origin.file,
        line,
        column,
        message: `${entry.report.object}: ${entry.report.message.trimEnd()}`,
      });
    }
    if (!resource || !entry.result || !entry.report.valid) continue;
    for (const { rule, paths } of entry.result.critical) {
      const path = paths[0] ?? [];
      findings.push({
        checkId: rule.id,
        severity: severityOfPoints(rule.points),
        theme: 'config',
        message: `${rule.reason} (${fieldName(path)}, ${String(rule.points)} points)`,
        remediation: `Change the object so that \`${rule.selector}\` no longer matches.`,
        object: {
          apiVersion: resource.apiVersion,
          kind: resource.kind,
          namespace: isClusterScoped(resource.kind) ? '' : (resource.namespace ?? defaultNamespace),
          name: resource.name,
        },
        resource,
        path,
        suppressed: undefined,
      });
    }
  }
  return buildReport({
    checks: rulesOf(profile)
      .filter((rule) => rule.points < 0)
      .map(ruleCheck),
    inventory: buildInventory(resources, { defaultNamespace }),
    findings,
    diagnostics: [...diagnostics, ...invalid],
    files,
  });
}
