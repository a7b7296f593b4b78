import { goBinarySieve, imageContents, isPackageEvidence, needsSqlite } from '../images/packages/index.ts';
import type { ImageContents } from '../images/packages/index.ts';
import { readImageFiles } from '../load/images/image-files.ts';
import { loadSqlite } from '../load/sqlite.ts';
import type { ImageSource } from '../model/image-source.ts';

/**
 * The packages of an image from any source (a registry, an OCI layout, an archive): the files that
 * are package evidence, the build information of Go binaries as their bytes stream past, and rpm's
 * SQLite databases, through SQLite loaded only when the image holds one.
 */
export async function readImageContents(source: ImageSource): Promise<ImageContents> {
  const files = await readImageFiles(source, isPackageEvidence, undefined, goBinarySieve);
  const sqlite = needsSqlite(files.files) ? await loadSqlite() : undefined;
  return imageContents(files.files, { sqlite });
}
