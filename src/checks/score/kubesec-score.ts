import { formatPath } from '../../model/path.ts';
import { rulesOf } from '../../score/ruleset.ts';
import { criticalOutcomes, matchRules } from '../../score/score.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

const SCORED_KINDS = [...new Set(rulesOf('kubesec-head').flatMap((rule) => rule.kinds))];

/**
 * kubesec's risk score inside `kubeward scan`: one finding per matched critical kubesec rule (at the
 * field that matched it), and one for the object when its score is below `settings.kubesecMinScore`
 * (default 0, as kubesec-webhook's `--min-score`). Uses the kubesec master rule set, without kubesec's
 * schema validation (scan reports input problems itself).
 */
export const kubesecScore: ResourceCheck = {
  id: 'kubesec-score',
  title: 'kubesec risk score',
  severity: 'medium',
  theme: 'config',
  description:
    "Scores each workload and RoleBinding with kubesec's rules (the hardening guide's static analysis of YAML). " +
    'A critical rule (privileged, host namespaces, docker.sock, CAP_SYS_ADMIN, allowPrivilegeEscalation, ' +
    'unconfined profiles, Secrets in env, bindings to system:anonymous) is reported where it matches; the ' +
    'object is reported when its total score is below the configured minimum.',
  remediation:
    'Remove the fields the critical rules point at, and earn points with securityContext hardening ' +
    '(runAsNonRoot, high runAsUser/runAsGroup, readOnlyRootFilesystem, drop ALL capabilities, seccomp and ' +
    'AppArmor profiles), resource requests and limits, and a dedicated service account. ' +
    'Run `kubeward score --explain` to see every rule.',
  references: ['kubesec:v2 (controlplaneio/kubesec pkg/ruler/ruleset.go)', 'https://kubesec.io'],
  target: 'resource',
  kinds: SCORED_KINDS,
  run(resource, { settings }): Violation[] {
    const violations: Violation[] = [];
    const result = matchRules(resource.object);
    for (const { rule, paths } of criticalOutcomes(result.outcomes)) {
      const path = paths[0] ?? [];
      violations.push({
        path,
        message: `kubesec rule ${rule.id} (${String(rule.points)} points) matches ${path.length === 0 ? 'the object' : formatPath(path)}`,
      });
    }
    if (result.score < settings.kubesecMinScore)
      violations.push({
        path: [],
        message: `kubesec score ${String(result.score)} is below the minimum of ${String(settings.kubesecMinScore)}`,
      });
    return violations;
  },
};
