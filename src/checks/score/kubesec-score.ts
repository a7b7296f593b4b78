import { isStaticPod } from '../../model/static-pod.ts';
import { matchedRules, reportOrder } from '../../score/matched-rules.ts';
import type { MatchedRules } from '../../score/matched-rules.ts';
import { rulesOf } from '../../score/ruleset.ts';
import { NO_VIOLATIONS } from '../../model/check.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

const SCORED_KINDS = [...new Set(rulesOf('kubesec-head').flatMap((rule) => rule.kinds))];

/** Whether a matched rule is negative: what puts an object in kubesec's critical bucket. */
function hasCritical({ rules, matched }: MatchedRules): boolean {
  return rules.some((rule, i) => matched[i] === true && rule.points < 0);
}

/** The ids of the matched rules of one bucket (negative or not), in kubesec's order, comma-separated. */
function bucketIds({ rules, matched }: MatchedRules, critical: boolean): string {
  const ids: string[] = [];
  for (const i of reportOrder(rules)) {
    const rule = rules[i];
    if (rule !== undefined && matched[i] === true && rule.points < 0 === critical) ids.push(rule.id);
  }
  return ids.join(', ');
}

/** kubesec's critical and passed buckets as one parenthesis: `critical: A, B; passed: C`, empty ones left out. */
function bucketsOf(matches: MatchedRules): string {
  const buckets: string[] = [];
  const critical = bucketIds(matches, true);
  const passed = bucketIds(matches, false);
  if (critical !== '') buckets.push(`critical: ${critical}`);
  if (passed !== '') buckets.push(`passed: ${passed}`);
  return buckets.join('; ');
}

/**
 * kubesec's risk score inside `kubeward scan`: one finding per object that matches a critical kubesec
 * rule or scores below `settings.kubesecMinScore` (default 0, as kubesec-webhook's `--min-score`), at
 * the object, naming the rules of each kubesec bucket. The fields the critical rules match are reported
 * by the checks that own them. Uses the kubesec master rule set, without kubesec's schema validation
 * (scan reports input problems itself).
 */
export const kubesecScore: ResourceCheck = {
  id: 'kubesec-score',
  title: 'kubesec risk score',
  severity: 'medium',
  theme: 'config',
  description:
    "Scores each workload and RoleBinding with kubesec's rules (the hardening guide's static analysis of YAML). " +
    'An object is reported once, at the object, when it matches a critical rule (privileged, host namespaces, ' +
    'docker.sock, CAP_SYS_ADMIN, allowPrivilegeEscalation, unconfined profiles, Secrets in env, bindings to ' +
    'system:anonymous) or its total score is below the configured minimum; the message gives the score and ' +
    "the rules it matched (kubesec's critical and passed buckets; `kubeward score` lists the advice). The fields a critical rule matches are " +
    'reported where they are by the checks that own them.',
  remediation:
    'Remove the fields the critical rules point at, and earn points with securityContext hardening ' +
    '(runAsNonRoot, high runAsUser/runAsGroup, readOnlyRootFilesystem, drop ALL capabilities, seccomp and ' +
    'AppArmor profiles), resource requests and limits, and a dedicated service account. ' +
    'Run `kubeward score --explain` to see every rule. Static pods are not scored here: their host ' +
    'network and mounts are what the component needs, judged by the control-plane checks ' +
    '(`kubeward score` still scores them as kubesec does).',
  references: ['kubesec:v2 (controlplaneio/kubesec pkg/ruler/ruleset.go)', 'https://kubesec.io'],
  target: 'resource',
  kinds: SCORED_KINDS,
  run(resource, { inventory, settings }): readonly Violation[] {
    if (isStaticPod(inventory, resource)) return NO_VIOLATIONS;
    const score = matchedRules(resource.object);
    const below = score.score < settings.kubesecMinScore;
    if (!below && !hasCritical(score)) return NO_VIOLATIONS;
    const verdict = below ? ` is below the minimum of ${String(settings.kubesecMinScore)}` : '';
    const rules = bucketsOf(score);
    return [
      {
        path: [],
        message: `kubesec score ${String(score.score)}${verdict}${rules === '' ? '' : ` (${rules})`}`,
      },
    ];
  },
};
