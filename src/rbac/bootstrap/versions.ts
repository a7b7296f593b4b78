import type { BootstrapPolicy } from './types.ts';
import { BOOTSTRAP_POLICY_1_36 } from './v1.36.ts';

/** The generated tables, oldest first. */
export const BOOTSTRAP_POLICIES: readonly BootstrapPolicy[] = [BOOTSTRAP_POLICY_1_36];

/** The Kubernetes version asked when none is given: the newest table. */
export const LATEST_KUBERNETES_VERSION = 'latest';

/** `1.36, …`: the minor versions a table exists for, for messages. */
export const knownKubernetesVersions = (): string =>
  BOOTSTRAP_POLICIES.map((policy) => policy.kubernetesVersion).join(', ');

const minorOf = (version: string): number => Number(version.split('.')[1]);

/**
 * The table for a Kubernetes version (`latest`, `1.35`, `v1.35.2`, `1.35.0-rc.1`): the table of that
 * minor, or of the nearest older minor that has one (bootstrap roles change only with a minor
 * release). Undefined for a malformed version or one older than every table.
 */
export function bootstrapPolicyFor(version: string): BootstrapPolicy | undefined {
  if (version === LATEST_KUBERNETES_VERSION) return BOOTSTRAP_POLICIES.at(-1);
  const match = /^v?1\.(0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?)?$/.exec(version);
  if (match === null) return undefined;
  const minor = Number(match[1]);
  return BOOTSTRAP_POLICIES.findLast((policy) => minorOf(policy.kubernetesVersion) <= minor);
}

/** The sentence a usage or config error gives for a version {@link bootstrapPolicyFor} rejects. */
export function unknownKubernetesVersion(version: string): string {
  return `Kubernetes version ${JSON.stringify(version)} has no bootstrap policy table: give "latest" or 1.N (v1.N.P) from ${BOOTSTRAP_POLICIES[0]?.kubernetesVersion ?? ''} on (tables: ${knownKubernetesVersions()}; a version between two uses the older)`;
}
