import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { goBinary } from '../../testing/package-databases.ts';
import { findTool, needs } from '../../testing/tools.ts';
import { goBinarySieve } from './go-binary.ts';
import { BUILDINFO_MAGIC, parseGoBuildInfo } from './go-buildinfo.ts';
import { goVersionSemver } from './go.ts';
import { imageContents } from './index.ts';

const temporary = mkdtempSync(join(tmpdir(), 'kubeward-go-'));
after(() => {
  rmSync(temporary, { recursive: true, force: true });
});

const encoder = new TextEncoder();

/** A varint-prefixed string (encoding/binary's PutUvarint, then the bytes). */
function inline(text: string): Uint8Array {
  const bytes = encoder.encode(text);
  const length: number[] = [];
  let value = bytes.length;
  while (value >= 0x80) {
    length.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  length.push(value);
  return new Uint8Array([...length, ...bytes]);
}

/**
 * A build information blob as golang/go src/debug/buildinfo/buildinfo.go reads it: the 32-byte
 * header (magic, pointer size, flags; bit 2 set: inline strings), the version and the module
 * information framed by 16-byte sentinels (cmd/go/internal/modload's infoStart and infoEnd; any 16
 * bytes ending in a newline do, as the reader only checks that newline).
 */
function blob(goVersion: string, modinfo: string, flags = 2): Uint8Array {
  const header = new Uint8Array(32);
  header.set(BUILDINFO_MAGIC);
  header[14] = 8;
  header[15] = flags;
  const framed = `${'S'.repeat(15)}\n${modinfo}${'E'.repeat(15)}\n`;
  return new Uint8Array([...header, ...inline(goVersion), ...inline(framed)]);
}

const MODINFO = [
  'path\texample.com/app/cmd/app',
  'mod\texample.com/app\tv1.4.0\th1:main=',
  'dep\tgolang.org/x/net\tv0.17.0\th1:net=',
  'dep\tgithub.com/old/lib\tv1.0.0\th1:old=',
  '=>\tgithub.com/fork/lib\tv1.0.1\th1:fork=',
  'dep\texample.com/local\tv0.0.0',
  '=>\t../local\t\t',
  'build\t-ldflags="-s -w"',
  'build\t"key with space"=value',
  'build\tGOOS=linux',
  '',
].join('\n');

describe('Go build information', () => {
  it('reads the modules, replacements and build settings of the inline format (Go ≥ 1.18)', () => {
    const info = parseGoBuildInfo(blob('go1.22.1', MODINFO));
    assert.ok(!('problem' in info));
    assert.equal(info.goVersion, 'go1.22.1');
    assert.equal(info.path, 'example.com/app/cmd/app');
    assert.deepEqual(info.main, { path: 'example.com/app', version: 'v1.4.0', sum: 'h1:main=' });
    assert.deepEqual(info.deps[1]?.replacement, {
      path: 'github.com/fork/lib',
      version: 'v1.0.1',
      sum: 'h1:fork=',
    });
    assert.deepEqual(
      [...info.settings],
      [
        ['-ldflags', '-s -w'],
        ['key with space', 'value'],
        ['GOOS', 'linux'],
      ],
    );
  });

  it('lists the standard library and the modules as Go packages, replacements applied', () => {
    const contents = imageContents(
      new Map([['usr/local/bin/app', blob('go1.21rc2 X:nocoverageredesign', MODINFO)]]),
    );
    assert.deepEqual(contents.diagnostics, []);
    assert.deepEqual(
      contents.packages.map(
        (p) => `${p.ecosystem} ${p.advisoryName} ${p.advisoryVersion} ${p.purl} ${p.file}`,
      ),
      [
        'Go stdlib 1.21.0-rc.2 pkg:golang/stdlib@1.21.0-rc.2 /usr/local/bin/app',
        'Go example.com/app 1.4.0 pkg:golang/example.com/app@v1.4.0 /usr/local/bin/app',
        'Go golang.org/x/net 0.17.0 pkg:golang/golang.org/x/net@v0.17.0 /usr/local/bin/app',
        'Go github.com/fork/lib 1.0.1 pkg:golang/github.com/fork/lib@v1.0.1 /usr/local/bin/app',
        'Go example.com/local 0.0.0 pkg:golang/example.com/local@v0.0.0 /usr/local/bin/app',
      ],
    );
  });

  it('turns toolchain versions into the semver the Go vulnerability database uses', () => {
    assert.equal(goVersionSemver('go1.19'), '1.19.0');
    assert.equal(goVersionSemver('go1.19.8'), '1.19.8');
    assert.equal(goVersionSemver('go1.9beta1'), '1.9.0-beta.1');
    assert.equal(goVersionSemver('devel go1.23-abcdef'), undefined);
  });

  it('says why it reads nothing: old pointer format, truncation, a malformed line', () => {
    const messages = (bytes: Uint8Array): string[] =>
      imageContents(new Map([['bin/app', bytes]])).diagnostics.map(
        (d) => `${d.file}: ${d.level}: ${d.message}`,
      );
    assert.deepEqual(messages(blob('go1.16', MODINFO, 0)), [
      '/bin/app: note: Go build information of a toolchain before Go 1.18 (pointers, not inline strings): not read',
    ]);
    assert.deepEqual(messages(blob('go1.22.1', MODINFO).subarray(0, 100)), [
      '/bin/app: warning: truncated Go build information (a string runs past what was read)',
    ]);
    assert.deepEqual(messages(blob('go1.22.1', '=>\tgithub.com/fork/lib\tv1.0.1\th1:x=\n')), [
      '/bin/app: warning: Go build information line 1: replacement with no module on previous line',
    ]);
    assert.deepEqual(messages(blob('go1.22.1', 'dep\tgolang.org/x/net\n')), [
      '/bin/app: warning: Go build information line 1: expected 2 or 3 columns; got 1',
    ]);
    assert.deepEqual(messages(blob('go1.22.1', 'build\tnovalue\n')), [
      "/bin/app: warning: Go build information line 1: build line missing '=' after key",
    ]);
    assert.deepEqual(messages(blob('devel', '')), [
      '/bin/app: note: Go toolchain version "devel" is no release: the standard library left out',
    ]);
  });

  it('reads nothing, silently, from an ELF file that is no Go binary', needs('sh'), () => {
    const shell = readFileSync(findTool('sh') ?? '');
    const contents = imageContents(new Map([['bin/sh', shell]]));
    assert.deepEqual([contents.packages, contents.diagnostics], [[], []]);
  });
});

describe('a Go binary built by the real Go toolchain', needs('go'), () => {
  let binary: Uint8Array;
  let goVersion: string;
  before(() => {
    binary = goBinary(temporary);
    goVersion = execFileSync('go', ['env', 'GOVERSION'], {
      encoding: 'utf8',
      env: { ...process.env, GOTOOLCHAIN: 'local' },
    }).trim();
  });

  it('gives the standard library and the directory-replaced module (not the (devel) main module)', () => {
    const contents = imageContents(new Map([['usr/bin/app', binary]]));
    assert.deepEqual(contents.diagnostics, []);
    assert.deepEqual(
      contents.packages.map((p) => `${p.name} ${p.version}`),
      [`stdlib ${goVersionSemver(goVersion) ?? ''}`, 'example.com/greeting v0.0.0'],
    );
  });

  it('streams the binary through the sieve, which stops at the build information', () => {
    const sieve = goBinarySieve({
      path: 'usr/bin/app',
      type: 'file',
      size: binary.length,
      linkTarget: '',
      offset: 0,
      mode: 0o755,
    });
    assert.ok(sieve !== undefined);
    let read = 0;
    for (let at = 0; at < binary.length; at += 4093) {
      const chunk = binary.subarray(at, at + 4093);
      read += chunk.length;
      if (sieve.take(chunk)) break;
    }
    assert.ok(read < binary.length, `read ${String(read)} of ${String(binary.length)} bytes`);
    const kept = sieve.result();
    assert.ok(kept !== undefined && kept.length < 4096);
    const info = parseGoBuildInfo(kept);
    assert.ok(!('problem' in info));
    assert.equal(info.goVersion, goVersion);
    assert.equal(info.settings.get('CGO_ENABLED'), '0');
    assert.deepEqual(info.deps[0]?.replacement?.path, '../greeting');
  });

  it('reads 32-bit and big-endian ELF files: GOARCH=386 and s390x', () => {
    for (const goarch of ['386', 's390x']) {
      const crossBuilt = goBinary(join(temporary, goarch), goarch);
      assert.equal(crossBuilt[4], goarch === '386' ? 1 : 2, 'ELF class');
      assert.equal(crossBuilt[5], goarch === '386' ? 1 : 2, 'ELF byte order');
      const contents = imageContents(new Map([['usr/bin/app', crossBuilt]]));
      assert.deepEqual(
        contents.packages.map((p) => `${p.name} ${p.version}`),
        [`stdlib ${goVersionSemver(goVersion) ?? ''}`, 'example.com/greeting v0.0.0'],
        goarch,
      );
    }
  });

  it('is not sieved without an execute bit, nor past the size cap', () => {
    const header = {
      path: 'usr/bin/app',
      type: 'file' as const,
      size: binary.length,
      linkTarget: '',
      offset: 0,
    };
    assert.equal(goBinarySieve({ ...header, mode: 0o644 }), undefined);
    assert.equal(goBinarySieve({ ...header, mode: 0o755, size: 1024 ** 3 }), undefined);
  });
});
