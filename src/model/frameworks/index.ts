import type { CheckMeta } from '../check.ts';
import type { Framework, FrameworkId } from './framework.ts';
import { MITRE_ATTACK_CONTAINERS } from './mitre.ts';
import { NSA_CISA_HARDENING } from './nsa.ts';
import { POD_SECURITY_STANDARDS } from './pss.ts';

/** The frameworks whose catalogue kubeward carries. */
export const FRAMEWORK_CATALOGUES: Readonly<Record<Exclude<FrameworkId, 'cis'>, Framework>> = {
  nsa: NSA_CISA_HARDENING,
  mitre: MITRE_ATTACK_CONTAINERS,
  pss: POD_SECURITY_STANDARDS,
};

/** Orders CIS recommendation ids (`1.2.10` after `1.2.9`) numerically, part by part. */
function compareCisIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The CIS Kubernetes Benchmark as far as the checks name it: one control per id some check declares
 * in `cis`, titled by its id. Recommendations no check implements are not listed.
 */
export function cisFromChecks(checks: readonly CheckMeta[]): Framework {
  const ids = [...new Set(checks.flatMap((check) => check.cis ?? []))].sort(compareCisIds);
  return {
    id: 'cis',
    title: 'CIS Kubernetes Benchmark',
    source: 'CIS Kubernetes Benchmark, recommendations named by the checks',
    controls: ids.map((id) => ({ id, title: id, group: id.split('.')[0] ?? id })),
  };
}

/** The catalogue of `id`; CIS is built from the ids the given checks declare. */
export function frameworkCatalogue(id: FrameworkId, checks: readonly CheckMeta[]): Framework {
  return id === 'cis' ? cisFromChecks(checks) : FRAMEWORK_CATALOGUES[id];
}
