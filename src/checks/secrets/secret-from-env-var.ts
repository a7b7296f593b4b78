import { containersOf } from '../../model/containers.ts';
import { getAt, isRecord } from '../../model/path.ts';
import { NO_VIOLATIONS } from '../../model/check.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { valueText } from '../workload/value-text.ts';

const SECRET_KEY_REF = ['valueFrom', 'secretKeyRef'];
const SECRET_REF = ['secretRef'];

/** Secrets in environment variables leak through crash dumps, child processes, /proc and debug endpoints. */
export const secretFromEnvVar: WorkloadCheck = {
  id: 'secret-from-env-var',
  title: 'Secret passed as environment variables',
  severity: 'low',
  theme: 'config',
  description:
    'env[].valueFrom.secretKeyRef or envFrom[].secretRef puts a Secret into the process environment. Environments are inherited by every child process, printed by crash handlers and debug pages, and readable in /proc/<pid>/environ; a Secret volume keeps the value in a file with its own permissions and picks up rotations.',
  remediation: 'Mount the Secret as a volume (readOnly) and have the program read the file.',
  nsa: ['secrets'],
  references: ['KubeLinter: read-secret-from-env-var', 'Checkov: CKV_K8S_35', 'Kubescape: C-0207'],
  cis: ['5.4.1'],
  target: 'workload',
  run(workload): readonly Violation[] {
    let violations: Violation[] | undefined;
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      const { env, envFrom } = container;
      if (Array.isArray(env)) {
        for (let index = 0; index < env.length; index++) {
          const variable: unknown = env[index];
          const ref = getAt(variable, SECRET_KEY_REF);
          if (!isRecord(ref) || !isRecord(variable)) continue;
          (violations ??= []).push({
            path: [...path, 'env', index, 'valueFrom', 'secretKeyRef'],
            message: `container "${name}" env ${valueText(variable.name)} reads key "${valueText(ref.key)}" of Secret "${valueText(ref.name)}"`,
          });
        }
      }
      if (Array.isArray(envFrom)) {
        for (let index = 0; index < envFrom.length; index++) {
          const ref = getAt(envFrom[index], SECRET_REF);
          if (!isRecord(ref)) continue;
          (violations ??= []).push({
            path: [...path, 'envFrom', index, 'secretRef'],
            message: `container "${name}" loads every key of Secret "${valueText(ref.name)}" into its environment`,
          });
        }
      }
    }
    return violations ?? NO_VIOLATIONS;
  },
};
