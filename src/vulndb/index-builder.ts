import { osvRecordsOf } from '../images/osv/database.ts';
import { indexEntries } from '../images/osv/index-entry.ts';
import type { OsvIndexEntry } from '../images/osv/index-entry.ts';
import type { OsvIndexContent } from '../load/osv/index-file.ts';
import type { Diagnostic } from '../model/diagnostic.ts';

/** Collects the index of a directory of OSV records, one file's JSON at a time. */
export class OsvIndexBuilder {
  readonly #entries = new Map<string, OsvIndexEntry[]>();
  readonly #diagnostics: Diagnostic[] = [];
  #records = 0;

  /** Adds one file's records (a file that holds none is a warning kept in the index). */
  add(file: string, value: unknown): void {
    for (const record of osvRecordsOf(file, value, this.#diagnostics)) {
      this.#records++;
      for (const { key, entry } of indexEntries(record)) {
        const list = this.#entries.get(key);
        if (list) list.push(entry);
        else this.#entries.set(key, [entry]);
      }
    }
  }

  /** Adds a warning about a file that could not be read. */
  warn(diagnostic: Diagnostic): void {
    this.#diagnostics.push(diagnostic);
  }

  get records(): number {
    return this.#records;
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.#diagnostics;
  }

  /** The index, each key's entries in record id order, for the directory times given. */
  content(directories: Readonly<Record<string, number>>): OsvIndexContent {
    for (const list of this.#entries.values())
      list.sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
    return { records: this.#records, diagnostics: this.#diagnostics, entries: this.#entries, directories };
  }
}
