import { formatPath } from '../../model/path.ts';
import { escapeControls } from '../../model/terminal-text.ts';
import type { ImageVerification } from '../../report/image-verification.ts';
import { locationAt } from '../../report/location.ts';
import { renderColumns } from '../columns.ts';
import { REPORT_API_VERSION } from '../document.ts';
import { jsonChunks } from '../json-chunks.ts';

const status = (row: ImageVerification): string =>
  row.error !== undefined ? 'error' : row.verdict?.verified === true ? 'verified' : 'failed';

/**
 * `kubeward images verify` as a table: each image with the digest checked, VERIFIED, FAILED or
 * ERROR, and who signed it or why not.
 */
export function renderVerificationTable(
  rows: readonly ImageVerification[],
  width = Number.POSITIVE_INFINITY,
): string {
  if (rows.length === 0) return 'No images found.\n';
  const table = rows.map((row) =>
    [
      row.entry.image === '' ? '""' : row.entry.image,
      row.digest ?? '',
      status(row).toUpperCase(),
      row.error ?? row.verdict?.reason ?? '',
    ].map((cell) => escapeControls(cell)),
  );
  return renderColumns([['IMAGE', 'DIGEST', 'SIGNATURE', 'DETAIL'], ...table], { width });
}

/** `-o json`: every image's verdict, and where it is used. */
export function renderVerificationJson(rows: readonly ImageVerification[]): Iterable<string> {
  return jsonChunks({
    apiVersion: REPORT_API_VERSION,
    kind: 'ImageVerification',
    images: rows.map((row) => ({
      image: row.entry.image,
      digest: row.digest ?? null,
      status: status(row),
      ...(row.error === undefined ? {} : { error: row.error }),
      ...(row.verdict === undefined
        ? {}
        : {
            verified: row.verdict.verified,
            reason: row.verdict.reason,
            signer: row.verdict.signer ?? null,
            origin: row.verdict.origin ?? null,
          }),
      usedBy: row.entry.uses.map((use) => ({
        object: use.object,
        container: use.container,
        field: formatPath(use.path),
        location: locationAt(use.resource, use.path),
      })),
    })),
  });
}
