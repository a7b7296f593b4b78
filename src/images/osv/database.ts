import { normalizePythonName } from '../package.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { osvRecordProblem } from './record.ts';
import type { OsvAffected, OsvRecord } from './record.ts';
import { vulnerabilitySeverity } from './severity.ts';
import type { VulnerabilitySeverity } from './severity.ts';

/** One affected package of a record: what matching needs, the record kept once for all its packages. */
export interface OsvEntry {
  readonly record: OsvRecord;
  readonly affected: OsvAffected;
  /** Scored once, when the record is added; `problems` are vectors that could not be scored. */
  readonly severity: VulnerabilitySeverity | undefined;
  readonly problems: readonly string[];
}

/** A package name as an ecosystem compares names: PyPI's are normalised (PEP 503), others exact. */
export function advisoryKey(ecosystem: string, name: string): string {
  const base = ecosystem.split(':')[0] ?? ecosystem;
  return `${ecosystem}\u0000${base === 'PyPI' ? normalizePythonName(name) : name}`;
}

/** OSV records indexed once by ecosystem and package name. */
export class OsvDatabase {
  private readonly entries = new Map<string, OsvEntry[]>();
  private count = 0;

  /** How many records were added. */
  get size(): number {
    return this.count;
  }

  add(record: OsvRecord): void {
    this.count++;
    for (const affected of record.affected ?? []) {
      const key = advisoryKey(affected.package.ecosystem, affected.package.name);
      const problems: string[] = [];
      const entry = {
        record,
        affected,
        severity: vulnerabilitySeverity(record, affected, problems),
        problems,
      };
      const list = this.entries.get(key);
      if (list) list.push(entry);
      else this.entries.set(key, [entry]);
    }
  }

  /** Adds one entry of a record, scored already (as an index keeps it); `size` counts records and is left as it is. */
  addEntry(entry: OsvEntry): void {
    const key = advisoryKey(entry.affected.package.ecosystem, entry.affected.package.name);
    const list = this.entries.get(key);
    if (list) list.push(entry);
    else this.entries.set(key, [entry]);
  }

  /**
   * The entries for a package of an ecosystem: `Debian:12` finds records filed under `Debian:12`
   * and those filed under `Debian` for every release.
   */
  lookup(ecosystem: string, name: string): readonly OsvEntry[] {
    const [exactKey, generalKey] = lookupKeys(ecosystem, name);
    const exact = this.entries.get(exactKey) ?? [];
    if (generalKey === undefined) return exact;
    const general = this.entries.get(generalKey) ?? [];
    return general.length === 0 ? exact : [...exact, ...general];
  }
}

/**
 * The keys {@link OsvDatabase.lookup} reads for a package: its ecosystem's, then, for a release
 * (`Debian:12`), the ecosystem's without it (`Debian`).
 */
export function lookupKeys(ecosystem: string, name: string): readonly [string, string?] {
  const colon = ecosystem.indexOf(':');
  const exact = advisoryKey(ecosystem, name);
  return colon < 0 ? [exact] : [exact, advisoryKey(ecosystem.slice(0, colon), name)];
}

/**
 * The OSV records of one file's JSON (a list of records, as some exports write, gives each); what
 * is not one is a warning naming the file.
 */
export function osvRecordsOf(file: string, value: unknown, diagnostics: Diagnostic[]): OsvRecord[] {
  const records: OsvRecord[] = [];
  for (const record of Array.isArray(value) ? value : [value]) {
    const problem = osvRecordProblem(record);
    if (problem === undefined) records.push(record as OsvRecord);
    else
      diagnostics.push({
        level: 'warning',
        file,
        line: 0,
        column: 0,
        message: `not an OSV record kubeward can use: ${problem}`,
      });
  }
  return records;
}

/** Adds one file's JSON to the database when it is an OSV record ({@link osvRecordsOf}). */
export function addOsvFile(
  database: OsvDatabase,
  file: string,
  value: unknown,
  diagnostics: Diagnostic[],
): void {
  for (const record of osvRecordsOf(file, value, diagnostics)) database.add(record);
}
