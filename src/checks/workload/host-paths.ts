import type { FieldPath, Mapping } from '../../model/path.ts';
import { normaliseFilePath } from '../../model/file-path.ts';
import { isRecord } from '../../model/path.ts';

/** A hostPath volume of a pod spec, with its normalised path. */
export interface HostPathVolume {
  readonly name: string;
  readonly hostPath: string;
  /** Path of `hostPath.path` relative to the pod spec. */
  readonly path: FieldPath;
}

/** Collapses repeated and trailing slashes: `//var//run/` → `/var/run`; `` and `/` → `/`. */
export const normaliseHostPath = normaliseFilePath;

/** True when `path` is `base` or lies below it (`/etc/kubernetes` is within `/etc`). */
export function isWithin(path: string, base: string): boolean {
  if (base === '/' || path === base) return true;
  return path.length > base.length && path.charCodeAt(base.length) === 47 && path.startsWith(base);
}

/** Every hostPath volume of the pod spec, in order. */
export function* hostPathVolumes(podSpec: Mapping): Generator<HostPathVolume> {
  const volumes = podSpec.volumes;
  if (!Array.isArray(volumes)) return;
  for (const [index, volume] of volumes.entries()) {
    if (!isRecord(volume) || !isRecord(volume.hostPath) || typeof volume.hostPath.path !== 'string') continue;
    yield {
      name: typeof volume.name === 'string' ? volume.name : '',
      hostPath: normaliseHostPath(volume.hostPath.path),
      path: ['volumes', index, 'hostPath', 'path'],
    };
  }
}
