import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeFifo, makeSocket, releaseFifoAfter } from '../testing/hostile-files.ts';
import {
  FileRefusedError,
  readRegularFile,
  readRegularFileSync,
  useRegularFileSync,
} from './regular-file.ts';

const refused = (message: RegExp) => (error: unknown) =>
  error instanceof FileRefusedError && message.test(error.message);

describe('reading only regular files, within the size cap', { timeout: 20_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-regular-'));
  const fifo = join(root, 'pipe.yaml');
  const zero = join(root, 'zero.yaml');
  const socket = join(root, 'socket.yaml');
  const good = join(root, 'good.yaml');
  const linked = join(root, 'linked.yaml');
  const big = join(root, 'big.yaml');
  let stopReleasing = (): void => undefined;
  let closeSocket = (): Promise<void> => Promise.resolve();
  before(async () => {
    makeFifo(fifo);
    stopReleasing = releaseFifoAfter(fifo, 5_000);
    symlinkSync('/dev/zero', zero);
    closeSocket = await makeSocket(socket);
    writeFileSync(good, 'kind: Pod\n');
    symlinkSync(good, linked);
    writeFileSync(big, 'x'.repeat(2048));
  });
  after(async () => {
    stopReleasing();
    await closeSocket();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    await assert.rejects(readRegularFile(fifo, 1024), refused(/^skipped: not a regular file \(fifo\)$/));
    assert.throws(() => readRegularFileSync(fifo, 1024), refused(/\(fifo\)$/));
  });
  it('refuses a symbolic link to /dev/zero, and says it went through a link', async () => {
    const message = /^skipped: not a regular file \(character device, through a symbolic link\)$/;
    await assert.rejects(readRegularFile(zero, 1024), refused(message));
    assert.throws(() => readRegularFileSync(zero, 1024), refused(message));
  });
  it('refuses a socket', async () => {
    await assert.rejects(readRegularFile(socket, 1024), refused(/\(socket\)$/));
    assert.throws(() => readRegularFileSync(socket, 1024), refused(/\(socket\)$/));
  });
  it('refuses a file above the cap, naming both sizes', async () => {
    const message = /^2 KiB exceeds --max-file-size 1000 bytes$/;
    await assert.rejects(readRegularFile(big, 1000), refused(message));
    assert.throws(() => readRegularFileSync(big, 1000), refused(message));
  });
  it('reads a regular file, directly or through a symbolic link, up to the cap inclusive', async () => {
    assert.equal((await readRegularFile(linked, 10)).toString(), 'kind: Pod\n');
    assert.equal(readRegularFileSync(good, 10).toString(), 'kind: Pod\n');
    assert.equal(readRegularFileSync(big, 2048).length, 2048);
  });
  it('reads a file whole whatever its size, empty or past one read', async () => {
    const empty = join(root, 'empty.yaml');
    const large = join(root, 'large.yaml');
    const text = Array.from({ length: 20_000 }, (_, i) => `key${String(i)}: value\n`).join('');
    writeFileSync(empty, '');
    writeFileSync(large, text);
    assert.equal(readRegularFileSync(empty, 10).length, 0);
    assert.equal((await readRegularFile(empty, 10)).length, 0);
    assert.equal(readRegularFileSync(large, text.length).toString(), text);
    assert.equal((await readRegularFile(large, text.length)).toString(), text);
  });
  it('reads a file whose reported size says nothing (a /proc file) whole', async () => {
    const environ = readRegularFileSync('/proc/self/environ', 1 << 20);
    assert.ok(environ.length > 0);
    assert.equal((await readRegularFile('/proc/self/environ', 1 << 20)).length, environ.length);
  });
  it('caps a file whose reported size says nothing, as /proc files report 0', async () => {
    const message = /^more than 100 bytes exceeds --max-file-size 100 bytes$/;
    assert.throws(() => readRegularFileSync('/proc/self/environ', 100), refused(message));
    await assert.rejects(readRegularFile('/proc/self/environ', 100), refused(message));
  });
  it('hands each file its own bytes through the reused buffer, larger or smaller than the last', () => {
    const large = join(root, 'reused-large.yaml');
    const text = 'y'.repeat(70_000);
    writeFileSync(large, text);
    const decode = (bytes: Buffer): string => bytes.toString('utf8');
    assert.equal(useRegularFileSync(big, 2048, decode), 'x'.repeat(2048));
    assert.equal(useRegularFileSync(large, text.length, decode), text);
    assert.equal(useRegularFileSync(good, 10, decode), 'kind: Pod\n');
    assert.equal(
      useRegularFileSync(linked, 10, (bytes) => bytes.length),
      10,
    );
  });
  it('refuses through the reused buffer what it refuses otherwise', () => {
    assert.throws(() => useRegularFileSync(fifo, 1024, String), refused(/\(fifo\)$/));
    assert.throws(
      () => useRegularFileSync(big, 1000, String),
      refused(/^2 KiB exceeds --max-file-size 1000 bytes$/),
    );
    assert.throws(
      () => useRegularFileSync('/proc/self/environ', 100, String),
      refused(/^more than 100 bytes exceeds --max-file-size 100 bytes$/),
    );
  });
  it('lets the system error through for a missing file', () => {
    assert.throws(() => readRegularFileSync(join(root, 'absent'), 10), { code: 'ENOENT' });
  });
});
