import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { ConfigError } from '../model/errors.ts';
import { globToRegExp } from './glob.ts';
import { parseConfig } from './load-config.ts';

const parse = (text: string) => parseConfig('.kubeward.yaml', text, CHECKS);

describe('.kubeward.yaml', () => {
  it('gives defaults for an empty file', () => {
    const config = parse('');
    assert.equal(config.failOn, undefined);
    assert.equal(config.run.disabled.size, 0);
    assert.deepEqual(config.run.settings.allowedRegistries, []);
  });

  it('reads disabled checks, severities, exclusions and settings', () => {
    const config = parse(
      [
        'failOn: medium',
        'checks:',
        '  disable: [image-tag-mutable]',
        '  severity: {ingress-host-without-tls: high}',
        'exclude:',
        '  namespaces: [kube-system]',
        '  paths: ["vendor/**", "*.generated.yaml"]',
        'settings:',
        '  allowedRegistries: [registry.example.com/]',
      ].join('\n'),
    );
    assert.equal(config.failOn, 'medium');
    assert.deepEqual([...config.run.disabled], ['image-tag-mutable']);
    assert.equal(config.run.severities.get('ingress-host-without-tls'), 'high');
    assert.deepEqual(config.run.settings.allowedRegistries, ['registry.example.com/']);
    const object = { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: 'x' };
    assert.equal(config.run.excluded(object, undefined), 'namespace kube-system excluded by config');
    assert.equal(config.run.excluded({ ...object, namespace: 'shop' }, undefined), undefined);
  });

  const rejects = (text: string, message: string) => {
    assert.throws(
      () => parse(text),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.message, message);
        return true;
      },
    );
  };

  it('rejects unknown fields with file:line:col', () => {
    rejects(
      'failOn: high\nchecks:\n  disabled: [x]\n',
      '.kubeward.yaml:2:1: checks: Unrecognized key: "disabled"',
    );
  });

  it('rejects unknown check ids where they are written', () => {
    rejects(
      'checks:\n  disable:\n    - no-such-check\n',
      '.kubeward.yaml:3:7: unknown check "no-such-check" (see kubeward checks list)',
    );
  });

  it('rejects a bad severity and a bad setting type', () => {
    rejects('failOn: severe\n', '.kubeward.yaml:1:1: failOn: Invalid input');
    rejects(
      'settings:\n  allowedRegistries: docker.io\n',
      '.kubeward.yaml:2:3: setting "allowedRegistries" must be a list of strings',
    );
  });

  it('reports broken YAML with its position', () => {
    assert.throws(() => parse('checks: [\n'), /^ConfigError: \.kubeward\.yaml:2:1: document 1: invalid YAML/);
  });
});

describe('path globs', () => {
  it('matches ** across directories and * within one', () => {
    assert.ok(globToRegExp('vendor/**').test('vendor/a/b.yaml'));
    assert.ok(globToRegExp('vendor/**').test('./vendor/x.yaml'));
    assert.ok(!globToRegExp('vendor/*.yaml').test('vendor/a/b.yaml'));
    assert.ok(globToRegExp('*.generated.yaml').test('deep/dir/x.generated.yaml'));
    assert.ok(!globToRegExp('*.generated.yaml').test('x.yaml'));
  });
});
