import { ConfigError } from '../model/errors.ts';
import type { Finding, ObjectRef } from '../model/finding.ts';
import { labelsOf, selectorMatches } from '../model/label-selector.ts';
import { isGlob, nameGlob } from '../model/name-glob.ts';
import { didYouMean } from '../model/near-names.ts';
import { formatPath, isRecord } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import { EXCEPTION_EXPIRED } from './exception-expired.ts';
import { expiryOf } from './expiry.ts';
import type { ExceptionEntry } from './schema.ts';

/** What an exception is matched against: a finding before it is marked. */
export type ExemptionSubject = Pick<Finding, 'checkId' | 'object' | 'resource' | 'path'>;

/** `exceptions:` compiled. */
export interface Exceptions {
  /** The reason of the first exception that exempts `finding` and has not expired at `now`. */
  readonly exempting: (finding: ExemptionSubject, now: Date) => string | undefined;
  /** One low finding per exception expired at `now`, anchored at its entry in the config file. */
  readonly expired: (now: Date) => readonly Finding[];
}

/** An exception ready to match. */
interface Compiled {
  readonly index: number;
  readonly entry: ExceptionEntry;
  readonly matches: (finding: ExemptionSubject) => boolean;
  /** The first instant the exception no longer holds. */
  readonly expires: Date | undefined;
}

/**
 * Compiles the config file's `exceptions:`. A check glob that matches none of `checkIds` is a
 * ConfigError at its `file:line:col`, with near ids. `configFile` is the config as a resource, so
 * expired exceptions point at their entries.
 */
export function compileExceptions(
  entries: readonly ExceptionEntry[],
  checkIds: readonly string[],
  configFile: Resource | undefined,
): Exceptions {
  const where = (path: FieldPath): string => {
    if (configFile === undefined) return '';
    const { line, column } = configFile.origin.locate(path);
    return `${configFile.origin.file}:${String(line)}:${String(column)}`;
  };
  const compiled = entries.map((entry, index): Compiled => {
    const check = nameGlob(entry.check);
    if (!checkIds.some(check))
      throw new ConfigError(
        `${where(['exceptions', index, 'check'])}: exceptions[${String(index)}].check: ` +
          `${isGlob(entry.check) ? 'pattern' : 'check'} "${entry.check}" matches no check` +
          `${didYouMean(checkIds, entry.check)}; run kubeward checks list`,
      );
    const expires = entry.expires === undefined ? undefined : expiryOf(entry.expires);
    return { index, entry, matches: matcher(entry, check), expires };
  });
  const holds = (exception: Compiled, now: Date): boolean =>
    exception.expires === undefined || now.getTime() < exception.expires.getTime();
  return {
    exempting: (finding, now) =>
      compiled.find((exception) => holds(exception, now) && exception.matches(finding))?.entry.reason,
    expired: (now) =>
      configFile === undefined
        ? []
        : compiled
            .filter((exception) => !holds(exception, now))
            .map((exception) => expiredFinding(exception, configFile)),
  };
}

function matcher(
  entry: ExceptionEntry,
  check: (id: string) => boolean,
): (finding: ExemptionSubject) => boolean {
  const { kind, namespace, name, selector } = entry.object ?? {};
  const tests: ((finding: ExemptionSubject) => boolean)[] = [(finding) => check(finding.checkId)];
  const on = (value: string | undefined, part: (object: ObjectRef) => string): void => {
    if (value === undefined) return;
    const glob = nameGlob(value);
    tests.push((finding) => glob(part(finding.object)));
  };
  on(kind, (object) => object.kind);
  on(namespace, (object) => object.namespace);
  on(name, (object) => object.name);
  if (selector !== undefined)
    tests.push((finding) => {
      const metadata = finding.resource?.object.metadata;
      return selectorMatches(selector, labelsOf(isRecord(metadata) ? metadata.labels : undefined));
    });
  if (entry.field !== undefined) {
    const field = fieldPattern(entry.field);
    tests.push((finding) => field.test(formatPath(finding.path)));
  }
  return (finding) => tests.every((test) => test(finding));
}

/**
 * A field path in kubectl's notation (as the JSON report's `field` shows it) matching that field
 * and every field below it; `*` stands for any characters within one name, `[*]` for any index.
 */
function fieldPattern(field: string): RegExp {
  const source = field
    .split(/(\[\*\]|\*)/)
    .map((part) => (part === '[*]' ? '\\[\\d+\\]' : part === '*' ? '[^.[\\]]*' : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${source}(?=$|[.[])`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function expiredFinding(exception: Compiled, configFile: Resource): Finding {
  const meta = EXCEPTION_EXPIRED;
  const { check, expires = '', reason } = exception.entry;
  return {
    checkId: meta.id,
    severity: meta.severity,
    theme: meta.theme,
    message: `exception for ${JSON.stringify(check)} expired on ${expires} and no longer suppresses (reason was: ${reason})`,
    remediation: meta.remediation,
    object: {
      apiVersion: configFile.apiVersion,
      kind: configFile.kind,
      namespace: '',
      name: configFile.name,
    },
    resource: configFile,
    path: ['exceptions', exception.index],
    suppressed: undefined,
  };
}
