import { getAt } from '../model/path.ts';
import type { ComponentView } from './components.ts';

/** A Kubernetes minor release, `1.30` as `{ major: 1, minor: 30 }`. */
export interface MinorVersion {
  readonly major: number;
  readonly minor: number;
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/;

/** Parses `v1.30.2`, `1.30`, `v1.31.0-rc.1`; undefined for anything else (`latest`, `stable-1`). */
export function parseMinorVersion(text: string): MinorVersion | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** True when `version` is `major.minor` or later. */
export function atLeast(version: MinorVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** `1.30`. */
export function versionText(version: MinorVersion): string {
  return `${String(version.major)}.${String(version.minor)}`;
}

/**
 * The Kubernetes version a component runs, when its configuration says: the tag of a static pod's
 * image (`registry.k8s.io/kube-apiserver:v1.30.2`, digest ignored), or a kubeadm
 * ClusterConfiguration's `kubernetesVersion`. Undefined when neither names a version.
 */
export function componentVersion(view: ComponentView): MinorVersion | undefined {
  if (view.source === 'kubeadm') {
    const version = view.resource.object.kubernetesVersion;
    return typeof version === 'string' ? parseMinorVersion(version) : undefined;
  }
  const image = getAt(view.resource.object, [...view.anchor.slice(0, -1), 'image']);
  if (typeof image !== 'string') return undefined;
  const name = image.split('@')[0] ?? '';
  const colon = name.lastIndexOf(':');
  if (colon < 0 || name.lastIndexOf('/') > colon) return undefined;
  return parseMinorVersion(name.slice(colon + 1));
}
