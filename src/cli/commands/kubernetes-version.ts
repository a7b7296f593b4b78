import { InvalidArgumentError, Option } from 'commander';
import {
  bootstrapPolicyFor,
  knownKubernetesVersions,
  unknownKubernetesVersion,
} from '../../rbac/bootstrap/index.ts';

function parseKubernetesVersion(text: string): string {
  if (bootstrapPolicyFor(text) === undefined) throw new InvalidArgumentError(unknownKubernetesVersion(text));
  return text;
}

/**
 * `--kubernetes-version VERSION` of the commands that add the cluster's default RBAC objects: which
 * Kubernetes version's bootstrap roles and bindings (the newest table when left out).
 */
export function kubernetesVersionOption(): Option {
  return new Option(
    '--kubernetes-version <version>',
    `Kubernetes version whose default roles and bindings are added: latest or 1.N (tables: ${knownKubernetesVersions()}; a newer version uses the newest table)`,
  ).argParser(parseKubernetesVersion);
}
