import type { ImageUse } from '../../model/image-usage.ts';
import { escapeControls } from '../../model/terminal-text.ts';
import { renderColumns } from '../columns.ts';
import type { ImageRow, ImagesResult } from '../../report/images-result.ts';

const ROLE: Readonly<Record<ImageUse['field'], string>> = {
  initContainers: 'init ',
  containers: '',
  ephemeralContainers: 'ephemeral ',
};

/** `Deployment/shop/web: init migrate`: the object, and the container with its kind unless regular. */
function user(use: ImageUse): string {
  const { kind, namespace, name } = use.object;
  const object = namespace === '' ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
  return `${object}: ${ROLE[use.field]}${use.container === '' ? '(unnamed)' : use.container}`;
}

function note(row: ImageRow): string {
  const { reference } = row.entry;
  if (!reference.valid) return `invalid: ${reference.error}`;
  const { resolution } = row;
  if (resolution === undefined) return '';
  if ('error' in resolution) return `not resolved: ${resolution.error}`;
  return reference.reference.digest === undefined
    ? `resolves to ${resolution.digest}`
    : resolution.digest === reference.reference.digest
      ? 'digest found'
      : `tag now at ${resolution.digest}`;
}

/**
 * `kubeward images` as a table: one row per image reference as written, with its registry,
 * repository, tag and digest as a runtime reads them, and every container that runs it (one per
 * line). A NOTE column says why a reference is invalid, or what `--resolve` found.
 */
export function renderImagesTable(result: ImagesResult, width = Number.POSITIVE_INFINITY): string {
  if (result.rows.length === 0) return 'No images found.\n';
  const notes = result.rows.map(note);
  const withNotes = notes.some((text) => text !== '');
  const header = [
    'IMAGE',
    'REGISTRY',
    'REPOSITORY',
    'TAG',
    'DIGEST',
    ...(withNotes ? ['NOTE'] : []),
    'USED BY',
  ];
  const rows = result.rows.map((row, index) => {
    const { entry } = row;
    const parts = entry.reference.valid ? entry.reference.reference : undefined;
    return [
      ...[
        entry.image === '' ? '""' : entry.image,
        parts?.registry ?? '-',
        parts?.repository ?? '-',
        parts?.tag ?? '',
        parts?.digest ?? '',
        ...(withNotes ? [notes[index] ?? ''] : []),
      ].map((cell) => escapeControls(cell)),
      entry.uses.map((use) => escapeControls(user(use))).join('\n'),
    ];
  });
  return renderColumns([header, ...rows], { width });
}
