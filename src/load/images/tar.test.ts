import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { tarArchive } from '../../testing/oci-image.ts';
import { tarEntries } from './tar.ts';
import type { ContentSieve, TarEntry } from './tar.ts';

/** The bytes in chunks of 700, as a stream gives them (never aligned to tar's 512-byte blocks). */
function chunks(bytes: Uint8Array, size = 700): Readable {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return Readable.from(parts);
}

async function read(
  bytes: Uint8Array,
  keep: (path: string) => boolean = () => true,
  maxEntryBytes = 1 << 20,
): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  for await (const entry of tarEntries(chunks(bytes), 'layer.tar', (h) => keep(h.path), {
    maxEntryBytes,
    maxMetadataBytes: 4096,
  })) {
    entries.push(entry);
  }
  return entries;
}

const decode = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);

/** A GNU long-name entry (type L) before a file, as GNU tar writes names over 100 bytes. */
function gnuLongName(name: string, content: string): Uint8Array {
  const withLong = tarArchive([
    { path: '././@LongLink', content: `${name}\0` },
    { path: 'short', content },
  ]);
  withLong[156] = 'L'.charCodeAt(0);
  let sum = 0;
  for (let index = 0; index < 512; index++) sum += index >= 148 && index < 156 ? 32 : (withLong[index] ?? 0);
  withLong.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  return withLong;
}

describe('tar reader', () => {
  it('reads ustar entries, pax long paths, links and directories; keeps only what is asked', async () => {
    const long = `a/${'b'.repeat(120)}/status`;
    const bytes = tarArchive([
      { path: './etc/', type: 'directory' },
      { path: 'etc/os-release', content: 'ID=debian\n' },
      { path: long, content: 'long' },
      { path: 'etc/link', type: 'symlink', linkTarget: '../usr/lib/os-release' },
      { path: 'big', content: 'x'.repeat(5000) },
    ]);
    const entries = await read(bytes, (path) => path !== 'big');
    assert.deepEqual(
      entries.map((e) => [e.path, e.type, e.size, e.linkTarget, decode(e.content)]),
      [
        ['etc', 'directory', 0, '', ''],
        ['etc/os-release', 'file', 10, '', 'ID=debian\n'],
        [long, 'file', 4, '', 'long'],
        ['etc/link', 'symlink', 0, '../usr/lib/os-release', ''],
        ['big', 'file', 5000, '', undefined],
      ],
    );
  });

  it('reads GNU long names', async () => {
    const name = `usr/${'n'.repeat(150)}/METADATA`;
    const [entry] = await read(gnuLongName(name, 'Name: x\n'));
    assert.equal(entry?.path, name);
    assert.equal(decode(entry?.content), 'Name: x\n');
  });

  it('refuses a bad checksum, a truncated archive and a kept entry over the bound, naming them', async () => {
    const bytes = tarArchive([{ path: 'var/lib/dpkg/status', content: 'x'.repeat(3000) }]);
    const corrupt = Uint8Array.from(bytes);
    corrupt[0] = 'w'.charCodeAt(0);
    await assert.rejects(read(corrupt), {
      name: 'InputError',
      message: 'layer.tar: tar entry at byte 0: bad tar header checksum',
    });
    await assert.rejects(read(bytes.subarray(0, 1500)), {
      name: 'InputError',
      message: 'layer.tar: truncated tar archive in var/lib/dpkg/status',
    });
    await assert.rejects(
      read(bytes, () => true, 1000),
      {
        name: 'InputError',
        message: 'layer.tar: var/lib/dpkg/status has 3000 bytes, more than the 1000 kept for one file',
      },
    );
    assert.equal((await read(bytes, () => false, 1000)).length, 1);
  });
});

describe('tar reader with a content sieve', () => {
  /** A sieve that keeps the bytes up to the first `!` and wants nothing after it. */
  function untilBang(): ContentSieve & { readonly taken: number[] } {
    const kept: number[] = [];
    const taken: number[] = [];
    let done = false;
    return {
      taken,
      take(chunk: Uint8Array): boolean {
        taken.push(chunk.length);
        for (const byte of chunk) {
          if (byte === 0x21) done = true;
          if (done) break;
          kept.push(byte);
        }
        return done;
      },
      result: () => (kept.length === 0 ? undefined : new Uint8Array(kept)),
    };
  }

  it('streams the sieved entries, stops at what the sieve wants, and reads on past them', async () => {
    const sieves = new Map<string, ReturnType<typeof untilBang>>();
    const bytes = tarArchive([
      { path: 'bin/app', content: `build info!${'x'.repeat(3 * 1024 * 1024)}`, mode: 0o755 },
      { path: 'bin/empty', content: '!', mode: 0o755 },
      { path: 'etc/os-release', content: 'ID=debian\n' },
      { path: 'bin/late', content: `${'y'.repeat(5)}!`, mode: 0o755 },
    ]);
    const entries: TarEntry[] = [];
    const stream = tarEntries(
      chunks(bytes, 64 * 1024),
      'layer.tar',
      (header) => header.path === 'etc/os-release',
      undefined,
      (header) => {
        if ((header.mode & 0o111) === 0) return undefined;
        const sieve = untilBang();
        sieves.set(header.path, sieve);
        return sieve;
      },
    );
    for await (const entry of stream) entries.push(entry);
    assert.deepEqual(
      entries.map((e) => [e.path, e.mode.toString(8), decode(e.content)]),
      [
        ['bin/app', '755', 'build info'],
        ['bin/empty', '755', undefined],
        ['etc/os-release', '644', 'ID=debian\n'],
        ['bin/late', '755', 'yyyyy'],
      ],
    );
    assert.deepEqual(sieves.get('bin/app')?.taken, [1024 * 1024]);
  });

  it('fails on a sieved entry cut short, naming it', async () => {
    const bytes = tarArchive([{ path: 'bin/app', content: 'z'.repeat(4000), mode: 0o755 }]).subarray(0, 2048);
    await assert.rejects(
      async () => {
        const paths: string[] = [];
        for await (const entry of tarEntries(chunks(bytes), 'layer.tar', () => false, undefined, untilBang))
          paths.push(entry.path);
      },
      { message: 'layer.tar: truncated tar archive in bin/app' },
    );
  });
});
