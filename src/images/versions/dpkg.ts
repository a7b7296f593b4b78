/**
 * Debian version ordering, as Debian Policy §5.6.12 states it and dpkg implements it
 * (`dpkg --compare-versions`): `[epoch:]upstream_version[-debian_revision]`, the epoch compared as a
 * number, then the upstream version, then the revision, each by alternating non-digit and digit runs.
 */

/** A Debian version split into its three parts; the revision is "" when absent (equal to "0"). */
export interface DebianVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

/** Splits `[epoch:]upstream[-revision]`: the epoch before the first colon, the revision after the last hyphen. */
export function parseDebianVersion(version: string): DebianVersion {
  const trimmed = version.trim();
  const colon = trimmed.indexOf(':');
  const epochText = colon < 0 ? '' : trimmed.slice(0, colon);
  const epoch = /^\d+$/.test(epochText) ? Number(epochText) : 0;
  const rest = colon < 0 ? trimmed : trimmed.slice(colon + 1);
  const hyphen = rest.lastIndexOf('-');
  return hyphen < 0
    ? { epoch, upstream: rest, revision: '' }
    : { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
}

/** Negative, zero or positive as Debian orders `a` before, with or after `b`. */
export function compareDebian(a: string, b: string): number {
  if (a === b) return 0;
  const left = parseDebianVersion(a);
  const right = parseDebianVersion(b);
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1;
  return compareDebianPart(left.upstream, right.upstream) || compareDebianPart(left.revision, right.revision);
}

const ZERO = 48;
const NINE = 57;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The weight of one character of a non-digit run: `~` sorts before everything, even the end of the
 * part; then the end (and a digit, which ends the run); then letters; then every other character.
 */
function weight(text: string, index: number): number {
  if (index >= text.length) return 0;
  const code = text.charCodeAt(index);
  if (isDigit(code)) return 0;
  if (isLetter(code)) return code;
  if (code === 126) return -1;
  return code + 256;
}

/** Compares an upstream version or a revision, run by run. */
export function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const left = weight(a, i);
      const right = weight(b, j);
      if (left !== right) return left < right ? -1 : 1;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === ZERO) i++;
    while (b.charCodeAt(j) === ZERO) j++;
    let firstDifference = 0;
    while (i < a.length && j < b.length && isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDifference === 0) firstDifference = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
    if (firstDifference !== 0) return firstDifference < 0 ? -1 : 1;
  }
  return 0;
}
