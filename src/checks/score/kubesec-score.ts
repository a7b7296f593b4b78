import { isStaticPod } from '../../model/static-pod.ts';
import { rulesOf } from '../../score/ruleset.ts';
import { criticalOutcomes, matchRules, passedOutcomes } from '../../score/score.ts';
import type { RuleOutcome } from '../../score/score.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

const SCORED_KINDS = [...new Set(rulesOf('kubesec-head').flatMap((rule) => rule.kinds))];

/** A matched negative rule: what puts an object in kubesec's critical bucket. */
const isCritical = ({ rule, matched }: RuleOutcome): boolean => matched && rule.points < 0;

function ruleIds(outcomes: readonly RuleOutcome[]): string {
  return outcomes.map(({ rule }) => rule.id).join(', ');
}

/** kubesec's critical and passed buckets as one parenthesis: `critical: A, B; passed: C`, empty ones left out. */
function bucketsOf(critical: readonly RuleOutcome[], passed: readonly RuleOutcome[]): string {
  const buckets: string[] = [];
  if (critical.length > 0) buckets.push(`critical: ${ruleIds(critical)}`);
  if (passed.length > 0) buckets.push(`passed: ${ruleIds(passed)}`);
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
  run(resource, { inventory, settings }): Violation[] {
    if (isStaticPod(inventory, resource)) return [];
    const score = matchRules(resource.object, { located: false });
    const below = score.score < settings.kubesecMinScore;
    if (!below && !score.outcomes.some(isCritical)) return [];
    const critical = criticalOutcomes(score.outcomes);
    const verdict = below ? ` is below the minimum of ${String(settings.kubesecMinScore)}` : '';
    const rules = bucketsOf(critical, passedOutcomes(score.outcomes));
    return [
      {
        path: [],
        message: `kubesec score ${String(score.score)}${verdict}${rules === '' ? '' : ` (${rules})`}`,
      },
    ];
  },
};
