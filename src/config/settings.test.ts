import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { ConfigError } from '../model/errors.ts';
import { parseConfig } from './parse-config.ts';

const settingsOf = (text: string) => parseConfig('.kubeward.yaml', text, CHECKS).run.settings;

describe('settings.kubernetesVersion', () => {
  it('defaults to latest and takes a version with a bootstrap policy table', () => {
    assert.equal(settingsOf('').kubernetesVersion, 'latest');
    assert.equal(settingsOf('settings:\n  kubernetesVersion: v1.36.2\n').kubernetesVersion, 'v1.36.2');
  });

  it('is a config error, pointing at the field, for a version without a table', () => {
    assert.throws(
      () => settingsOf('settings:\n  kubernetesVersion: "1.20"\n'),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(
          error.message,
          /^\.kubeward\.yaml:2:3: Kubernetes version "1\.20" has no bootstrap policy table: .*tables: 1\.36/,
        );
        return true;
      },
    );
  });
});
