import type { Inventory } from '../model/inventory.ts';
import type { Resource } from '../model/resource.ts';

/**
 * The loaded config of `kind` that a component flag names (`--authorization-config=/etc/kubernetes/authz.yaml`).
 * The flag holds the path on the node while the scan read a copy, so the config whose file name ends
 * with the longest part of that path wins; when none matches by name and exactly one config of the kind
 * was loaded, that one is used. Undefined when the file was not part of the scan.
 */
export function configNamedBy(inventory: Inventory, kind: string, nodePath: string): Resource | undefined {
  const candidates = inventory.configs.filter((config) => config.kind === kind);
  const wanted = nodePath.split('/').filter((part) => part !== '');
  let best: Resource | undefined;
  let bestScore = 0;
  for (const config of candidates) {
    const parts = config.origin.file.split(/[\\/]/).filter((part) => part !== '');
    let score = 0;
    while (
      score < wanted.length &&
      score < parts.length &&
      wanted[wanted.length - 1 - score] === parts[parts.length - 1 - score]
    )
      score++;
    if (score > bestScore) {
      best = config;
      bestScore = score;
    }
  }
  if (best) return best;
  return candidates.length === 1 ? candidates[0] : undefined;
}
