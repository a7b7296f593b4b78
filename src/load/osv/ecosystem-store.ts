import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../model/errors.ts';
import { KUBEWARD_FOLDER, osvIndexPath } from './index-file.ts';

/** What the last update of an ecosystem downloaded, to ask next time only for a newer export. */
export interface ExportState {
  readonly url: string;
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
  readonly records: number;
  /** When it was downloaded (ISO 8601). */
  readonly updated: string;
}

/** An ecosystem's export being downloaded and unpacked beside the one in use, not seen until committed. */
export interface StagedExport {
  /** The folder the records are unpacked into (hidden until committed). */
  readonly directory: string;
  /** The downloaded zip, once {@link closeDownload} was called. */
  readonly zipFile: string;
  /** Appends downloaded bytes to the zip. */
  write(chunk: Uint8Array): Promise<void>;
  closeDownload(): Promise<void>;
  /** Records `state` and puts the new folder in place of the old one; the zip is removed. */
  commit(state: ExportState): Promise<void>;
  /** Removes what was staged. */
  abort(): Promise<void>;
}

const STATE_FILE = 'export.json';

/** The folder of an ecosystem's records in a database directory: `<dir>/<Ecosystem>`. */
export function ecosystemDirectory(directory: string, ecosystem: string): string {
  return join(directory, ecosystem);
}

/**
 * What the last update recorded for an ecosystem, or undefined when it has none, an unreadable one,
 * or its folder has lost its index (then the export is downloaded again).
 */
export async function readExportState(
  directory: string,
  ecosystem: string,
): Promise<ExportState | undefined> {
  const folder = ecosystemDirectory(directory, ecosystem);
  try {
    const text = await readFile(join(folder, KUBEWARD_FOLDER, STATE_FILE), 'utf8');
    const state = JSON.parse(text) as Partial<ExportState>;
    if (!(await stat(osvIndexPath(folder))).isFile()) return undefined;
    return typeof state.url === 'string' && typeof state.records === 'number'
      ? (state as ExportState)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts replacing an ecosystem's records: a hidden folder `.<Ecosystem>.new-<random>` in the
 * database directory (made if need be) to unpack into, and a hidden zip beside it to download to.
 */
export async function stageEcosystem(directory: string, ecosystem: string): Promise<StagedExport> {
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    throw new InputError(`${directory}: cannot make the database directory: ${(error as Error).message}`);
  }
  const existing = await stat(directory);
  if (!existing.isDirectory()) throw new InputError(`${directory}: not a directory`);
  const tag = randomBytes(6).toString('hex');
  const staged = join(directory, `.${ecosystem}.new-${tag}`);
  const zipFile = join(directory, `.${ecosystem}.zip-${tag}`);
  await mkdir(join(staged, KUBEWARD_FOLDER), { recursive: true });
  let handle: FileHandle | undefined = await open(zipFile, 'wx');
  const abort = async (): Promise<void> => {
    await handle?.close();
    handle = undefined;
    await rm(staged, { recursive: true, force: true });
    await rm(zipFile, { force: true });
  };
  return {
    directory: staged,
    zipFile,
    async write(chunk) {
      if (handle === undefined) throw new Error('the download was closed');
      await handle.write(chunk);
    },
    async closeDownload() {
      await handle?.close();
      handle = undefined;
    },
    async commit(state) {
      await writeFile(join(staged, KUBEWARD_FOLDER, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
      await rm(zipFile, { force: true });
      const target = ecosystemDirectory(directory, ecosystem);
      const old = join(directory, `.${ecosystem}.old-${tag}`);
      const had = await stat(target).then(
        () => true,
        () => false,
      );
      if (had) await rename(target, old);
      await rename(staged, target);
      if (had) await rm(old, { recursive: true, force: true });
    },
    abort,
  };
}
