import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { credentialFormatIn, isSecretName, looksLikeSecretValue, SECRET_NAME } from './credential.ts';

/** `key: value`, `key = value`, `key="value"` lines of a configuration file held in a ConfigMap. */
const ASSIGNMENT = /^\s*["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?([^"'\s#]+)["']?\s*(#.*)?$/;

/** Why one ConfigMap value (stored under `key`) contains a credential, or undefined. */
function configSecret(key: string, value: string): string | undefined {
  const format = credentialFormatIn(value);
  if (format !== undefined) return format;
  if (!value.includes('\n'))
    return isSecretName(key) && looksLikeSecretValue(value) ? 'credential-like key' : undefined;
  if (!SECRET_NAME.test(value)) return undefined;
  for (const line of value.split('\n')) {
    const match = ASSIGNMENT.exec(line);
    if (
      match?.[1] !== undefined &&
      match[2] !== undefined &&
      isSecretName(match[1]) &&
      looksLikeSecretValue(match[2])
    ) {
      return `line "${match[1]}" has a credential-like name`;
    }
  }
  return undefined;
}

/** ConfigMaps are not meant for secrets: they are readable by more subjects and shown in clear everywhere. */
export const secretInConfigmap: ResourceCheck = {
  id: 'secret-in-configmap',
  title: 'Credential in a ConfigMap',
  severity: 'high',
  theme: 'config',
  description:
    'A ConfigMap value holds a credential: a known format (private key, cloud key, token, JWT, password in a URL), a key with a credential-like name whose value passes the entropy guard, or a configuration file with such a key: value line. ConfigMaps are granted more broadly than Secrets, printed by kubectl describe and never encrypted at rest.',
  remediation:
    'Rotate the credential and move it to a Secret managed outside Git (sealed-secrets, SOPS, External Secrets Operator); keep only non-sensitive configuration in the ConfigMap.',
  nsa: ['secrets'],
  mitre: ['T1552.001', 'T1552.007'],
  references: [
    'Polaris: sensitiveConfigmapContent',
    'Trivy: KSV109',
    'Trivy: KSV-01010',
    'Kubescape: C-0012',
  ],
  kinds: ['ConfigMap'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const data = resource.object.data;
    if (!isRecord(data)) return violations;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const reason = configSecret(key, value);
      if (reason === undefined) continue;
      violations.push({
        path: ['data', key],
        message: `ConfigMap key "${key}" holds a credential (${reason})`,
      });
    }
    return violations;
  },
};
