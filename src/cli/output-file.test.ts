// --output-file: never over an input of the run, written whole through a rename, and a write error is
// a usage error naming the file and the reason. The module's rules, then each command through the CLI.
import assert from 'node:assert/strict';
import {
  chmodSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../model/errors.ts';
import { runCli } from '../testing/cli.ts';
import { refuseInputAsOutput, writeOutputFile } from './output-file.ts';

const directory = () => mkdtempSync(join(tmpdir(), 'kubeward-output-'));

/**
 * Writes `x` to `path` with writeOutputFile as a user permission bits apply to: this process when it
 * is not root, else a child running as nobody (root writes regardless of them). Returns the error's
 * `name: message`, or 'written'.
 */
function writeAsUnprivileged(path: string): string {
  const code = `
    import { writeOutputFile } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'output-file.ts')).href)};
    try { await writeOutputFile(${JSON.stringify(path)}, 'x'); process.stdout.write('written'); }
    catch (error) { process.stdout.write(error.name + ': ' + error.message); }`;
  const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    ...nobody,
  });
  return child.stdout || child.stderr;
}

describe('refuseInputAsOutput', () => {
  const dir = directory();
  const input = join(dir, 'input.yaml');
  writeFileSync(input, 'kind: Pod\n');
  symlinkSync(input, join(dir, 'link.yaml'));
  linkSync(input, join(dir, 'hard.yaml'));
  writeFileSync(join(dir, 'other.json'), '{}');

  it('refuses the same file, through a symbolic link or a hard link, naming both', () => {
    for (const output of [
      input,
      join(dir, 'link.yaml'),
      join(dir, 'hard.yaml'),
      join(dir, '.', 'input.yaml'),
    ])
      assert.throws(
        () => {
          refuseInputAsOutput(output, ['elsewhere.yaml', input]);
        },
        (error: unknown) =>
          error instanceof UsageError &&
          error.message ===
            `--output-file ${output} is ${input}, an input of this run: write the report elsewhere`,
      );
  });

  it('allows another file, a new file in an input directory, and an input directory holding the output', () => {
    refuseInputAsOutput(join(dir, 'other.json'), [input, 'missing.yaml']);
    refuseInputAsOutput(join(dir, 'report.json'), [dir, input]);
  });
});

const refused = (path: string, reason: string) => (error: unknown) =>
  error instanceof UsageError && error.message === `cannot write ${path}: ${reason}`;

