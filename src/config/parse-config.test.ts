import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { loadSources } from '../load/load.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { configParser } from '../testing/config-parser.ts';
import { parseConfig } from './parse-config.ts';

const { parse, rejects } = configParser('.kubeward.yaml');

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

  it('rejects unknown fields with file:line:col', () => {
    rejects(
      'failOn: high\nchecks:\n  disabled: [x]\n',
      '.kubeward.yaml:3:3: checks: Unrecognized key: "disabled"',
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
      '.kubeward.yaml:2:3: settings.allowedRegistries: Invalid input: expected array, received string',
    );
  });

  it('checks settings: against the schema, pointing at the field', () => {
    rejects(
      'settings:\n  allowedRegistries: [a, 3]\n',
      '.kubeward.yaml:2:26: settings.allowedRegistries[1]: Invalid input: expected string, received number',
    );
    rejects(
      'settings:\n  pssLevel: baseline\n  pssLevle: restricted\n',
      '.kubeward.yaml:3:3: settings: Unrecognized key: "pssLevle"',
    );
    rejects(
      'settings:\n  certificateExpiryDays: 7.5\n',
      '.kubeward.yaml:2:3: settings.certificateExpiryDays: Invalid input: expected int, received number',
    );
    rejects(
      'settings:\n  pssLevel: privileged\n',
      '.kubeward.yaml:2:3: PSS level "privileged" must be baseline or restricted',
    );
    rejects(
      'settings:\n  netpolIngressController: app=nginx\n',
      '.kubeward.yaml:2:3: "app=nginx": give NAMESPACE/LABEL-SELECTOR, e.g. ingress-nginx/app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
    );
    rejects(
      'settings:\n  netpolGatewayController: "gw/app in (a,b)"\n',
      '.kubeward.yaml:2:3: "gw/app in (a,b)": a pod cannot be modelled from this selector when the input has none that matches (its key=value terms alone do not satisfy it); add key=value terms',
    );
    assert.equal(
      parse('settings:\n  netpolIngressController: traefik/app.kubernetes.io/name=traefik\n').run.settings
        .netpolIngressController,
      'traefik/app.kubernetes.io/name=traefik',
    );
    const settings = parse('settings:\n  kubesecMinScore: -5\n  netpolIpBlockMatchesPods: yes\n').run
      .settings;
    assert.equal(settings.netpolGatewayController, '');
    assert.equal(settings.kubesecMinScore, -5);
    assert.equal(settings.netpolIpBlockMatchesPods, true);
    assert.equal(settings.pssLevel, 'restricted');
  });

  it('rejects a key written twice instead of keeping the last', () => {
    rejects(
      'exclude:\n  paths: [vendor]\nfailOn: low\nexclude:\n  namespaces: [x]\n',
      '.kubeward.yaml:4:1: document 1: mapping key "exclude" already defined at line 1',
    );
  });

  it('reports broken YAML with its position', () => {
    assert.throws(() => parse('checks: [\n'), /^ConfigError: \.kubeward\.yaml:2:1: document 1: invalid YAML/);
  });
});

describe('exclude.paths', () => {
  const resourceIn = (file: string) => {
    const loaded = loadSources([
      { file, text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n', format: 'yaml', named: true },
    ]);
    const resource = loaded.resources[0];
    assert.ok(resource);
    return resource;
  };
  const object = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' };
  const config = parseConfig(
    join('deploy', '.kubeward.yaml'),
    'exclude:\n  paths:\n    - vendor\n    - "!vendor/keep.yaml"\n    - ./charts/{dev,prod}/**\n    - nothing-here/\n',
    CHECKS,
  );
  const excludedFile = (file: string) => config.run.excluded(object, resourceIn(file));

  it('matches paths relative to the config file, gitignore-style', () => {
    assert.equal(excludedFile('deploy/vendor/x.yaml'), 'path matches vendor excluded by config');
    assert.equal(excludedFile('./deploy/a/vendor/b/x.yaml'), 'path matches vendor excluded by config');
    assert.equal(
      excludedFile(join(process.cwd(), 'deploy/charts/prod/x.yaml')),
      'path matches ./charts/{dev,prod}/** excluded by config',
    );
    assert.equal(excludedFile('deploy/vendor/keep.yaml'), undefined);
    assert.equal(excludedFile('deploy/charts/test/x.yaml'), undefined);
    assert.equal(excludedFile('vendor/x.yaml'), undefined, 'outside the config directory');
    assert.equal(excludedFile('<stdin>'), undefined);
  });

  it('warns, at the pattern, about each pattern that matches no scanned file', () => {
    const warnings = config.unmatchedPaths(['deploy/vendor/x.yaml', 'deploy/vendor/x.yaml', 'other/x.yaml']);
    assert.deepEqual(
      warnings.map((w) => formatDiagnostic(w)),
      [
        `${join('deploy', '.kubeward.yaml')}:4:7: warning: exclude.paths pattern "!vendor/keep.yaml" matches no scanned file`,
        `${join('deploy', '.kubeward.yaml')}:5:7: warning: exclude.paths pattern "./charts/{dev,prod}/**" matches no scanned file`,
        `${join('deploy', '.kubeward.yaml')}:6:7: warning: exclude.paths pattern "nothing-here/" matches no scanned file`,
      ],
    );
  });

  it('takes at most 1,000 patterns', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `    - p${String(i)}`).join('\n');
    rejects(`exclude:\n  paths:\n${many}\n`, '.kubeward.yaml:1003:7: exclude.paths: more than 1000 patterns');
  });

  it('rejects a pattern that cannot match, where it is written', () => {
    rejects(
      'exclude:\n  paths: [a, "b/{c,d"]\n',
      '.kubeward.yaml:2:14: exclude.paths: "b/{c,d": unbalanced braces',
    );
  });
});
