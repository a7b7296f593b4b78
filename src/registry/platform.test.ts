import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Descriptor } from '../model/image-source.ts';
import { formatPlatform, hostPlatform, parsePlatform, selectPlatform } from './platform.ts';

const entry = (digest: string, platform?: Descriptor['platform']): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest,
  size: 1,
  platform,
});

// Variant defaults as containerd's platforms package normalises them (platforms/database.go
// normalizeArch: arm64 → v8, arm → v7, amd64 → v1 when none is written).
describe('platforms', () => {
  it('parses os/arch[/variant] and refuses anything else', () => {
    assert.deepEqual(parsePlatform('linux/amd64'), {
      os: 'linux',
      architecture: 'amd64',
      variant: undefined,
    });
    assert.deepEqual(parsePlatform('Linux/ARM64/v8'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    for (const bad of ['linux', 'linux/amd64/v1/x', 'linux//amd64', 'linux/am d64'])
      assert.throws(() => parsePlatform(bad), {
        message: `--platform "${bad}": give os/arch or os/arch/variant, e.g. linux/amd64 or linux/arm64/v8`,
      });
  });

  it("names the host's platform as the image spec does", () => {
    assert.deepEqual(hostPlatform('x64'), { os: 'linux', architecture: 'amd64', variant: undefined });
    assert.deepEqual(hostPlatform('arm'), { os: 'linux', architecture: 'arm', variant: 'v7' });
    assert.equal(formatPlatform(hostPlatform('ia32')), 'linux/386');
  });

  it('picks the entry of the platform, variants normalised, never an entry without platform', () => {
    const index = [
      entry('sha256:att'),
      entry('sha256:amd', { os: 'linux', architecture: 'amd64' }),
      entry('sha256:arm6', { os: 'linux', architecture: 'arm', variant: 'v6' }),
      entry('sha256:arm7', { os: 'linux', architecture: 'arm', variant: 'v7' }),
      entry('sha256:arm64', { os: 'linux', architecture: 'arm64' }),
      entry('sha256:win', { os: 'windows', architecture: 'amd64' }),
    ];
    assert.equal(selectPlatform(index, parsePlatform('linux/amd64'))?.digest, 'sha256:amd');
    assert.equal(selectPlatform(index, parsePlatform('linux/arm64/v8'))?.digest, 'sha256:arm64');
    assert.equal(selectPlatform(index, parsePlatform('linux/arm'))?.digest, 'sha256:arm7');
    assert.equal(selectPlatform(index, parsePlatform('linux/arm/v6'))?.digest, 'sha256:arm6');
    assert.equal(selectPlatform(index, parsePlatform('windows/amd64'))?.digest, 'sha256:win');
    assert.equal(selectPlatform(index, parsePlatform('linux/arm/v5')), undefined);
    assert.equal(selectPlatform(index, parsePlatform('linux/s390x')), undefined);
  });
});
