/**
 * Container images built by tests, byte for byte as the OCI image specification lays them out
 * (image-layout.md, manifest.md, config.md, layer.md): POSIX ustar layers (pax headers for long
 * paths), gzip-compressed or not, an OCI layout directory, its tar archive, and a `docker save`
 * archive (manifest.json with Config and Layers).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of a test layer. */
export interface TestEntry {
  readonly path: string;
  readonly type?: 'file' | 'directory' | 'symlink' | 'hardlink';
  readonly content?: string | Uint8Array;
  readonly linkTarget?: string;
  /** Permission bits; 0o755 for directories and 0o644 for others unless given. */
  readonly mode?: number;
}

const encoder = new TextEncoder();

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(path: string, type: string, size: number, linkTarget = '', mode?: number): Uint8Array {
  const block = new Uint8Array(512);
  const put = (text: string, at: number): void => {
    block.set(encoder.encode(text), at);
  };
  put(path.slice(0, 100), 0);
  put(octal(mode ?? (type === '5' ? 0o755 : 0o644), 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(1_700_000_000, 12), 136);
  put('        ', 148);
  put(type, 156);
  put(linkTarget.slice(0, 100), 157);
  put('ustar\x0000', 257);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(octal(sum, 7) + ' ', 148);
  return block;
}

function padded(content: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(content.length / 512) * 512);
  out.set(content);
  return out;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return `${String(length)}${body}`;
}

/** A tar archive of the entries, in order, ended by two zero blocks. */
export function tarArchive(entries: readonly TestEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const type = { file: '0', directory: '5', symlink: '2', hardlink: '1' }[entry.type ?? 'file'];
    const content =
      typeof entry.content === 'string' ? encoder.encode(entry.content) : (entry.content ?? new Uint8Array());
    if (entry.path.length > 100) {
      const pax = encoder.encode(paxRecord('path', entry.path));
      blocks.push(header('PaxHeader', 'x', pax.length), padded(pax));
    }
    blocks.push(header(entry.path, type, type === '0' ? content.length : 0, entry.linkTarget, entry.mode));
    if (type === '0') blocks.push(padded(content));
  }
  blocks.push(new Uint8Array(1024));
  return Buffer.concat(blocks);
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** How a test image is written. */
export interface TestImageOptions {
  readonly compression?: 'gzip' | 'none';
  /** Platforms of an index with one image each (same layers); without it, one image in index.json. */
  readonly platforms?: readonly string[];
  readonly refName?: string;
}

interface Blob {
  readonly digest: string;
  readonly bytes: Uint8Array;
}

function blob(bytes: Uint8Array): Blob {
  return { digest: sha256(bytes), bytes };
}

/** The blobs and index.json of an OCI layout holding one image of `layers`. */
function layoutFiles(
  layers: readonly (readonly TestEntry[])[],
  options: TestImageOptions,
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const add = (b: Blob): Blob => {
    files.set(`blobs/sha256/${b.digest.slice(7)}`, b.bytes);
    return b;
  };
  const tars = layers.map((entries) => tarArchive(entries));
  const gzip = (options.compression ?? 'gzip') === 'gzip';
  const layerBlobs = tars.map((tar) => add(blob(gzip ? gzipSync(tar) : tar)));
  const manifestFor = (platform: string): { readonly descriptor: Record<string, unknown> } => {
    const [os = 'linux', architecture = 'amd64', variant] = platform.split('/');
    const config = add(
      blob(
        encoder.encode(
          JSON.stringify({
            architecture,
            os,
            ...(variant ? { variant } : {}),
            rootfs: { type: 'layers', diff_ids: tars.map(sha256) },
            config: {},
          }),
        ),
      ),
    );
    const manifest = add(
      blob(
        encoder.encode(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            config: {
              mediaType: 'application/vnd.oci.image.config.v1+json',
              digest: config.digest,
              size: config.bytes.length,
            },
            layers: layerBlobs.map((layer) => ({
              mediaType: gzip
                ? 'application/vnd.oci.image.layer.v1.tar+gzip'
                : 'application/vnd.oci.image.layer.v1.tar',
              digest: layer.digest,
              size: layer.bytes.length,
            })),
          }),
        ),
      ),
    );
    return {
      descriptor: {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: manifest.digest,
        size: manifest.bytes.length,
        platform: { os, architecture, ...(variant ? { variant } : {}) },
      },
    };
  };
  const annotations = options.refName
    ? { annotations: { 'org.opencontainers.image.ref.name': options.refName } }
    : {};
  let top: Record<string, unknown>;
  if (options.platforms) {
    const nested = add(
      blob(
        encoder.encode(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.index.v1+json',
            manifests: options.platforms.map((platform) => manifestFor(platform).descriptor),
          }),
        ),
      ),
    );
    top = {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      digest: nested.digest,
      size: nested.bytes.length,
      ...annotations,
    };
  } else {
    const { descriptor } = manifestFor('linux/amd64');
    top = { ...descriptor, ...annotations };
    delete top.platform;
  }
  files.set('oci-layout', encoder.encode(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  files.set('index.json', encoder.encode(JSON.stringify({ schemaVersion: 2, manifests: [top] })));
  return files;
}

/** Writes an OCI image layout directory holding one image of `layers` (base first). */
export function writeOciLayout(
  directory: string,
  layers: readonly (readonly TestEntry[])[],
  options: TestImageOptions = {},
): void {
  for (const [path, bytes] of layoutFiles(layers, options)) {
    mkdirSync(join(directory, path, '..'), { recursive: true });
    writeFileSync(join(directory, path), bytes);
  }
}

/** An OCI layout as one tar archive (as `skopeo copy … oci-archive:` writes it). */
export function ociArchive(
  layers: readonly (readonly TestEntry[])[],
  options: TestImageOptions = {},
): Uint8Array {
  const files = [...layoutFiles(layers, options)];
  return tarArchive(files.map(([path, content]) => ({ path, content })));
}

/** A `docker save` archive without an OCI layout: uncompressed `<id>/layer.tar`s and manifest.json. */
export function dockerSaveArchive(layers: readonly (readonly TestEntry[])[], repoTag: string): Uint8Array {
  const tars = layers.map((entries) => tarArchive(entries));
  const config = encoder.encode(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: tars.map(sha256) },
    }),
  );
  const configName = `${sha256(config).slice(7)}.json`;
  const layerNames = tars.map((tar) => `${sha256(tar).slice(7)}/layer.tar`);
  const manifest = [{ Config: configName, RepoTags: [repoTag], Layers: layerNames }];
  return tarArchive([
    { path: configName, content: config },
    ...tars.map((tar, index) => ({ path: layerNames[index] ?? '', content: tar })),
    { path: 'manifest.json', content: JSON.stringify(manifest) },
  ]);
}
