import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import { NO_VIOLATIONS } from '../../model/check.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { secretReason } from './credential.ts';

/**
 * A credential written as an env literal is readable by anyone who can read the workload. Finds
 * known token formats under any name, and values under credential-like names that pass the
 * entropy guard.
 */
export const secretInEnvValue: WorkloadCheck = {
  id: 'secret-in-env-value',
  title: 'Credential in an environment variable literal',
  severity: 'high',
  theme: 'config',
  description:
    'An env entry holds a credential as a literal value: a known format (private key, AWS key ID, GitHub/GitLab/Slack/npm token, Google or Stripe key, JWT, password in a URL) under any name, or a value under a credential-like name (PASSWORD, TOKEN, API_KEY, SECRET, DSN, ...) that is not a path, number, template or placeholder and has at least 6 characters and 2.5 bits of entropy per character. An obvious placeholder (`changeme`, `REPLACE_ME`, `INSERT_…_HERE`, `your-…`, `<…>`, `${…}`, `{{ … }}`) is not reported at all: it holds no credential, so there is nothing to rotate, and a finding on every chart default would bury the real ones (a known token format is still reported whatever surrounds it). It ends up in Git, in the API server, in kubectl describe output and in every backup.',
  remediation:
    'Rotate the credential, store it in a Secret managed outside Git (sealed-secrets, SOPS, External Secrets Operator) and mount it as a file (or reference it with valueFrom.secretKeyRef).',
  nsa: ['secrets'],
  mitre: ['T1552.001', 'T1552.007'],
  references: ['Polaris: sensitiveContainerEnvVar', 'KubeLinter: env-var-secret', 'Kubescape: C-0012'],
  target: 'workload',
  run(workload): readonly Violation[] {
    let violations: Violation[] | undefined;
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      const { env } = container;
      if (!Array.isArray(env)) continue;
      for (let index = 0; index < env.length; index++) {
        const variable: unknown = env[index];
        if (!isRecord(variable) || typeof variable.name !== 'string' || typeof variable.value !== 'string')
          continue;
        const reason = secretReason(variable.name, variable.value);
        if (reason === undefined) continue;
        (violations ??= []).push({
          path: [...path, 'env', index, 'value'],
          message: `container "${name}" env ${variable.name} holds a literal credential (${reason})`,
        });
      }
    }
    return violations ?? NO_VIOLATIONS;
  },
};
