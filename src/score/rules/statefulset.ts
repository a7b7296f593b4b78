import { getAt, isRecord } from '../../model/path.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import type { ScoreInput, ScoreRule } from '../rule.ts';

/** `spec.volumeClaimTemplates[]` entries that have a `spec`, with their index. */
function templatesWithSpec(input: ScoreInput): { spec: Mapping; index: number }[] {
  const templates = getAt(input.object, ['spec', 'volumeClaimTemplates']);
  if (!Array.isArray(templates)) return [];
  const found: { spec: Mapping; index: number }[] = [];
  templates.forEach((template: unknown, index) => {
    const spec = getAt(template, ['spec']);
    if (isRecord(spec)) found.push({ spec, index });
  });
  return found;
}

/** kubesec matches a StatefulSet without any claim template: the rule holds vacuously ("if any exist"). */
function claimTemplates(test: (spec: Mapping) => boolean, field: FieldPath) {
  return (input: ScoreInput): readonly FieldPath[] => {
    const templates = templatesWithSpec(input);
    if (templates.length === 0) return [['spec']];
    return templates
      .filter(({ spec }) => test(spec))
      .map(({ index }) => ['spec', 'volumeClaimTemplates', index, 'spec', ...field]);
  };
}

/** kubesec VolumeClaimAccessModeReadWriteOnce: some claim template's accessModes is exactly `[ReadWriteOnce]`. */
export const volumeClaimAccessModeReadWriteOnce: ScoreRule = {
  id: 'VolumeClaimAccessModeReadWriteOnce',
  selector: '.spec .volumeClaimTemplates[] .spec .accessModes | index("ReadWriteOnce")',
  reason:
    'Setting the access mode of ReadWriteOnce on volumeClaimTemplates (if any exist) allows only one node to mount the persistentVolume',
  points: 1,
  kinds: ['StatefulSet'],
  match: claimTemplates(
    (spec) => {
      const modes = spec.accessModes;
      return Array.isArray(modes) && modes.length === 1 && modes[0] === 'ReadWriteOnce';
    },
    ['accessModes'],
  ),
};

/** kubesec VolumeClaimRequestsStorage: some claim template requests storage. */
export const volumeClaimRequestsStorage: ScoreRule = {
  id: 'VolumeClaimRequestsStorage',
  selector: '.spec .volumeClaimTemplates[] .spec .resources .requests .storage',
  reason:
    "Setting a storage request on volumeClaimTemplates (if any exist) allows for the StatefulSet's PVCs to be bound to appropriately sized PVs.",
  points: 1,
  kinds: ['StatefulSet'],
  match: claimTemplates(
    (spec) => {
      const storage = getAt(spec, ['resources', 'requests', 'storage']);
      return storage !== undefined && storage !== null;
    },
    ['resources', 'requests', 'storage'],
  ),
};
