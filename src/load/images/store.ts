import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../model/errors.ts';
import { readRegularFile } from '../regular-file.ts';
import { tarEntries } from './tar.ts';

/** The files of an OCI layout or `docker save` archive, wherever they are kept. */
export interface ImageStore {
  /** The directory or archive, for messages. */
  readonly name: string;
  /** Whether the file exists. */
  has(path: string): boolean | Promise<boolean>;
  /** The whole content of a small file (manifests, configs, index.json), at most `maxBytes`. */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
  /** The size of a file in bytes. */
  size(path: string): Promise<number>;
  /** The content of a file, as it streams. */
  stream(path: string): AsyncIterable<Uint8Array>;
}

/** An OCI image layout directory (image-spec image-layout.md). */
export function directoryStore(directory: string): ImageStore {
  return {
    name: directory,
    has: async (path) => (await stat(join(directory, path)).catch(() => undefined))?.isFile() === true,
    read: async (path, maxBytes) => readRegularFile(join(directory, path), maxBytes),
    size: async (path) => {
      const stats = await stat(join(directory, path)).catch(() => undefined);
      if (!stats?.isFile()) throw new InputError(`${directory}: no file ${path}`);
      return stats.size;
    },
    stream: (path) => createReadStream(join(directory, path)),
  };
}

interface ArchiveMember {
  readonly offset: number;
  readonly size: number;
}

/**
 * A tar archive (`docker save`, or an OCI layout archived): its members are found in one pass and
 * read from their offsets afterwards, so a blob is never held in memory whole.
 */
export async function archiveStore(archive: string): Promise<ImageStore> {
  const members = new Map<string, ArchiveMember>();
  const links = new Map<string, string>();
  for await (const entry of tarEntries(createReadStream(archive), archive, () => false)) {
    if (entry.type === 'file') members.set(entry.path, { offset: entry.offset, size: entry.size });
    else if (entry.type === 'symlink' || entry.type === 'hardlink') links.set(entry.path, entry.linkTarget);
  }
  const member = (path: string): ArchiveMember | undefined => {
    let current = path;
    for (let hops = 0; hops < 8; hops++) {
      const found = members.get(current);
      if (found) return found;
      const target = links.get(current);
      if (target === undefined) return undefined;
      current = target.startsWith('/') ? target.slice(1) : join(current, '..', target).replace(/^\.\//, '');
    }
    return undefined;
  };
  const required = (path: string): ArchiveMember => {
    const found = member(path);
    if (!found) throw new InputError(`${archive}: the archive has no ${path}`);
    return found;
  };
  return {
    name: archive,
    has: (path) => member(path) !== undefined,
    read: async (path, maxBytes) => {
      const { offset, size } = required(path);
      if (size > maxBytes)
        throw new InputError(`${archive}: ${path} has ${String(size)} bytes, more than ${String(maxBytes)}`);
      const handle = await open(archive, 'r');
      try {
        const buffer = Buffer.alloc(size);
        const { bytesRead } = await handle.read(buffer, 0, size, offset);
        if (bytesRead < size) throw new InputError(`${archive}: truncated member ${path}`);
        return buffer;
      } finally {
        await handle.close();
      }
    },
    size: (path) => Promise.resolve(required(path).size),
    stream: (path) => {
      const { offset, size } = required(path);
      return size === 0
        ? (async function* () {})()
        : createReadStream(archive, { start: offset, end: offset + size - 1 });
    },
  };
}
