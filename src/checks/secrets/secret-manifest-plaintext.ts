import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** Secret data in a manifest is only base64-encoded: committing it publishes the credential. */
export const secretManifestPlaintext: ResourceCheck = {
  id: 'secret-manifest-plaintext',
  title: 'Secret manifest with its values in plaintext',
  severity: 'high',
  theme: 'config',
  description:
    'A Secret manifest carries data or stringData. Base64 is an encoding, not encryption: whoever reads the repository, the CI logs or the rendered chart reads the credential. Secrets in version control should be encrypted (SOPS, sealed-secrets) or fetched at runtime (External Secrets Operator, Secrets Store CSI driver).',
  remediation:
    'Remove the Secret from the repository and rotate its values. Commit a SealedSecret, a SOPS-encrypted file or an ExternalSecret instead.',
  nsa: ['secrets'],
  mitre: ['T1552.001'],
  references: ['Checkov: CKV_K8S_104', 'Kubescape: C-0208', 'Kubescape: C-0012'],
  kinds: ['Secret'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    for (const field of ['data', 'stringData'] as const) {
      const values = resource.object[field];
      if (!isRecord(values)) continue;
      const keys = Object.keys(values).filter((key) => values[key] !== '' && values[key] !== null);
      if (keys.length === 0) continue;
      violations.push({
        path: [field],
        message: `Secret "${resource.name}" carries ${String(keys.length)} ${keys.length === 1 ? 'value' : 'values'} in ${field} (${keys.join(', ')}) unencrypted`,
      });
    }
    return violations;
  },
};
