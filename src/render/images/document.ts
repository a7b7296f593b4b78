import { formatPath } from '../../model/path.ts';
import { locationAt } from '../../report/location.ts';
import { REPORT_API_VERSION, reportDocument } from '../document.ts';
import { jsonChunks } from '../json-chunks.ts';
import { yamlChunks } from '../yaml.ts';
import type { ImageRow, ImagesResult } from '../../report/images-result.ts';

function imageDocument(row: ImageRow): Record<string, unknown> {
  const { entry, resolution } = row;
  const parts = entry.reference.valid
    ? {
        valid: true,
        registry: entry.reference.reference.registry,
        repository: entry.reference.reference.repository,
        tag: entry.reference.reference.tag ?? null,
        digest: entry.reference.reference.digest ?? null,
      }
    : { valid: false, error: entry.reference.error };
  return {
    image: entry.image,
    ...parts,
    ...(resolution === undefined ? {} : { resolved: resolution }),
    usedBy: entry.uses.map((use) => ({
      object: use.object,
      container: use.container,
      containerType: use.field,
      field: formatPath(use.path),
      location: locationAt(use.resource, use.path),
    })),
  };
}

/**
 * The machine-readable image list behind `-o json` and `-o yaml` (docs/output.md): every image
 * with its parts or its error, its resolution with `--resolve`, and its users located in the input;
 * then the findings of `--resolve`, in the scan report's shape (with their `fix`), and the diagnostics.
 */
export function imagesDocument(result: ImagesResult): Record<string, unknown> {
  return {
    apiVersion: REPORT_API_VERSION,
    kind: 'ImageList',
    images: result.rows.map(imageDocument),
    ...(result.report === undefined ? {} : { findings: reportDocument(result.report).findings }),
    diagnostics: result.diagnostics,
  };
}

/** `-o json`, in chunks. */
export function renderImagesJson(result: ImagesResult): Iterable<string> {
  return jsonChunks(imagesDocument(result));
}

/** `-o yaml`, in chunks. */
export function renderImagesYaml(result: ImagesResult): Iterable<string> {
  return yamlChunks(imagesDocument(result));
}
