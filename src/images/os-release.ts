/**
 * The distribution an image runs, from `etc/os-release` (or `usr/lib/os-release`, which it points
 * to): shell-style `KEY=value` lines as os-release(5) describes them.
 */

/** What os-release says; `id` is lowercase (`debian`, `alpine`, `ubuntu`). */
export interface Distribution {
  readonly id: string;
  readonly versionId: string | undefined;
  readonly versionCodename: string | undefined;
  readonly prettyName: string | undefined;
  /** `CPE_NAME`, which Red Hat's OSV ecosystems are named after. */
  readonly cpeName?: string | undefined;
  readonly file: string;
}

/** The os-release files, in the order os-release(5) says to read them. */
export const OS_RELEASE_FILES = ['etc/os-release', 'usr/lib/os-release'] as const;

/** `KEY=value` pairs; values may be quoted with `"` or `'`, with backslash escapes in double quotes. */
export function parseOsRelease(text: string): ReadonlyMap<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    let value = (match[2] ?? '').trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(["\\`$])/g, '$1');
    } else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
      value = value.slice(1, -1);
    }
    fields.set(match[1] ?? '', value);
  }
  return fields;
}

/** The distribution of an image's files, or undefined when it has no os-release with an ID. */
export function detectDistribution(files: ReadonlyMap<string, Uint8Array>): Distribution | undefined {
  for (const file of OS_RELEASE_FILES) {
    const content = files.get(file);
    if (content === undefined) continue;
    const fields = parseOsRelease(new TextDecoder().decode(content));
    const id = fields.get('ID');
    if (id === undefined || id === '') continue;
    return {
      id: id.toLowerCase(),
      versionId: fields.get('VERSION_ID'),
      versionCodename: fields.get('VERSION_CODENAME'),
      prettyName: fields.get('PRETTY_NAME'),
      cpeName: fields.get('CPE_NAME'),
      file,
    };
  }
  return undefined;
}

/**
 * The OSV ecosystem of the distribution's OS packages (ossf/osv-schema docs/schema.md, "Defined
 * ecosystems"): `Debian:12`, `Ubuntu:22.04`, `Alpine:v3.19`; the bare name without a version.
 */
export function osEcosystem(distribution: Distribution | undefined, packageManager: 'dpkg' | 'apk'): string {
  const id = distribution?.id;
  const version = distribution?.versionId;
  if (packageManager === 'apk') {
    const name = id === 'wolfi' ? 'Wolfi' : id === 'chainguard' ? 'Chainguard' : 'Alpine';
    if (name !== 'Alpine' || version === undefined) return name;
    const [major, minor] = version.split('.');
    return minor === undefined ? `Alpine:v${major ?? ''}` : `Alpine:v${major ?? ''}.${minor}`;
  }
  const name = id === 'ubuntu' ? 'Ubuntu' : 'Debian';
  if (version === undefined) return name;
  return name === 'Debian' ? `Debian:${version.split('.')[0] ?? version}` : `Ubuntu:${version}`;
}
