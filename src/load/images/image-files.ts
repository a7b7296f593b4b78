import { posix } from 'node:path';
import { InputError } from '../../model/errors.ts';
import type { ImageSource } from '../../model/image-source.ts';
import { layerTar } from './decompress.ts';
import { tarEntries, TAR_LIMITS } from './tar.ts';
import type { ContentSieve, TarHeader, TarLimits } from './tar.ts';

/** The files kubeward kept from an image's layers, by path (no leading `/`), after every layer. */
export interface ImageFiles {
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** How many layers were applied, and the entries and uncompressed bytes their tars held. */
  readonly layers: number;
  readonly entries: number;
  readonly bytes: number;
}

type Kept =
  | { readonly layer: number; readonly kind: 'file'; readonly content: Uint8Array }
  | { readonly layer: number; readonly kind: 'link'; readonly target: string; readonly hard: boolean };

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** The kept entries, with a count of kept paths below each directory, so hiding is cheap when nothing is below. */
class KeptPaths {
  readonly entries = new Map<string, Kept>();
  private readonly below = new Map<string, number>();

  set(path: string, value: Kept): void {
    if (!this.entries.has(path))
      for (const directory of ancestors(path))
        this.below.set(directory, (this.below.get(directory) ?? 0) + 1);
    this.entries.set(path, value);
  }

  delete(path: string): void {
    if (!this.entries.delete(path)) return;
    for (const directory of ancestors(path)) {
      const count = (this.below.get(directory) ?? 1) - 1;
      if (count === 0) this.below.delete(directory);
      else this.below.set(directory, count);
    }
  }

  /** Removes `path` (when `itself`) and everything below it that layers before `layer` put there. */
  hideLower(path: string, layer: number, itself: boolean): void {
    const own = this.entries.get(path);
    if (itself && own !== undefined && own.layer < layer) this.delete(path);
    if (path !== '' && !this.below.has(path)) return;
    const prefix = path === '' ? '' : `${path}/`;
    for (const [key, value] of [...this.entries]) {
      if (value.layer < layer && key.startsWith(prefix)) this.delete(key);
    }
  }
}

/**
 * Applies an image's layers in order (image-spec layer.md, "Applying Changesets") and keeps only
 * the files `wanted` names: a later entry replaces an earlier one at the same path, a whiteout
 * (`.wh.NAME`) hides NAME and everything below it in lower layers, an opaque whiteout
 * (`.wh..wh..opq`) hides every lower-layer entry of its directory, and a non-directory hides what
 * lower layers had below its path. Symbolic and hard links among the kept paths are resolved at the
 * end. Nothing is written to disk. A regular file not wanted whole may be streamed through the
 * ContentSieve `sieve(header)` returns (a Go binary's build information): what the sieve keeps
 * stands for the file, under its path; a file it keeps nothing of hides the lower layers' like any
 * other.
 */
export async function readImageFiles(
  source: ImageSource,
  wanted: (path: string) => boolean,
  limits: TarLimits = TAR_LIMITS,
  sieve?: (header: TarHeader) => ContentSieve | undefined,
): Promise<ImageFiles> {
  const manifest = await source.manifest();
  const kept = new KeptPaths();
  let entries = 0;
  let bytes = 0;
  for (const [layer, descriptor] of manifest.layers.entries()) {
    const where = `${source.name}: layer ${String(layer + 1)} (${descriptor.digest})`;
    const tar = layerTar(await source.blob(descriptor), where);
    const keep = (header: { readonly path: string; readonly type: string }): boolean =>
      header.type === 'file' && wanted(header.path);
    const sifted =
      sieve === undefined
        ? undefined
        : (header: TarHeader): ContentSieve | undefined =>
            header.type === 'file' ? sieve(header) : undefined;
    for await (const entry of tarEntries(tar, where, keep, limits, sifted)) {
      entries++;
      bytes += entry.size;
      const name = posix.basename(entry.path);
      const directory = posix.dirname(entry.path) === '.' ? '' : posix.dirname(entry.path);
      if (name === OPAQUE) {
        kept.hideLower(directory, layer, false);
        continue;
      }
      if (name.startsWith(WHITEOUT)) {
        kept.hideLower(posix.join(directory, name.slice(WHITEOUT.length)), layer, true);
        continue;
      }
      if (entry.type !== 'directory') kept.hideLower(entry.path, layer, false);
      if (entry.content !== undefined) {
        kept.set(entry.path, { layer, kind: 'file', content: entry.content });
      } else if ((entry.type === 'symlink' || entry.type === 'hardlink') && wanted(entry.path)) {
        kept.set(entry.path, {
          layer,
          kind: 'link',
          target: entry.linkTarget,
          hard: entry.type === 'hardlink',
        });
      } else {
        kept.delete(entry.path);
      }
    }
  }
  const files = new Map<string, Uint8Array>();
  for (const [path, value] of kept.entries) {
    const content = value.kind === 'file' ? value.content : resolveLink(kept.entries, path);
    if (content !== undefined) files.set(path, content);
  }
  if (manifest.layers.length === 0) throw new InputError(`${source.name}: the image has no layers`);
  return { files, layers: manifest.layers.length, entries, bytes };
}

/** The content a link leads to among the kept files (at most 16 hops), or undefined. */
function resolveLink(kept: ReadonlyMap<string, Kept>, path: string): Uint8Array | undefined {
  let current = path;
  for (let hops = 0; hops < 16; hops++) {
    const value = kept.get(current);
    if (value === undefined) return undefined;
    if (value.kind === 'file') return value.content;
    const target = value.target;
    current =
      value.hard || target.startsWith('/')
        ? posix.normalize(target).replace(/^(\.\/|\/)+/, '')
        : posix.normalize(posix.join(posix.dirname(current), target)).replace(/^(\.\.\/)+/, '');
  }
  return undefined;
}
