import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { InputError } from '../../model/errors.ts';

/** Bounds of one unpacked export. */
export interface ExportLimits {
  /** Most files in the zip (default 4,000,000: npm's export, the largest, has a few hundred thousand). */
  readonly maxEntries?: number | undefined;
  /** Largest record, unpacked (default 16 MiB, as a record directory is read). */
  readonly maxRecordBytes?: number | undefined;
  /** Most bytes unpacked in all (default 32 GiB). */
  readonly maxTotalBytes?: number | undefined;
}

/** What unpacking an export did. */
export interface UnpackedExport {
  readonly records: number;
  /** Entries that are no record file (folders, other names), left out. */
  readonly skipped: readonly string[];
}

const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** `<ID>.json` at the top of the zip, as OSV's exports hold their records: nothing else is unpacked. */
const RECORD_NAME = /^[^/\\.][^/\\]*\.json$/;

async function readEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new InputError(`${what}: ${entry.fileName} unpacks to more than ${String(maxBytes)} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Unpacks an OSV export (an ecosystem's `all.zip`: one `<ID>.json` per record, google/osv.dev
 * docs/data.md "Data dumps") into `directory`, handing each record's bytes to `onRecord` as it is
 * written. Entries that are no top-level `.json` file are left out and named; a zip that cannot be
 * read, or passes a bound, is an {@link InputError} naming `what` (the URL it came from).
 */
export async function unpackOsvExport(
  zipFile: string,
  directory: string,
  what: string,
  onRecord: (name: string, bytes: Buffer) => void,
  limits: ExportLimits = {},
): Promise<UnpackedExport> {
  const maxEntries = limits.maxEntries ?? 4_000_000;
  const maxRecord = limits.maxRecordBytes ?? MAX_RECORD_BYTES;
  const maxTotal = limits.maxTotalBytes ?? 32 * 1024 ** 3;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, {
      lazyEntries: true,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new InputError(`${what}: not a zip archive: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (zip.entryCount > maxEntries)
      throw new InputError(
        `${what}: ${String(zip.entryCount)} files, more than the ${String(maxEntries)} accepted`,
      );
    let records = 0;
    let total = 0;
    const skipped: string[] = [];
    for await (const entry of zip.eachEntry()) {
      if (!RECORD_NAME.test(entry.fileName)) {
        skipped.push(entry.fileName);
        continue;
      }
      if (entry.uncompressedSize > maxRecord)
        throw new InputError(
          `${what}: ${entry.fileName} is ${String(entry.uncompressedSize)} bytes, more than an OSV record may have (${String(maxRecord)})`,
        );
      total += entry.uncompressedSize;
      if (total > maxTotal)
        throw new InputError(`${what}: unpacks to more than the ${String(maxTotal)} bytes accepted`);
      const bytes = await readEntry(zip, entry, maxRecord, what);
      await writeFile(join(directory, entry.fileName), bytes, { flag: 'wx' });
      onRecord(entry.fileName, bytes);
      records++;
    }
    return { records, skipped };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${what}: not a readable OSV export: ${(error as Error).message}`, { cause: error });
  } finally {
    zip.close();
  }
}
