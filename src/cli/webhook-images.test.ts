import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import type { ImagesConfig } from '../config/images.ts';
import { ConfigError, InputError } from '../model/errors.ts';
import { createMetrics } from '../webhook/metrics.ts';
import { webhookImageJudge } from './webhook-images.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-webhook-images-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function images(text: string): ImagesConfig {
  const config = parseConfig(join(dir, '.kubeward.yaml'), text, CHECKS).images;
  assert.ok(config);
  return config;
}

describe('the image judge of webhook serve', () => {
  it('is not made when images: has no rules', async () => {
    assert.equal(
      await webhookImageJudge(images('images: { registryTimeout: 2s }'), () => undefined, createMetrics()),
      undefined,
    );
  });

  it('refuses an OSV directory without records, and one that does not exist', async () => {
    await assert.rejects(
      webhookImageJudge(
        images('images:\n  osvDatabase: .\n  policy: [{ match: ["**"], vulnerabilities: { denyOn: high } }]'),
        () => undefined,
        createMetrics(),
      ),
      (error: unknown) =>
        error instanceof ConfigError && error.message === `${dir}: no OSV records found (images.osvDatabase)`,
    );
    await assert.rejects(
      webhookImageJudge(
        images(
          'images:\n  osvDatabase: ./missing\n  policy: [{ match: ["**"], vulnerabilities: { denyOn: high } }]',
        ),
        () => undefined,
        createMetrics(),
      ),
      (error: unknown) =>
        error instanceof InputError &&
        error.message === `${join(dir, 'missing')}: not a directory of OSV records`,
    );
  });

  it('reads the keys of signature rules at start, and refuses one that is no public key, naming the rule', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(dir, 'cosign.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'not-a-key.pub'), 'hello\n');
    const policy = (key: string): ImagesConfig =>
      images(`images:\n  policy: [{ match: ["**"], signatures: { keys: [${key}] } }]`);
    assert.ok(await webhookImageJudge(policy('cosign.pub'), () => undefined, createMetrics()));
    await assert.rejects(
      webhookImageJudge(policy('not-a-key.pub'), () => undefined, createMetrics()),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.startsWith(`images.policy[0].signatures: ${join(dir, 'not-a-key.pub')}: `),
    );
    await assert.rejects(
      webhookImageJudge(policy('missing.pub'), () => undefined, createMetrics()),
      (error: unknown) => error instanceof InputError && error.message.startsWith(join(dir, 'missing.pub')),
    );
  });

  it('starts without a warning when the rules need no verifier', async () => {
    const logged: string[] = [];
    const judge = await webhookImageJudge(
      images('images:\n  policy: [{ match: ["**"], requirePinned: true }]'),
      (_level, msg) => logged.push(msg),
      createMetrics(),
    );
    assert.ok(judge);
    assert.deepEqual(logged, []);
    const verdict = await judge.judge('registry.example.com/team/app:1.0');
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.violations[0]?.kind, 'unpinned');
  });
});
