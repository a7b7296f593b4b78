import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { ConfigError } from '../model/errors.ts';
import type { ObjectRef } from '../model/finding.ts';
import { defaultConfig } from './config.ts';
import { loadConfig } from './load-config.ts';
import { parseConfig } from './parse-config.ts';

const directory = mkdtempSync(join(tmpdir(), 'kubeward-config-'));
after(() => {
  rmSync(directory, { recursive: true, force: true });
});

const object: ObjectRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: 'web' };

describe('loadConfig', () => {
  it('reads the file it is given, validated as parseConfig validates text', async () => {
    const file = join(directory, 'kubeward.yaml');
    writeFileSync(file, 'failOn: low\nexclude:\n  namespaces: [kube-system]\n  paths: [vendor/]\n');
    const config = await loadConfig(file, CHECKS);
    assert.equal(config.file, file);
    assert.equal(config.failOn, 'low');
    assert.equal(config.run.excluded(object, undefined), 'namespace kube-system excluded by config');
    assert.deepEqual(
      config.unmatchedPaths([join(directory, 'app.yaml')]).map((diagnostic) => diagnostic.message),
      ['exclude.paths pattern "vendor/" matches no scanned file'],
    );
  });

  it('fails on an invalid file at its line and column', async () => {
    const file = join(directory, 'invalid.yaml');
    writeFileSync(file, 'failOn: low\nchecks:\n  disable: [no-such-check]\n');
    await assert.rejects(loadConfig(file, CHECKS), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, `${file}:3:13: unknown check "no-such-check" (see kubeward checks list)`);
      return true;
    });
  });

  it('fails on a file it cannot read, naming it', async () => {
    const file = join(directory, 'missing.yaml');
    await assert.rejects(loadConfig(file, CHECKS), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /missing\.yaml: cannot read config: ENOENT/);
      return true;
    });
  });
});

describe('defaultConfig', () => {
  it('decides what an empty config file decides', () => {
    const defaults = defaultConfig(CHECKS);
    const empty = parseConfig('.kubeward.yaml', '', CHECKS);
    assert.equal(defaults.file, undefined);
    assert.equal(defaults.failOn, empty.failOn);
    assert.deepEqual(defaults.run.settings, empty.run.settings);
    assert.deepEqual(defaults.run.disabled, empty.run.disabled);
    assert.deepEqual(defaults.run.severities, empty.run.severities);
    assert.equal(defaults.run.honourAnnotations, true);
    assert.equal(defaults.run.excluded(object, undefined), undefined);
    assert.deepEqual(defaults.unmatchedPaths(['app.yaml']), []);
    assert.deepEqual(defaults.run.configFindings?.(new Date()), []);
  });
});
