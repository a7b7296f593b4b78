import type { FieldPath } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import { listAt, stringAt } from '../pod.ts';

/** Inline volume sources the restricted level allows (`image` since library v0.33, at every policy version). */
const ALLOWED_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
] as const;

/** Restricted sources, in the order PSA tests them; the first one set names the volume's type. */
const RESTRICTED_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
] as const;

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

function restrictedVolumesV1Dot0(pod: PodView): PssCheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  let path: FieldPath | undefined;
  listAt(pod.spec, 'volumes').forEach((volume, i) => {
    if (!isRecord(volume)) return;
    if (ALLOWED_SOURCES.some((source) => isSet(volume[source]))) return;
    // A volume with no source at all is defaulted to emptyDir by the API server before PSA sees it.
    const source = RESTRICTED_SOURCES.find((candidate) => isSet(volume[candidate]));
    if (source === undefined) return;
    bad.push(stringAt(volume, 'name'));
    types.push(source);
    path ??= ['volumes', i, source];
  });
  if (bad.length === 0) return ALLOWED;
  const distinct = sortedSet(types);
  return {
    allowed: false,
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
    path: path ?? [],
  };
}

/**
 * Restricted `restrictedVolumes` (policy/check_restrictedVolumes.go): only configMap, csi,
 * downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.
 * Replaces the baseline `hostPathVolumes` at the restricted level.
 */
export const restrictedVolumes: PssCheckDefinition = {
  id: 'restrictedVolumes',
  level: 'restricted',
  revisions: [{ minimumMinor: 0, check: restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] }],
};
