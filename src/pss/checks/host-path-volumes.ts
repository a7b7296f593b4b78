import type { FieldPath } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize } from '../format.ts';
import type { PodView } from '../pod.ts';
import { listAt, stringAt } from '../pod.ts';

function hostPathVolumesV1Dot0(pod: PodView): PssCheckResult {
  const bad: string[] = [];
  let path: FieldPath | undefined;
  listAt(pod.spec, 'volumes').forEach((volume, i) => {
    if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
    bad.push(stringAt(volume, 'name'));
    path ??= ['volumes', i, 'hostPath'];
  });
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`,
    path: path ?? [],
  };
}

/** Baseline `hostPathVolumes` (policy/check_hostPathVolumes.go); restricted replaces it with restrictedVolumes. */
export const hostPathVolumes: PssCheckDefinition = {
  id: 'hostPathVolumes',
  level: 'baseline',
  revisions: [{ minimumMinor: 0, check: hostPathVolumesV1Dot0 }],
};
