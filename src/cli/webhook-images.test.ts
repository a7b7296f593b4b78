import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/load-config.ts';
import type { ImagesConfig } from '../config/images.ts';
import { ConfigError, InputError } from '../model/errors.ts';
import type { LogFields } from '../webhook/log.ts';
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

  it('warns at start when rules require signatures and no verifier is given', async () => {
    const logged: { level: string; msg: string; fields: LogFields }[] = [];
    const judge = await webhookImageJudge(
      images(
        'images:\n  failurePolicy: Ignore\n  policy: [{ match: ["**"], signatures: { keys: [cosign.pub] } }]',
      ),
      (level, msg, fields = {}) => logged.push({ level, msg, fields }),
      createMetrics(),
    );
    assert.ok(judge);
    assert.deepEqual(logged, [
      {
        level: 'warn',
        msg: 'image policy rules require signatures, and no signature verifier is available',
        fields: { failurePolicy: 'Ignore' },
      },
    ]);
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
