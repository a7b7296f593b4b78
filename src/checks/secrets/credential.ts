/**
 * Recognising credentials in manifest text: known token formats (matched anywhere in a value) and
 * credential-like names (matched on a variable or key name), the latter guarded by an entropy test
 * so that `PASSWORD_POLICY: strict` or `TOKEN_TTL: 3600` are not reported.
 */

/** A known credential format: what it is and a pattern matching it inside larger text. */
interface CredentialFormat {
  readonly what: string;
  readonly pattern: RegExp;
}

/**
 * Formats from the providers' documentation; each is distinctive enough to need no entropy test. A
 * URL whose password is a template (`${DB_PASSWORD}`, `{{ … }}`, `<password>`) holds none.
 */
const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  {
    what: 'private key',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/,
  },
  { what: 'AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/ },
  { what: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { what: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { what: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'Stripe secret key', pattern: /\b[sr]k_live_[0-9A-Za-z]{24,}\b/ },
  { what: 'SendGrid API key', pattern: /\bSG\.[\w-]{22}\.[\w-]{43}\b/ },
  { what: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: 'Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/ },
  { what: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  {
    what: 'password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:(?!\$\{|\$\(|\{\{|<)[^\s/@]+@[^\s]+/i,
  },
];

/** Names that announce a credential (matched case-insensitively anywhere in the name). */
export const SECRET_NAME =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[_.-]?key|private[_.-]?key|credentials?|access[_.-]?key|auth[_.-]?key|client[_.-]?secret|conn(ection)?[_.-]?str(ing)?|dsn)/i;

/** Names that only point at a credential (a file, a Secret, a length), as `POSTGRES_PASSWORD_FILE` does. */
const REFERENCE_NAME =
  /[_.-](file|path|dir|name|ref|key[_.-]?ref|url|uri|endpoint|ttl|length|expiry|expires|timeout|policy|type|mode|enabled|header)$/i;

/** Values that name something else or are templated, never a credential themselves. */
const PLACEHOLDER =
  /^(\$\{.*\}|\$\(.*\)|\{\{.*\}\}|<.*>|%.*%|__.*__|@.*@|\*+|x+|\.\.\.+|true|false|yes|no|on|off|null|none|nil|enabled|disabled|required|optional|change[_-]?(me|it)|replace[_-]?me|fill[_-]?(me[_-]?)?in|fix[_-]?me|set[_-]?me|todo|tbd|example|sample|dummy|placeholder|redacted)$/i;

/**
 * Values that ask a person to fill something in: `INSERT_TOKEN_HERE`, `REPLACE_WITH_KEY`,
 * `your-api-key`, `<token>` inside text, or a `${VAR}` / `{{ .Values.x }}` template anywhere in it.
 */
const FILL_IN =
  /^(insert|replace|enter|put|paste|your)[_ .-]|[_ .-](here|goes[_ .-]?here)$|\$\{[^}]*\}|\{\{.*\}\}|<[\w .-]+>/i;

/** Minimum length of a value under a credential-like name. */
const MIN_SECRET_LENGTH = 6;
/** Minimum Shannon entropy (bits per character) of a value under a credential-like name. */
const MIN_SECRET_ENTROPY = 2.5;

/** Shannon entropy of a string in bits per character (0 for the empty string). */
export function shannonEntropy(text: string): number {
  if (text === '') return 0;
  const counts = new Map<string, number>();
  const chars = Array.from(text);
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = chars.length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * One pattern per set of flags matching wherever some format matches: most text matches none, and
 * is then scanned once per flag set instead of once per format.
 */
const ANY_FORMAT: readonly RegExp[] = [
  ...new Set(CREDENTIAL_FORMATS.map((format) => format.pattern.flags)),
].map((flags) => {
  const formats = CREDENTIAL_FORMATS.filter((format) => format.pattern.flags === flags);
  return new RegExp(formats.map((format) => `(?:${format.pattern.source})`).join('|'), flags);
});

/** The known credential format found in `text`, if any (the first in {@link CREDENTIAL_FORMATS} order). */
export function credentialFormatIn(text: string): string | undefined {
  if (!ANY_FORMAT.some((pattern) => pattern.test(text))) return undefined;
  return CREDENTIAL_FORMATS.find((format) => format.pattern.test(text))?.what;
}

/**
 * True when a value is an obvious placeholder or template (`changeme`, `REPLACE_ME`,
 * `INSERT_TOKEN_HERE`, `<password>`, `${DB_PASSWORD}`): text waiting for a credential, not one.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return PLACEHOLDER.test(trimmed) || FILL_IN.test(trimmed);
}

/** True when `name` announces a credential and is not merely a reference to one. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !REFERENCE_NAME.test(name);
}

/**
 * True when a value under a credential-like name looks like a secret: not empty, not a path, not a
 * number, not a placeholder or template, at least {@link MIN_SECRET_LENGTH} characters and with
 * at least {@link MIN_SECRET_ENTROPY} bits of entropy per character.
 */
export function looksLikeSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < MIN_SECRET_LENGTH || trimmed.includes('\n')) return false;
  if (trimmed.startsWith('/') || /^[\d.,:_-]+[a-z]{0,2}$/i.test(trimmed) || isPlaceholder(trimmed))
    return false;
  return shannonEntropy(trimmed) >= MIN_SECRET_ENTROPY;
}

/**
 * Why `value` (stored under `name`) is a credential: the format it matches, else `credential-like
 * name` when the name and the value's shape both say so; undefined when it is not one.
 */
export function secretReason(name: string, value: string): string | undefined {
  const format = credentialFormatIn(value);
  if (format !== undefined) return format;
  return isSecretName(name) && looksLikeSecretValue(value) ? 'credential-like name' : undefined;
}
