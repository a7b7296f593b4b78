import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeFifo, makeSocket, releaseFifoAfter } from '../testing/hostile-files.ts';
import { load } from './load.ts';
import { readSources } from './read.ts';

const pod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers: []\n`;

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-read-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('reading inputs', () => {
  it('walks directories recursively for .yaml, .yml and .json, in name order', async () => {
    const root = tree({
      'b.yaml': pod('b'),
      'a/c.yml': pod('c'),
      'a/d.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'd' } }),
      'notes.txt': 'not a manifest',
      'node_modules/x.yaml': pod('skipped'),
    });
    const { resources, diagnostics, files } = await load([root], { recursive: true });
    assert.deepEqual(
      resources.map((r) => r.name),
      ['c', 'd', 'b'],
    );
    assert.equal(files, 3);
    assert.deepEqual(diagnostics, []);
  });

  it('stays at the top level without recursion', async () => {
    const root = tree({ 'b.yaml': pod('b'), 'a/c.yml': pod('c') });
    const { resources } = await load([root], { recursive: false });
    assert.deepEqual(
      resources.map((r) => r.name),
      ['b'],
    );
  });

  it('reads stdin for -', async () => {
    const { resources } = await load(['-'], {
      recursive: true,
      stdin: () => Promise.resolve(pod('from-stdin')),
    });
    assert.equal(resources[0]?.origin.file, '<stdin>');
    assert.equal(resources[0]?.name, 'from-stdin');
  });

  it('reports missing, unreadable, binary and empty inputs and still reads the rest', async () => {
    const root = tree({
      'good.yaml': pod('good'),
      'empty.yaml': '  \n',
      'binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]),
    });
    const locked = join(root, 'locked.yaml');
    writeFileSync(locked, pod('locked'));
    chmodSync(locked, 0o000);
    const canRead = process.getuid?.() === 0; // root reads anything
    const { resources, diagnostics } = await load(
      [
        join(root, 'missing.yaml'),
        join(root, 'binary.yaml'),
        join(root, 'empty.yaml'),
        locked,
        join(root, 'good.yaml'),
      ],
      { recursive: true },
    );
    assert.deepEqual(
      resources.map((r) => r.name),
      canRead ? ['locked', 'good'] : ['good'],
    );
    const messages = diagnostics.map((d) => `${d.level}: ${d.message}`);
    assert.deepEqual(messages.slice(0, 3), [
      'error: cannot read: no such file or directory',
      'error: binary file, not YAML or JSON',
      'warning: empty file, no objects',
    ]);
    if (!canRead) assert.equal(messages[3], 'error: cannot read: permission denied');
  });

  it('reads a 50 MB file', async () => {
    const documents: string[] = [];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const document = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  payload: "${'x'.repeat(2000)}"\n`;
      documents.push(document);
      size += document.length + 4;
    }
    const root = tree({ 'big.yaml': documents.join('---\n') });
    const { resources, diagnostics } = await load([join(root, 'big.yaml')], { recursive: false });
    assert.equal(resources.length, documents.length);
    assert.deepEqual(diagnostics, []);
  });
});

describe(
  'reading what a tenant can plant: only regular files, within --max-file-size',
  { timeout: 30_000 },
  () => {
    let root = '';
    let stopReleasing = (): void => undefined;
    let closeSocket = (): Promise<void> => Promise.resolve();
    before(async () => {
      root = tree({ 'good.yaml': pod('good'), 'big.yaml': pod('big') + '#'.repeat(2000) });
      makeFifo(join(root, 'fifo.yaml'));
      stopReleasing = releaseFifoAfter(join(root, 'fifo.yaml'), 5_000);
      symlinkSync('/dev/zero', join(root, 'zero.yaml'));
      closeSocket = await makeSocket(join(root, 'socket.yaml'));
    });
    after(async () => {
      stopReleasing();
      await closeSocket();
      rmSync(root, { recursive: true, force: true });
    });

    const diagnosticsOf = async (name: string, maxFileSize?: number): Promise<string[]> => {
      const read = await readSources([join(root, name), join(root, 'good.yaml')], {
        recursive: true,
        ...(maxFileSize === undefined ? {} : { maxFileSize }),
      });
      assert.deepEqual(
        read.sources.map((source) => source.file),
        [join(root, 'good.yaml')],
      );
      return read.diagnostics.map((d) => `${d.file}: ${d.level}: ${d.message}`);
    };

    it('skips a FIFO with an error, without waiting for a writer, and reads the other input', async () => {
      assert.deepEqual(await diagnosticsOf('fifo.yaml'), [
        `${join(root, 'fifo.yaml')}: error: skipped: not a regular file (fifo)`,
      ]);
    });
    it('skips a symbolic link to /dev/zero instead of reading it forever', async () => {
      assert.deepEqual(await diagnosticsOf('zero.yaml'), [
        `${join(root, 'zero.yaml')}: error: skipped: not a regular file (character device, through a symbolic link)`,
      ]);
    });
    it('skips a socket', async () => {
      assert.deepEqual(await diagnosticsOf('socket.yaml'), [
        `${join(root, 'socket.yaml')}: error: skipped: not a regular file (socket)`,
      ]);
    });
    it('refuses a file above the cap, and reads the one below it', async () => {
      assert.deepEqual(await diagnosticsOf('big.yaml', 1024), [
        `${join(root, 'big.yaml')}: error: 2 KiB exceeds --max-file-size 1 KiB`,
      ]);
    });
    it('reports what a directory walk finds that is not a regular file', async () => {
      const read = await readSources([root], { recursive: true, maxFileSize: 1024 });
      assert.deepEqual(
        read.sources.map((source) => source.file),
        [join(root, 'good.yaml')],
      );
      assert.deepEqual(
        read.diagnostics.map((d) => `${d.file.slice(root.length + 1)}: ${d.message}`),
        [
          'big.yaml: 2 KiB exceeds --max-file-size 1 KiB',
          'fifo.yaml: skipped: not a regular file (fifo)',
          'socket.yaml: skipped: not a regular file (socket)',
          'zero.yaml: skipped: not a regular file (character device, through a symbolic link)',
        ],
      );
    });
    it('holds stdin to the cap too', async () => {
      const read = await readSources(['-', join(root, 'good.yaml')], {
        recursive: true,
        maxFileSize: 100,
        stdin: () => Promise.resolve(pod('from-stdin').repeat(5)),
      });
      assert.deepEqual(
        read.sources.map((source) => source.file),
        [join(root, 'good.yaml')],
      );
      assert.deepEqual(
        read.diagnostics.map((d) => `${d.file}: ${d.level}: ${d.message}`),
        ['<stdin>: error: 385 bytes exceeds --max-file-size 100 bytes'],
      );
    });
  },
);
