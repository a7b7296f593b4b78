import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck } from '../check.ts';

/** Variable names that announce a credential. */
const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key)/i;
/** Names that only point at a credential (a file, a Secret's name), as `POSTGRES_PASSWORD_FILE` does. */
const REFERENCE_NAME = /[_-](file|path|dir|name|ref)$/i;

/** A credential written into the pod spec is readable by anyone who can read the workload. */
export const envSecretLiteral: WorkloadCheck = {
  id: 'env-secret-literal',
  title: 'Secret written as a literal environment variable',
  severity: 'high',
  theme: 'config',
  description:
    'An environment variable whose name announces a credential (PASSWORD, TOKEN, API_KEY, ...) has a literal value in the manifest. It ends up in Git, in the API server, in kubectl describe output and in every backup.',
  remediation:
    'Store the value in a Secret (managed with sealed-secrets, SOPS or an external secrets operator) and reference it with valueFrom.secretKeyRef.',
  references: ['Polaris: sensitiveContainerEnvVar', 'KubeLinter: env-var-secret', 'Kubescape: C-0012'],
  target: 'workload',
  *run(workload) {
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (!Array.isArray(container.env)) continue;
      for (const [index, variable] of container.env.entries()) {
        if (!isRecord(variable) || typeof variable.name !== 'string') continue;
        const { value } = variable;
        if (typeof value !== 'string' || value === '' || value.startsWith('/')) continue;
        if (!SECRET_NAME.test(variable.name) || REFERENCE_NAME.test(variable.name)) continue;
        yield {
          path: [...path, 'env', index, 'value'],
          message: `container "${name}" sets ${variable.name} to a literal value`,
        };
      }
    }
  },
};
