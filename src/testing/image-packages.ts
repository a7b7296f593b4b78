import type { ImagePackage } from '../images/package.ts';

/**
 * A package as a dpkg status file lists it, matched against advisories of `ecosystem` under
 * `advisoryName` at `advisoryVersion` (by default its own name and version).
 */
export function imagePackage(
  ecosystem: string,
  name: string,
  version: string,
  advisoryName = name,
  advisoryVersion = version,
): ImagePackage {
  return {
    name,
    version,
    ecosystem,
    origin: 'dpkg',
    advisoryName,
    advisoryVersion,
    file: '/var/lib/dpkg/status',
    purl: `pkg:x/${name}@${version}`,
  };
}
