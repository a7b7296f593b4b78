import { Enums, Models } from '@cyclonedx/cyclonedx-library';
import { VERSION } from '../version.ts';
import type { Distribution } from './os-release.ts';
import type { ImagePackage } from './package.ts';

/** What the SBOM describes: the image, by name and manifest digest. */
export interface SbomSubject {
  readonly name: string;
  readonly digest: string;
}

/**
 * A CycloneDX BOM of an image (CycloneDX 1.6; `@cyclonedx/cyclonedx-library`'s model): the image as
 * the metadata's `container` component, its distribution as an `operating-system` component, and
 * one `library` component per package, with its purl, licence and the file it was found in
 * (`kubeward:file`). Components are keyed by purl and file, so a package listed twice in one file
 * is one component.
 */
export function imageBom(
  subject: SbomSubject,
  distribution: Distribution | undefined,
  packages: readonly ImagePackage[],
  now: Date,
): Models.Bom {
  const bom = new Models.Bom();
  bom.metadata.timestamp = now;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'kubeward', { version: VERSION }),
  );
  bom.metadata.component = new Models.Component(Enums.ComponentType.Container, subject.name, {
    bomRef: subject.digest,
    version: subject.digest,
  });
  if (distribution !== undefined) {
    bom.components.add(
      new Models.Component(Enums.ComponentType.OperatingSystem, distribution.id, {
        bomRef: `os:${distribution.id}@${distribution.versionId ?? ''}`,
        ...(distribution.versionId === undefined ? {} : { version: distribution.versionId }),
        ...(distribution.prettyName === undefined ? {} : { description: distribution.prettyName }),
      }),
    );
  }
  const seen = new Set<string>();
  for (const item of packages) {
    const ref = `${item.purl}#${item.file}`;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const component = new Models.Component(Enums.ComponentType.Library, item.name, {
      bomRef: ref,
      version: item.version,
      purl: item.purl,
    });
    if (item.license !== undefined && item.license !== '') {
      component.licenses.add(new Models.NamedLicense(item.license));
    }
    component.properties.add(new Models.Property('kubeward:file', item.file));
    component.properties.add(new Models.Property('kubeward:ecosystem', item.ecosystem));
    bom.components.add(component);
  }
  return bom;
}
