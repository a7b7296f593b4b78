import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load } from './load.ts';

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
