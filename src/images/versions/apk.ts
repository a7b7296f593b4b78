/**
 * Alpine version ordering, as apk-tools compares versions (apk-tools src/version.c; the format in
 * doc/apk-package.5.scd): `number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}`. A version is
 * a sequence of tokens, each of a kind that may only follow lower kinds. Two versions compare token by
 * token while the kinds agree: numbers as numbers, except that a dotted number with a leading zero on
 * either side compares as a string (as a fraction); letters and suffixes by rank; a commit hash as a
 * string. Where the kinds part, a pre-release suffix (`_alpha`, `_beta`, `_pre`, `_rc`) sorts first,
 * then the version whose next kind is the higher one (the end, or an invalid token, is the highest).
 */

/** Token kinds in apk-tools' order. */
const Kind = {
  InitialDigit: 0,
  Digit: 1,
  Letter: 2,
  Suffix: 3,
  SuffixNumber: 4,
  CommitHash: 5,
  Revision: 6,
  End: 7,
  Invalid: 8,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** Suffix ranks: the pre-release ones below NONE (a version without a suffix), the others above. */
const SUFFIXES: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const NO_SUFFIX = 5;

interface Token {
  readonly kind: Kind;
  readonly text: string;
  readonly number: bigint;
  readonly suffix: number;
}

const INVALID: Token = { kind: Kind.Invalid, text: '', number: 0n, suffix: 0 };
const END: Token = { kind: Kind.End, text: '', number: 0n, suffix: 0 };

/** The tokens of a version, up to and including its end or its first invalid token. */
function tokenize(version: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const span = (pattern: RegExp): string => {
    const start = at;
    while (at < version.length && pattern.test(version.charAt(at))) at++;
    return version.slice(start, at);
  };
  const digits = (kind: Kind): Token => {
    const text = span(/[0-9]/);
    return text === '' ? INVALID : { kind, text, number: BigInt(text), suffix: 0 };
  };
  let previous = digits(Kind.InitialDigit);
  tokens.push(previous);
  while (previous.kind < Kind.End) {
    previous = nextToken(previous.kind);
    tokens.push(previous);
  }
  return tokens;

  function nextToken(kind: Kind): Token {
    if (at >= version.length) return END;
    const c = version.charAt(at);
    if (c >= 'a' && c <= 'z') {
      if (kind > Kind.Digit) return INVALID;
      at++;
      return { kind: Kind.Letter, text: c, number: BigInt(c.charCodeAt(0)), suffix: 0 };
    }
    if (c === '.' || (c >= '0' && c <= '9')) {
      if (c === '.') {
        if (kind > Kind.Digit) return INVALID;
        at++;
      }
      if (kind === Kind.InitialDigit || kind === Kind.Digit) return digits(Kind.Digit);
      if (kind === Kind.Suffix) return digits(Kind.SuffixNumber);
      return INVALID;
    }
    if (c === '_') {
      if (kind > Kind.SuffixNumber) return INVALID;
      at++;
      const text = span(/[a-z]/);
      const suffix = Object.hasOwn(SUFFIXES, text) ? SUFFIXES[text] : undefined;
      return suffix === undefined ? INVALID : { kind: Kind.Suffix, text, number: 0n, suffix };
    }
    if (c === '~') {
      if (kind >= Kind.CommitHash) return INVALID;
      at++;
      const text = span(/[0-9a-f]/);
      return text === '' ? INVALID : { kind: Kind.CommitHash, text, number: 0n, suffix: 0 };
    }
    if (c === '-') {
      if (kind >= Kind.Revision || version[at + 1] !== 'r') return INVALID;
      at += 2;
      return digits(Kind.Revision);
    }
    return INVALID;
  }
}

function compareStrings(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareTokens(a: Token, b: Token): number {
  switch (a.kind) {
    case Kind.Digit:
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareStrings(a.text, b.text);
      return a.number === b.number ? 0 : a.number < b.number ? -1 : 1;
    case Kind.InitialDigit:
    case Kind.SuffixNumber:
    case Kind.Revision:
    case Kind.Letter:
      return a.number === b.number ? 0 : a.number < b.number ? -1 : 1;
    case Kind.Suffix:
      return a.suffix - b.suffix;
    default:
      return compareStrings(a.text, b.text);
  }
}

/** Negative, zero or positive as apk-tools orders `a` before, with or after `b`. */
export function compareApk(a: string, b: string): number {
  if (a === b) return 0;
  const left = tokenize(a.trim());
  const right = tokenize(b.trim());
  let index = 0;
  for (; index < left.length && index < right.length; index++) {
    const l = left[index] ?? END;
    const r = right[index] ?? END;
    if (l.kind !== r.kind || l.kind >= Kind.End) break;
    const order = compareTokens(l, r);
    if (order !== 0) return Math.sign(order);
  }
  const l = left[index] ?? END;
  const r = right[index] ?? END;
  if (l.kind === r.kind) return 0;
  if (l.kind === Kind.Suffix && l.suffix < NO_SUFFIX) return -1;
  if (r.kind === Kind.Suffix && r.suffix < NO_SUFFIX) return 1;
  return l.kind > r.kind ? -1 : 1;
}

/** Whether apk-tools accepts `version` (every token valid, up to the end). */
export function isApkVersion(version: string): boolean {
  return tokenize(version).at(-1)?.kind === Kind.End;
}
