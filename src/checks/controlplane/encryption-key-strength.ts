import { getAt, isRecord } from '../../model/path.ts';
import type { FieldPath } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import type { InventoryCheck, InventoryViolation } from '../../model/check.ts';

/** Key sizes (bytes) the API server accepts per local-key provider (apiserver config validation). */
const KEY_SIZES: Readonly<Record<string, readonly number[]>> = {
  aescbc: [16, 24, 32],
  aesgcm: [16, 24, 32],
  secretbox: [32],
};

/** Keys printed in the Kubernetes documentation's examples: public, so no secret at all. */
const PUBLISHED_KEYS: ReadonlySet<string> = new Set([
  'c2VjcmV0IGlzIHNlY3VyZQ==',
  'dGhpcyBpcyBwYXNzd29yZA==',
  'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY=',
  'c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/Cg==',
  'c2VjcmV0IGlzIHNlY3VyZSwgSSB0aGluaw==',
]);

/** Standard base64 with padding, as Go's base64.StdEncoding decodes it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The keys of aescbc, aesgcm and secretbox providers: valid, full-length and not copied from the docs. */
export const encryptionKeyStrength: InventoryCheck = {
  id: 'encryption-key-strength',
  title: 'Encryption at rest keys',
  severity: 'high',
  theme: 'keys',
  description:
    'aescbc, aesgcm and secretbox encrypt with keys written in the EncryptionConfiguration as base64. The API server refuses a ' +
    'key that is not base64 or not 16, 24 or 32 bytes (32 for secretbox); the docs ask for 32 random bytes (AES-256). A key ' +
    "copied from the Kubernetes documentation's examples is public: anything encrypted with it can be read by anyone who " +
    'reads etcd.',
  remediation:
    'Generate each key with `head -c 32 /dev/urandom | base64`, put the new key first, restart the API servers and rewrite all ' +
    'Secrets (kubectl get secrets -A -o json | kubectl replace -f -); better, move to a kms v2 provider.',
  nsa: ['encryption', 'secrets'],
  references: ['CIS 1.2.28', 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  cis: ['1.2.28'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of inventory.configs) {
      if (config.kind === 'EncryptionConfiguration') yield* keyViolations(config);
    }
  },
};

function* keyViolations(config: Resource): Generator<InventoryViolation> {
  const entries = getAt(config.object, ['resources']);
  for (const [entry, resources] of (Array.isArray(entries) ? entries : []).entries()) {
    const providers = getAt(resources, ['providers']);
    for (const [index, provider] of (Array.isArray(providers) ? providers : []).entries()) {
      if (!isRecord(provider)) continue;
      for (const [name, sizes] of Object.entries(KEY_SIZES)) {
        const keys = getAt(provider, [name, 'keys']);
        for (const [key, item] of (Array.isArray(keys) ? keys : []).entries()) {
          const path: FieldPath = ['resources', entry, 'providers', index, name, 'keys', key, 'secret'];
          const label = `${name} key ${isRecord(item) && typeof item.name === 'string' ? item.name : String(key)}`;
          const message = keyProblem(getAt(item, ['secret']), sizes);
          if (message)
            yield { resource: config, path, message: `EncryptionConfiguration ${label} ${message}` };
        }
      }
    }
  }
}

function keyProblem(secret: unknown, sizes: readonly number[]): string | undefined {
  if (typeof secret !== 'string' || !BASE64.test(secret))
    return 'is not standard base64, so the API server refuses the file';
  if (PUBLISHED_KEYS.has(secret))
    return 'is an example key from the Kubernetes documentation, known to anyone';
  const bytes = Buffer.from(secret, 'base64').length;
  if (!sizes.includes(bytes))
    return `is ${String(bytes)} bytes; the API server accepts only ${sizes.join(', ')}`;
  if (bytes < 32) return `is ${String(bytes)} bytes; use 32 random bytes`;
  return undefined;
}
