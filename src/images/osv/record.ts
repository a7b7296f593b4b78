/**
 * OSV records, the parts kubeward reads (ossf/osv-schema docs/schema.md, schema version 1.6): the
 * id, aliases and summary, `severity` (CVSS vectors), and each `affected` package with its
 * `ranges` (ECOSYSTEM, SEMVER or GIT, events `introduced`, `fixed`, `last_affected`, `limit`),
 * `versions` and `database_specific`.
 */

export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  readonly type: string;
  readonly events: readonly OsvEvent[];
}

export interface OsvSeverity {
  readonly type: string;
  readonly score: string;
}

export interface OsvAffected {
  readonly package: { readonly ecosystem: string; readonly name: string; readonly purl?: string };
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly severity?: readonly OsvSeverity[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
  readonly ecosystem_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvRecord {
  readonly id: string;
  readonly modified?: string;
  readonly aliases?: readonly string[];
  readonly summary?: string;
  readonly severity?: readonly OsvSeverity[];
  readonly affected?: readonly OsvAffected[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isSeverityList(value: unknown): boolean {
  return (
    value === undefined ||
    (Array.isArray(value) &&
      value.every(
        (item) => isRecord(item) && typeof item.type === 'string' && typeof item.score === 'string',
      ))
  );
}

const EVENT_KEYS = new Set(['introduced', 'fixed', 'last_affected', 'limit']);

function isEvent(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && EVENT_KEYS.has(keys[0] ?? '') && typeof value[keys[0] ?? ''] === 'string';
}

/**
 * The problem that makes a JSON value no OSV record kubeward can use, or undefined when it is one:
 * an `id`, and `affected` entries each naming a package, with well-formed ranges and versions.
 */
export function osvRecordProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'not a JSON object';
  if (typeof value.id !== 'string' || value.id === '') return 'no "id"';
  if (value.aliases !== undefined && !isStringArray(value.aliases))
    return '"aliases" is not a list of strings';
  if (!isSeverityList(value.severity)) return '"severity" entries need "type" and "score"';
  if (value.affected === undefined) return undefined;
  if (!Array.isArray(value.affected)) return '"affected" is not a list';
  for (const [index, affected] of value.affected.entries()) {
    const where = `affected[${String(index)}]`;
    if (!isRecord(affected) || !isRecord(affected.package)) return `${where} has no "package"`;
    if (typeof affected.package.ecosystem !== 'string' || typeof affected.package.name !== 'string') {
      return `${where}.package needs "ecosystem" and "name"`;
    }
    if (affected.versions !== undefined && !isStringArray(affected.versions))
      return `${where}.versions is not a list of strings`;
    if (!isSeverityList(affected.severity)) return `${where}.severity entries need "type" and "score"`;
    if (affected.ranges === undefined) continue;
    if (!Array.isArray(affected.ranges)) return `${where}.ranges is not a list`;
    for (const [at, range] of affected.ranges.entries()) {
      if (
        !isRecord(range) ||
        typeof range.type !== 'string' ||
        !Array.isArray(range.events) ||
        !range.events.every(isEvent)
      ) {
        return `${where}.ranges[${String(at)}] needs a "type" and "events" of one introduced, fixed, last_affected or limit each`;
      }
    }
  }
  return undefined;
}
