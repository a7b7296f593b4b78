import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readVerificationMaterial } from './verification-material.ts';

describe('readVerificationMaterial', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-material-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const key = join(dir, 'cosign.pub');
  writeFileSync(key, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
  const root = join(dir, 'trusted_root.json');
  writeFileSync(root, '{"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1"}');

  it('reads each key as text and parses the trusted root', async () => {
    assert.deepEqual(await readVerificationMaterial({ keys: [key], trustedRoot: root }, 1024), {
      keys: ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'],
      trustedRoot: { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' },
    });
  });

  it('names the file that is missing, too large or not JSON', async () => {
    await assert.rejects(readVerificationMaterial({ keys: [join(dir, 'none.pub')] }, 1024), {
      name: 'InputError',
      message: new RegExp(`^${join(dir, 'none.pub').replace(/\./g, '\\.')}: ENOENT`),
    });
    await assert.rejects(readVerificationMaterial({ keys: [key] }, 10), {
      name: 'InputError',
      message: `${key}: 57 bytes exceeds --max-file-size 10 bytes`,
    });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"tlogs": [');
    await assert.rejects(readVerificationMaterial({ keys: [], trustedRoot: bad }, 1024), {
      name: 'InputError',
      message: new RegExp(`^${bad.replace(/\./g, '\\.')}: not JSON: `),
    });
  });
});
