import type { Vulnerability } from '../images/osv/match.ts';
import type { Violation, WorkloadCheck } from '../model/check.ts';
import { containersOf } from '../model/containers.ts';
import { atLeast, SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';

/** What was found in one image: the digest read, and its packages' known vulnerabilities. */
export interface ImageVulnerabilities {
  readonly digest: string;
  readonly vulnerabilities: readonly Vulnerability[];
}

/** The id of the findings {@link imageVulnerableCheck} makes. */
export const IMAGE_VULNERABLE = 'image-vulnerable';

/** The severity a vulnerability without a CVSS vector or database severity counts at: the check's own. */
const UNRATED: Severity = 'medium';

/** Most vulnerabilities named in one message; the others are counted. */
const NAMED = 10;

const severityOf = (vulnerability: Vulnerability): Severity => vulnerability.severity?.severity ?? UNRATED;
const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** One vulnerability's part of the message: its id, how bad, each package hit and the fix. */
function describe(id: string, found: readonly Vulnerability[]): string {
  const first = found[0] as Vulnerability;
  const rating = first.severity === undefined ? 'unrated' : first.severity.severity;
  const packages = [...new Set(found.map((v) => `${v.package.name} ${v.package.version}`))].join(', ');
  const fixed = first.fixedVersions[0];
  return `${id} (${rating}) in ${packages}: ${fixed === undefined ? 'no fix' : `fixed in ${fixed}`}`;
}

/** The message of one container's finding: the vulnerabilities listed, worst first, by id. */
function message(
  container: string,
  image: string,
  found: ImageVulnerabilities,
  listed: readonly Vulnerability[],
): string {
  const byId = new Map<string, Vulnerability[]>();
  for (const vulnerability of [...listed].sort(
    (a, b) => rank(severityOf(a)) - rank(severityOf(b)) || a.id.localeCompare(b.id),
  )) {
    const list = byId.get(vulnerability.id);
    if (list) list.push(vulnerability);
    else byId.set(vulnerability.id, [vulnerability]);
  }
  const named = [...byId].slice(0, NAMED).map(([id, list]) => describe(id, list));
  const more = byId.size > NAMED ? `; and ${String(byId.size - NAMED)} more` : '';
  return `container "${container}" image "${image}" (${found.digest}) has ${String(byId.size)} known ${byId.size === 1 ? 'vulnerability' : 'vulnerabilities'}: ${named.join('; ')}${more}`;
}

/**
 * The check that turns what `scan --images` found in each image into findings (theme `supply`): one
 * per container whose image has known vulnerabilities, at its `image` field, as severe as the worst
 * of them (one without a rating counts as medium), naming those at or above `minSeverity` (all of
 * them when none is) with the packages they hit and the versions that fix them. Built per scan
 * from what was read; not in the catalogue, since it needs the images themselves.
 */
export function imageVulnerableCheck(
  byImage: ReadonlyMap<string, ImageVulnerabilities>,
  minSeverity: Severity,
): WorkloadCheck {
  return {
    id: IMAGE_VULNERABLE,
    title: 'Image with known vulnerabilities',
    severity: UNRATED,
    theme: 'supply',
    description:
      "The image's OS and language packages, read from its layers, have versions that OSV records " +
      'as vulnerable. Known vulnerabilities with public exploits are the easiest way into a container.',
    remediation:
      'Rebuild the image on an updated base and upgrade the packages named to the fixed versions; ' +
      'pin the rebuilt image by digest.',
    nsa: ['secure-images'],
    mitre: ['T1525'],
    references: ['https://osv.dev', 'Trivy: image vulnerability scanning', 'Grype'],
    reads: 'the images, from their registries, and an offline OSV database (images db update)',
    target: 'workload',
    run(workload): Violation[] {
      const violations: Violation[] = [];
      for (const { container, path, name } of containersOf(workload.podSpec)) {
        if (typeof container.image !== 'string') continue;
        const found = byImage.get(container.image);
        if (found === undefined || found.vulnerabilities.length === 0) continue;
        const atThreshold = found.vulnerabilities.filter((v) => atLeast(severityOf(v), minSeverity));
        const listed = atThreshold.length > 0 ? atThreshold : found.vulnerabilities;
        const worst = listed.map(severityOf).sort((a, b) => rank(a) - rank(b))[0] ?? UNRATED;
        violations.push({
          path: [...path, 'image'],
          message: message(name, container.image, found, listed),
          severity: worst,
        });
      }
      return violations;
    },
  };
}
