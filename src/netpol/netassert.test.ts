// Formats from controlplaneio/netassert: v1 README "Configuration" and test/netassert-test.js (splitPortsString,
// tcpOnly/udpOnly), v2 README "Test specification" and internal/data/types.go validation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../model/errors.ts';
import { parseNetassert } from './netassert.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'netpol');
const E2E = join(import.meta.dirname, '..', '..', 'testdata', 'netpol', 'netassert-e2e');

describe('netassert v1', () => {
  it('reads the guide example: default namespace, ns:name sources, "-80, -443" scalars', () => {
    const assertions = parseNetassert(
      'netassert.yaml',
      readFileSync(join(EXAMPLES, 'netassert.yaml'), 'utf8'),
    );
    assert.equal(assertions.length, 12);
    const first = assertions[0];
    assert.deepEqual(first?.source, {
      type: 'workload',
      kind: 'deployment',
      namespace: 'default',
      name: 'test-frontend',
    });
    assert.deepEqual(first?.target, { type: 'name', name: 'test-microservice' });
    assert.equal(first?.expectOpen, true);
    assert.deepEqual(
      assertions
        .filter((a) => a.target.type === 'name' && a.target.name === '169.254.169.254')
        .map((a) => [a.source.type === 'workload' ? a.source.namespace : '', a.port, a.expectOpen]),
      [
        ['default', 80, false],
        ['default', 443, false],
        ['new-namespace', 80, false],
        ['new-namespace', 443, false],
      ],
    );
  });

  it('reads UDP:, -TCP:, lists, space and comma separators; ignores ICMP; host section', () => {
    const assertions = parseNetassert(
      'f.yaml',
      'host:\n  localhost:\n    8.8.8.8: UDP:53\n    control-plane.io: 80 81, 443\n    localhost: [22, -999, -TCP:30731, -UDP:1234, ICMP:0]\nk8s:\n  deployment:\n    ns:app:\n      other:web: 8080\n',
    );
    assert.deepEqual(
      assertions.map(
        (a) =>
          `${a.source.type === 'host' ? a.source.name : a.source.name}>${a.target.type === 'name' ? a.target.name : `${a.target.namespace}/${a.target.name}`} ${a.expectOpen ? '' : '-'}${a.protocol}:${a.port}`,
      ),
      [
        'app>other/web TCP:8080',
        'localhost>8.8.8.8 UDP:53',
        'localhost>control-plane.io TCP:80',
        'localhost>control-plane.io TCP:81',
        'localhost>control-plane.io TCP:443',
        'localhost>localhost TCP:22',
        'localhost>localhost -TCP:999',
        'localhost>localhost -TCP:30731',
        'localhost>localhost -UDP:1234',
      ],
    );
  });

  it('rejects an empty port and localhost as a deployment', () => {
    assert.throws(
      () => parseNetassert('f.yaml', 'k8s:\n  deployment:\n    app:\n      web: ""\n'),
      InputError,
    );
    assert.throws(
      () => parseNetassert('f.yaml', 'k8s:\n  deployment:\n    localhost:\n      web: 80\n'),
      /localhost is not a deployment/,
    );
  });
});

describe('netassert v2', () => {
  it('reads the e2e test list with protocol, targetPort and exitCode', () => {
    const assertions = parseNetassert('tests.yaml', readFileSync(join(E2E, 'tests.yaml'), 'utf8'));
    assert.equal(assertions.length, 9);
    assert.deepEqual(
      assertions
        .map((a) => [a.name, a.protocol, a.port, a.expectOpen])
        .filter(([, , , open]) => open === false),
      [
        ['web-statefulset-to-busybox-deploy', 'TCP', 8080, false],
        ['busybox-deploy-to-fake-host', 'TCP', 333, false],
      ],
    );
  });

  it('validates as types.go does: unique names, type k8s, protocol, port range, kinds, udp to host', () => {
    const test = (fields: string): string =>
      `- {name: t, type: k8s, targetPort: 80, src: {k8sResource: {kind: pod, name: a, namespace: ns1}}, dst: {k8sResource: {kind: pod, name: b, namespace: ns1}}${fields}}\n`;
    assert.equal(parseNetassert('f.yaml', test('')).length, 1);
    assert.throws(() => parseNetassert('f.yaml', test('') + test('')), /duplicated name/);
    assert.throws(() => parseNetassert('f.yaml', test(', protocol: icmp')), /invalid protocol/);
    assert.throws(
      () => parseNetassert('f.yaml', test('').replace('targetPort: 80', 'targetPort: 70000')),
      /targetPort/,
    );
    assert.throws(
      () => parseNetassert('f.yaml', test('').replace('kind: pod, name: a', 'kind: job, name: a')),
      /kind must be/,
    );
    assert.throws(
      () =>
        parseNetassert(
          'f.yaml',
          test(', protocol: udp').replace(/dst: \{.*\}\}/, 'dst: {host: {name: example.com}}'),
        ),
      /udp/,
    );
  });
});
