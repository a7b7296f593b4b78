import { join } from 'node:path';
import { ecosystemDirectory, readExportState, stageEcosystem } from '../load/osv/ecosystem-store.ts';
import { unpackOsvExport } from '../load/osv/export-zip.ts';
import type { ExportLimits } from '../load/osv/export-zip.ts';
import { directoryTimes, writeOsvIndex } from '../load/osv/index-file.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { KubewardError, UsageError } from '../model/errors.ts';
import { download } from './download.ts';
import type { DownloadOptions } from './download.ts';
import { OsvIndexBuilder } from './index-builder.ts';

/** Where OSV publishes its exports: `<base>/<Ecosystem>/all.zip` (google/osv.dev docs/data.md). */
export const OSV_EXPORTS = 'https://osv-vulnerabilities.storage.googleapis.com';

/** How `images db update` runs. */
export interface UpdateOptions extends Omit<DownloadOptions, 'maxBytes'> {
  /** The database directory: one folder per ecosystem. */
  readonly directory: string;
  /** Ecosystems as OSV names them (`Debian`, `Alpine`, `npm`, `PyPI`, `Red Hat`). */
  readonly ecosystems: readonly string[];
  readonly baseUrl: string;
  /** Largest export downloaded (default 4 GiB). */
  readonly maxDownloadBytes?: number | undefined;
  readonly limits?: ExportLimits | undefined;
}

/** What happened to one ecosystem. */
export interface EcosystemUpdate {
  readonly ecosystem: string;
  readonly url: string;
  readonly status: 'updated' | 'unchanged' | 'failed';
  /** Why it failed: the URL and what went wrong. */
  readonly error?: string;
  readonly records: number;
  /** Zip entries that were no record file, left out. */
  readonly skipped: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** An ecosystem name that can name a folder and a URL path segment: no separators, not hidden. */
export function checkEcosystemName(ecosystem: string): void {
  if (
    ecosystem === '' ||
    /[/\\\u0000-\u001f]/.test(ecosystem) ||
    ecosystem.startsWith('.') ||
    ecosystem.includes(':')
  )
    throw new UsageError(
      `--ecosystem "${ecosystem}": give an ecosystem as OSV names its exports (Debian, Alpine, npm, PyPI, Red Hat)`,
    );
}

/** The export of an ecosystem: `<base>/<Ecosystem>/all.zip`, the name URL-encoded (`Red%20Hat`). */
export function exportUrl(baseUrl: string, ecosystem: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
}

async function updateOne(options: UpdateOptions, ecosystem: string): Promise<EcosystemUpdate> {
  const url = exportUrl(options.baseUrl, ecosystem);
  const state = await readExportState(options.directory, ecosystem);
  const validators = state?.url === url ? state : {};
  const answer = await download(url, validators, {
    ...options,
    maxBytes: options.maxDownloadBytes ?? 4 * 1024 ** 3,
  });
  if (!answer.changed)
    return {
      ecosystem,
      url,
      status: 'unchanged',
      records: state?.records ?? 0,
      skipped: [],
      diagnostics: [],
    };
  const staged = await stageEcosystem(options.directory, ecosystem);
  try {
    for await (const chunk of answer.body) await staged.write(chunk);
    await staged.closeDownload();
    const builder = new OsvIndexBuilder();
    const folder = ecosystemDirectory(options.directory, ecosystem);
    const unpacked = await unpackOsvExport(
      staged.zipFile,
      staged.directory,
      url,
      (name, bytes) => {
        const file = join(folder, name);
        let value: unknown;
        try {
          value = JSON.parse(bytes.toString('utf8'));
        } catch (error) {
          builder.warn({
            level: 'warning',
            file,
            line: 0,
            column: 0,
            message: `not read: ${(error as Error).message}`,
          });
          return;
        }
        builder.add(file, value);
      },
      options.limits,
    );
    await writeOsvIndex(staged.directory, builder.content(await directoryTimes(staged.directory)));
    await staged.commit({
      url,
      etag: answer.etag,
      lastModified: answer.lastModified,
      records: builder.records,
      updated: new Date().toISOString(),
    });
    return {
      ecosystem,
      url,
      status: 'updated',
      records: builder.records,
      skipped: unpacked.skipped,
      diagnostics: builder.diagnostics,
    };
  } catch (error) {
    await staged.abort();
    throw error;
  }
}

/**
 * Downloads OSV's export of each ecosystem into `<dir>/<Ecosystem>/` (`images db update`): asked
 * with the ETag and Last-Modified of the copy held, so an unchanged export is not downloaded again;
 * a new one is streamed to a hidden file, unpacked and indexed beside the folder in use, then
 * renamed into its place. Ecosystems are updated one after the other; one that fails (unreachable,
 * refused, a bad zip: a {@link KubewardError} naming the URL) keeps its old folder and is reported
 * with its error, and the others go on.
 */
export async function updateOsvDatabase(options: UpdateOptions): Promise<EcosystemUpdate[]> {
  for (const ecosystem of options.ecosystems) checkEcosystemName(ecosystem);
  const done: EcosystemUpdate[] = [];
  for (const ecosystem of options.ecosystems) {
    try {
      done.push(await updateOne(options, ecosystem));
    } catch (error) {
      if (!(error instanceof KubewardError)) throw error;
      const url = exportUrl(options.baseUrl, ecosystem);
      done.push({
        ecosystem,
        url,
        status: 'failed',
        error: error.message,
        records: 0,
        skipped: [],
        diagnostics: [],
      });
    }
  }
  return done;
}
