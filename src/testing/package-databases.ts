/**
 * Package databases and binaries made by the real tools, for image tests: an rpm SQLite database
 * (`rpmbuild` builds packages from spec files written here, `rpm -i --justdb` records them) and a Go
 * binary (`go build` of a module requiring a directory-replaced module), each in a temporary
 * directory the caller removes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One rpm package to build: no files, `noarch`, as rpm's spec format (docs/manual/spec.md) says. */
export interface TestRpm {
  readonly name: string;
  readonly version: string;
  readonly release: string;
  readonly epoch?: number;
  readonly license: string;
  /** Subpackages (`%package NAME`): binary RPMs of the same source RPM. */
  readonly subpackages?: readonly string[];
}

/** Two packages of Rocky Linux 9, one with an epoch and a subpackage, one with a `~` version. */
export const ROCKY9_RPMS: readonly TestRpm[] = [
  { name: 'hello-kw', version: '1.2.3', release: '4.el9', epoch: 2, license: 'MIT', subpackages: ['libs'] },
  { name: 'tool-kw', version: '0.9~rc1', release: '1.el9', license: 'Apache-2.0' },
];

function spec(rpm: TestRpm): string {
  const lines = [
    `Name: ${rpm.name}`,
    `Version: ${rpm.version}`,
    `Release: ${rpm.release}`,
    ...(rpm.epoch === undefined ? [] : [`Epoch: ${String(rpm.epoch)}`]),
    'Summary: a package of a kubeward test',
    `License: ${rpm.license}`,
    'BuildArch: noarch',
    '%description',
    'A package of a kubeward test.',
  ];
  for (const sub of rpm.subpackages ?? [])
    lines.push(`%package ${sub}`, 'Summary: a subpackage', `%description ${sub}`, 'A subpackage.');
  lines.push('%files');
  for (const sub of rpm.subpackages ?? []) lines.push(`%files ${sub}`);
  return `${lines.join('\n')}\n`;
}

/** The bytes of an rpm SQLite database (`rpmdb.sqlite`) with the packages installed, built in `directory`. */
export function rpmSqliteDatabase(directory: string, rpms: readonly TestRpm[]): Uint8Array {
  const top = join(directory, 'rpmbuild');
  const db = join(directory, 'rpmdb');
  mkdirSync(db, { recursive: true });
  const env = { ...process.env, HOME: directory };
  const defines = [
    '--define',
    `_topdir ${top}`,
    '--define',
    `_dbpath ${db}`,
    '--define',
    '_db_backend sqlite',
  ];
  execFileSync('rpmdb', [...defines, '--initdb'], { env, stdio: 'pipe' });
  const built: string[] = [];
  for (const rpm of rpms) {
    const file = join(directory, `${rpm.name}.spec`);
    writeFileSync(file, spec(rpm));
    execFileSync('rpmbuild', [...defines, '-bb', file], { env, stdio: 'pipe' });
    const release = `${rpm.version}-${rpm.release}.noarch.rpm`;
    for (const name of [rpm.name, ...(rpm.subpackages ?? []).map((sub) => `${rpm.name}-${sub}`)])
      built.push(join(top, 'RPMS', 'noarch', `${name}-${release}`));
  }
  execFileSync('rpm', [...defines, '-i', '--justdb', '--nodeps', ...built], { env, stdio: 'pipe' });
  return readFileSync(join(db, 'rpmdb.sqlite'));
}

/**
 * A Go binary built from module `example.com/app`, which requires `example.com/greeting v0.0.0`
 * replaced by a directory (go.mod's `replace`), offline: GOPROXY=off, GOTOOLCHAIN=local, GOPATH under
 * `directory`, CGO_ENABLED=0, and a build cache in the system's temporary directory that every test
 * shares (the standard library is compiled once); for `goarch` (cross-compiled) when given.
 */