describe('writeOutputFile', () => {
  it('replaces the whole file and leaves no temporary file behind', async () => {
    const dir = directory();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'a much longer report than the next one\n');
    await writeOutputFile(path, 'short\n');
    assert.equal(readFileSync(path, 'utf8'), 'short\n');
    assert.deepEqual(readdirSync(dir), ['report.json']);
  });

  it('replaces a symbolic link at the target instead of writing through it', async () => {
    const dir = directory();
    const target = join(dir, 'victim.txt');
    writeFileSync(target, 'keep me\n');
    symlinkSync(target, join(dir, 'report.json'));
    await writeOutputFile(join(dir, 'report.json'), 'report\n');
    assert.equal(readFileSync(target, 'utf8'), 'keep me\n');
    assert.ok(lstatSync(join(dir, 'report.json')).isFile());
    assert.equal(readFileSync(join(dir, 'report.json'), 'utf8'), 'report\n');
  });

  it('keeps the permission bits of the file it replaces', async () => {
    const dir = directory();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o600);
    await writeOutputFile(path, 'new\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  const refusedText = (path: string, reason: string): string => `UsageError: cannot write ${path}: ${reason}`;

  it('is a usage error with the path and the reason when the directory is missing or is a file', async () => {
    const dir = directory();
    const missing = join(dir, 'no-such-dir', 'report.json');
    await assert.rejects(
      writeOutputFile(missing, 'x'),
      refused(missing, 'ENOENT: no such file or directory'),
    );
    writeFileSync(join(dir, 'file'), '');
    const underFile = join(dir, 'file', 'report.json');
    await assert.rejects(writeOutputFile(underFile, 'x'), refused(underFile, 'ENOTDIR: not a directory'));
  });

  it('leaves a directory at the target alone and no temporary file behind', async () => {
    const dir = directory();
    mkdirSync(join(dir, 'report.json'));
    writeFileSync(join(dir, 'report.json', 'kept'), '');
    await assert.rejects(
      writeOutputFile(join(dir, 'report.json'), 'x'),
      /^UsageError: cannot write .*report\.json: (EISDIR|ENOTEMPTY|EEXIST): /,
    );
    assert.deepEqual(readdirSync(dir), ['report.json']);
    assert.deepEqual(readdirSync(join(dir, 'report.json')), ['kept']);
  });

  it('does not replace a file made read-only, nor write into a read-only directory', () => {
    const dir = directory();
    chmodSync(dir, 0o777);
    const path = join(dir, 'report.json');
    writeFileSync(path, 'protected\n');
    chmodSync(path, 0o444);
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    for (const target of [path, join(locked, 'report.json')])
      assert.equal(writeAsUnprivileged(target), refusedText(target, 'EACCES: permission denied'));
    assert.equal(readFileSync(path, 'utf8'), 'protected\n');
  });
});

describe('writeOutputFile, when the report fails half-way', () => {
  const MEGABYTE = 'x'.repeat(1 << 20);
  const previous = (): { dir: string; path: string } => {
    const dir = directory();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'the previous report\n');
    return { dir, path };
  };
  const unchanged = ({ dir, path }: { dir: string; path: string }): void => {
    assert.equal(readFileSync(path, 'utf8'), 'the previous report\n');
    assert.deepEqual(readdirSync(dir), ['report.json']);
  };

  it('writes a report of many chunks whole', async () => {
    const target = previous();
    await writeOutputFile(
      target.path,
      Array.from({ length: 40 }, () => MEGABYTE),
    );
    assert.equal(statSync(target.path).size, 40 << 20);
    assert.deepEqual(readdirSync(target.dir), ['report.json']);
  });

  it('keeps the previous file and removes the temporary one when rendering throws (the error is kept)', async () => {
    const target = previous();
    const chunks = (function* () {
      yield MEGABYTE;
      yield MEGABYTE;
      throw new Error('renderer failed');
    })();
    await assert.rejects(writeOutputFile(target.path, chunks), (error: unknown) => {
      return !(error instanceof UsageError) && error instanceof Error && error.message === 'renderer failed';
    });
    unchanged(target);
  });

  it('keeps the previous file and removes the temporary one when the file fails under the writes', async () => {
    const target = previous();
    const chunks = (function* () {
      yield MEGABYTE;
      yield MEGABYTE;
      // The temporary file's descriptor, closed behind the stream's back: its next write fails.
      const descriptor = readdirSync('/proc/self/fd').find((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).startsWith(join(target.dir, '.report.json.'));
        } catch {
          return false;
        }
      });
      assert.ok(descriptor !== undefined);
      closeSync(Number(descriptor));
      for (let i = 0; i < 8; i++) yield MEGABYTE;
    })();
    await assert.rejects(
      writeOutputFile(target.path, chunks),
      refused(target.path, 'EBADF: bad file descriptor'),
    );
    unchanged(target);
  });

  it('keeps the previous file and removes the temporary one when the run is interrupted (SIGTERM)', () => {
    const target = previous();
    const code = `
      import { writeOutputFile } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'output-file.ts')).href)};
      const chunks = (function* () {
        for (let i = 0; i < 64; i++) {
          if (i === 3) process.kill(process.pid, 'SIGTERM');
          yield 'x'.repeat(1 << 20);
        }
      })();
      await writeOutputFile(${JSON.stringify(target.path)}, chunks);
      process.stdout.write('finished');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
    });
    assert.equal(child.signal, 'SIGTERM', child.stderr);
    assert.equal(child.stdout, '');
    unchanged(target);
  });
});

describe('--output-file on every command that has it', () => {
  const dir = directory();
  const manifest = join(dir, 'pod.yaml');
  writeFileSync(
    manifest,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec: {containers: [{name: web, image: nginx}]}\n',
  );
  writeFileSync(join(dir, 'team.policy-test.mjs'), 'export function testNothing() {}\n');
  const original = readFileSync(manifest, 'utf8');

  const runs: Readonly<Record<string, (output: string) => string[]>> = {
    scan: (output) => ['scan', manifest, '--fail-on', 'none', '-o', 'json', '--output-file', output],
    'audit node': (output) => [
      'audit',
      'node',
      'examples/node-hardened',
      '-o',
      'json',
      '--output-file',
      output,
    ],
    'netpol assert': (output) => [
      'netpol',
      'assert',
      'examples/netpol/netassert.yaml',
      '-f',
      'examples/netpol/manifests.yaml',
      '--output-file',
      output,
    ],
    test: (output) => ['test', dir, '-f', manifest, '-o', 'json', '--output-file', output],
  };
  const inputs: Readonly<Record<string, string>> = {
    scan: manifest,
    'audit node': 'examples/node-hardened/etc/kubernetes/manifests/kube-apiserver.yaml',
    'netpol assert': 'examples/netpol/netassert.yaml',
    test: manifest,
  };

  for (const [command, args] of Object.entries(runs)) {
    it(`${command}: refuses an input as the output (exit 2, both named), writes elsewhere, and reports a write error`, () => {
      const input = inputs[command] ?? '';
      const link = join(directory(), 'link-to-input');
      symlinkSync(join(input.startsWith('/') ? '' : process.cwd(), input), link);
      const refusal = runCli(args(link));
      assert.equal(refusal.status, 2, refusal.stderr);
      assert.match(
        refusal.stderr,
        new RegExp(
          `^error: --output-file ${link} is .*${input.split('/').pop() ?? ''}, an input of this run`,
          'm',
        ),
      );
      assert.equal(readFileSync(manifest, 'utf8'), original);

      const output = join(directory(), 'report.out');
      const written = runCli(args(output));
      assert.notEqual(written.status, 2, written.stderr);
      assert.equal(written.stdout, '');
      assert.ok(readFileSync(output, 'utf8').length > 0);

      const missing = join(dir, 'no-such-dir', 'report.out');
      const failed = runCli(args(missing));
      assert.equal(failed.status, 2, failed.stderr);
      assert.match(
        failed.stderr,
        new RegExp(`^error: cannot write ${missing}: ENOENT: no such file or directory$`, 'm'),
      );
      assert.doesNotMatch(failed.stderr, /internal error/);
    });
  }
});
