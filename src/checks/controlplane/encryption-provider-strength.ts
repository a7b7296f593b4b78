import { getAt, isRecord } from '../../model/path.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import type { InventoryCheck, InventoryViolation } from '../../model/check.ts';
import type { Resource } from '../../model/resource.ts';

/** Patterns of `resources` that cover core secrets (names, `*.` for the core group, `*.*` for all). */
const COVERS_SECRETS = new Set(['secrets', '*.', '*.*']);

/**
 * The providers of an EncryptionConfiguration: secrets covered, `identity` never first, and the first
 * provider strong per the Kubernetes docs (encrypt-data.md): aescbc is weak, aesgcm needs rotation every
 * 200,000 writes, KMS v1 is deprecated (1.28) and off by default (1.29); kms v2 and secretbox are fine.
 */
export const encryptionProviderStrength: InventoryCheck = {
  id: 'encryption-provider-strength',
  title: 'Encryption at rest providers',
  severity: 'high',
  theme: 'keys',
  description:
    'The first provider of each resources entry encrypts new writes; the others only decrypt. Secrets must be covered by an ' +
    'entry (secrets, *. or *.*) whose first provider is not identity. The docs rate aescbc weak (padding oracle), aesgcm safe only ' +
    'with automated rotation, and KMS v1 deprecated; kms with apiVersion v2 is preferred, secretbox is strong with a local key.',
  remediation:
    'Put a kms provider with apiVersion: v2 (or secretbox) first for secrets, keep identity only as a trailing fallback during migration, then rewrite all Secrets.',
  nsa: ['encryption', 'secrets'],
  references: ['CIS 1.2.28', 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  cis: ['1.2.28'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of inventory.configs) {
      if (config.kind !== 'EncryptionConfiguration') continue;
      yield* providerViolations(config);
    }
  },
};

function* providerViolations(config: Resource): Generator<InventoryViolation> {
  const entries = getAt(config.object, ['resources']);
  const list = Array.isArray(entries) ? entries : [];
  let secretsEntry = -1;
  for (let index = 0; index < list.length; index++) {
    const entry: unknown = list[index];
    if (!isRecord(entry)) continue;
    const resources = Array.isArray(entry.resources) ? entry.resources : [];
    if (secretsEntry === -1 && resources.some((name) => typeof name === 'string' && COVERS_SECRETS.has(name)))
      secretsEntry = index;
    const providers = Array.isArray(entry.providers) ? entry.providers : [];
    const first: unknown = providers[0];
    const path: FieldPath = ['resources', index, 'providers', 0];
    const names = resources.filter((name) => typeof name === 'string').join(', ');
    if (!isRecord(first)) {
      yield {
        resource: config,
        path: ['resources', index],
        message: `EncryptionConfiguration entry for ${names} has no providers`,
      };
      continue;
    }
    const message = weakness(first);
    if (message)
      yield { resource: config, path, message: `EncryptionConfiguration encrypts ${names} with ${message}` };
  }
  if (secretsEntry === -1)
    yield {
      resource: config,
      path: list.length > 0 ? ['resources'] : [],
      message: 'EncryptionConfiguration does not cover secrets, so they are stored unencrypted',
    };
}

function weakness(provider: Mapping): string | undefined {
  if ('identity' in provider) return 'identity first, which stores them unencrypted';
  if ('aescbc' in provider) return 'aescbc, which the Kubernetes docs rate weak';
  if ('aesgcm' in provider) return 'aesgcm, whose key must be rotated every 200,000 writes';
  const kms = provider.kms;
  if (isRecord(kms) && kms.apiVersion !== 'v2')
    return 'KMS v1, deprecated since 1.28 and disabled by default since 1.29';
  return undefined;
}
