/**
 * RPM version ordering (rpm's rpmvercmp, rpmio/rpmvercmp.c; `~` and `^` as rpm 4.15 documents them in
 * docs/manual/spec.md): `[epoch:]version[-release]`, the epoch as a number (absent is 0), then the
 * version and the release segment by segment. Segments are runs of digits or of letters; every other
 * character only separates. Digits beat letters; numbers compare as numbers; `~` sorts before
 * anything, even the end; `^` sorts after the end but before any further segment. A missing release
 * is empty, so it sorts before any release.
 */

/** Negative, zero or positive as rpm orders the EVR `a` before, with or after `b`. */
export function compareRpm(a: string, b: string): number {
  if (a === b) return 0;
  const left = parseEvr(a);
  const right = parseEvr(b);
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1;
  const version = rpmvercmp(left.version, right.version);
  if (version !== 0) return version;
  return rpmvercmp(left.release, right.release);
}

interface Evr {
  readonly epoch: number;
  readonly version: string;
  readonly release: string;
}

function parseEvr(evr: string): Evr {
  const text = evr.trim();
  const colon = text.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(text.slice(0, colon)) ? Number(text.slice(0, colon)) : 0;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const hyphen = rest.lastIndexOf('-');
  return hyphen < 0
    ? { epoch, version: rest, release: '' }
    : { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isSeparator = (c: string | undefined): boolean =>
  c !== undefined && !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^';

/** rpm's segment-wise comparison of one version or release string. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i++;
    while (isSeparator(b[j])) j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const inSegment = numeric ? isDigit : isAlpha;
    const startA = i;
    const startB = j;
    while (inSegment(a[i])) i++;
    while (inSegment(b[j])) j++;
    if (j === startB) return numeric ? 1 : -1;
    let left = a.slice(startA, i);
    let right = b.slice(startB, j);
    if (numeric) {
      left = left.replace(/^0+/, '');
      right = right.replace(/^0+/, '');
      if (left.length !== right.length) return left.length < right.length ? -1 : 1;
    }
    if (left !== right) return left < right ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}