export function goBinary(directory: string, goarch?: string): Uint8Array {
  const app = join(directory, 'app');
  const greeting = join(directory, 'greeting');
  mkdirSync(app, { recursive: true });
  mkdirSync(greeting, { recursive: true });
  writeFileSync(join(greeting, 'go.mod'), 'module example.com/greeting\n\ngo 1.19\n');
  writeFileSync(
    join(greeting, 'greeting.go'),
    'package greeting\n\nfunc Hello() string { return "hello" }\n',
  );
  writeFileSync(
    join(app, 'go.mod'),
    'module example.com/app\n\ngo 1.19\n\nrequire example.com/greeting v0.0.0\n\nreplace example.com/greeting => ../greeting\n',
  );
  writeFileSync(
    join(app, 'main.go'),
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/greeting"\n)\n\nfunc main() { fmt.Println(greeting.Hello()) }\n',
  );
  const env = {
    ...process.env,
    HOME: directory,
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOCACHE: join(tmpdir(), 'kubeward-test-go-cache'),
    GOPATH: join(directory, 'gopath'),
    CGO_ENABLED: '0',
    ...(goarch === undefined ? {} : { GOARCH: goarch }),
  };
  execFileSync('go', ['build', '-trimpath', '-o', join(directory, 'app.bin'), '.'], {
    cwd: app,
    env,
    stdio: 'pipe',
  });
  return readFileSync(join(directory, 'app.bin'));
}

/**
 * The bytes of a Berkeley DB hash database holding `records` (4-byte little-endian keys, as rpm's
 * `Packages` on x86 keys its headers), written by Berkeley DB's own `db5.3_load` from its dump
 * format (`format=bytevalue`, one hex line per key and per value).
 */
export function berkeleyHashDatabase(
  directory: string,
  records: readonly { readonly key: number; readonly value: Uint8Array }[],
): Uint8Array {
  mkdirSync(directory, { recursive: true });
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
  const lines = ['VERSION=3', 'format=bytevalue', 'type=hash', 'db_pagesize=4096', 'HEADER=END'];
  for (const { key, value } of records) {
    const keyBytes = Buffer.alloc(4);
    keyBytes.writeUInt32LE(key);
    lines.push(` ${hex(keyBytes)}`, ` ${hex(value)}`);
  }
  lines.push('DATA=END', '');
  const dump = join(directory, 'Packages.dump');
  const database = join(directory, 'Packages');
  writeFileSync(dump, lines.join('\n'));
  execFileSync('db5.3_load', ['-f', dump, database], { stdio: 'pipe' });
  return readFileSync(database);
}

/**
 * An rpm NDB `Packages.db` (SUSE) holding `blobs`, laid out as rpm-software-management/rpm
 * lib/backend/ndb/rpmpkg.c writes one (no tool on Debian writes it: Debian's rpm has no NDB
 * backend): the `RpmP` header, one page of slots (`Slot`, package index, block offset, block
 * count; unused slots keep their magic and offset 0), then each blob in 16-byte blocks between its
 * `BlbS` head and `BlbE` tail, the tail holding the adler32 of head, blob and padding.
 */
export function ndbPackagesDatabase(
  blobs: readonly { readonly index: number; readonly blob: Uint8Array }[],
): Uint8Array {
  const page = 4096;
  const magic = (text: string): number => Buffer.from(text, 'latin1').readUInt32LE(0);
  const regions = blobs.map(({ blob }) => Math.ceil((16 + blob.length + 12) / 16) * 16);
  const out = Buffer.alloc(page + regions.reduce((sum, size) => sum + size, 0));
  out.writeUInt32LE(magic('RpmP'), 0);
  out.writeUInt32LE(0, 4);
  out.writeUInt32LE(1, 8);
  out.writeUInt32LE(1, 12);
  out.writeUInt32LE(
    blobs.reduce((next, b) => Math.max(next, b.index + 1), 1),
    16,
  );
  for (let slot = 32; slot < page; slot += 16) out.writeUInt32LE(magic('Slot'), slot);
  let offset = page;
  for (const [number, { index, blob }] of blobs.entries()) {
    const size = regions[number] ?? 0;
    const slot = 32 + number * 16;
    out.writeUInt32LE(index, slot + 4);
    out.writeUInt32LE(offset / 16, slot + 8);
    out.writeUInt32LE(size / 16, slot + 12);
    out.writeUInt32LE(magic('BlbS'), offset);
    out.writeUInt32LE(index, offset + 4);
    out.writeUInt32LE(1, offset + 8);
    out.writeUInt32LE(blob.length, offset + 12);
    out.set(blob, offset + 16);
    const tail = offset + size - 12;
    let a = 1;
    let b = 0;
    for (const byte of out.subarray(offset, tail)) {
      a = (a + byte) % 65521;
      b = (b + a) % 65521;
    }
    out.writeUInt32LE(((b << 16) | a) >>> 0, tail);
    out.writeUInt32LE(blob.length, tail + 4);
    out.writeUInt32LE(magic('BlbE'), tail + 8);
    offset += size;
  }
  return new Uint8Array(out);
}
