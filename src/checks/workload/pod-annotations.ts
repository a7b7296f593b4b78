import type { FieldPath } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import { podTemplateOf } from '../../model/workload.ts';

/** One annotation of a pod template, with its path inside the object. */
export interface PodAnnotation {
  readonly key: string;
  readonly value: unknown;
  readonly path: FieldPath;
}

/**
 * The annotations of a workload's pod template (a Pod's own) whose key is `wanted`, in manifest
 * order, for checks that must point into the metadata; workload checks only get paths below the pod
 * spec. Empty for non-workloads.
 */
export function podTemplateAnnotations(
  resource: Resource,
  wanted: (key: string) => boolean,
): PodAnnotation[] {
  const template = podTemplateOf(resource, '');
  if (template === undefined) return [];
  const annotations = template.podMetadata.annotations;
  if (!isRecord(annotations)) return [];
  const found: PodAnnotation[] = [];
  for (const key of Object.keys(annotations)) {
    if (!wanted(key)) continue;
    found.push({ key, value: annotations[key], path: [...template.metadataPath, 'annotations', key] });
  }
  return found;
}
