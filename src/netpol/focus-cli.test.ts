// `kubeward netpol matrix` and `explain` with --focus-workload, --focus-peer, --direction and --port,
// run for real in a child process on testdata/netpol/exposure/cluster.yaml.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import type { CommandRun } from '../testing/netpol-cli.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'netpol', 'exposure');

function netpol(args: readonly string[]): CommandRun {
  return runNetpol([...args, '-f', 'cluster.yaml'], FIXTURES);
}

describe('kubeward netpol focus filters', () => {
  it('matrix --focus-workload --direction ingress --port lists what reaches it on that port', () => {
    const run = netpol([
      'matrix',
      '--focus-workload',
      'shop/edge',
      '--direction',
      'ingress',
      '--port',
      '8443',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'SOURCE                    DESTINATION            PORTS',
        '10.0.0.0/16               deployment/shop/edge   TCP:8443',
        '10.2.0.0-10.255.255.255   deployment/shop/edge   TCP:8443',
        '',
      ].join('\n'),
    );
  });

  it('matrix --focus-peer with an address, and --port alone on the whole matrix', () => {
    const peer = netpol(['matrix', '--focus-peer', '10.1.2.3', '--direction', 'egress', '-o', 'csv']);
    assert.equal(peer.status, 0, peer.stderr);
    assert.equal(
      peer.stdout,
      'source,destination,ports\n10.1.2.3/32,deployment/shop/edge,TCP:443\n10.1.2.3/32,deployment/shop/legacy,all\n',
    );
    const dns = netpol(['matrix', '--port', '53/udp', '-o', 'csv']);
    assert.equal(dns.status, 0, dns.stderr);
    assert.ok(
      dns.stdout
        .split('\n')
        .slice(1, -1)
        .every((row) => row.endsWith(',UDP:53')),
      dns.stdout,
    );
    assert.match(dns.stdout, /^statefulset\/shop\/db,deployment\/shop\/legacy,UDP:53$/m);
  });

  it('refuses --direction without a focus, a bad port and an unknown workload (exit 2)', () => {
    const direction = netpol(['matrix', '--direction', 'ingress']);
    assert.equal(direction.status, 2);
    assert.match(direction.stderr, /^error: --direction needs --focus-workload or --focus-peer/m);
    const port = netpol(['matrix', '--port', '80/icmp']);
    assert.equal(port.status, 2);
    assert.match(
      port.stderr,
      /^error: invalid port "80\/icmp": use PORT or PORT\/PROTO \(TCP, UDP, SCTP\)$/m,
    );
    const missing = netpol(['matrix', '--focus-workload', 'shop/nothing']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^error: no workload shop\/nothing /m);
    const address = netpol(['matrix', '--focus-workload', '10.0.0.1']);
    assert.equal(address.status, 2);
    assert.match(address.stderr, /^error: --focus-workload 10\.0\.0\.1: give a workload/m);
  });

  it('explain --focus-workload tables every pair with what decided each side', () => {
    const run = netpol([
      'explain',
      '--focus-workload',
      'shop/edge',
      '--focus-peer',
      '10.0.0.0/8',
      '--port',
      '8443',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^SOURCE +DESTINATION +VERDICT +DECIDED BY$/m);
    assert.match(
      run.stdout,
      /^10\.1\.0\.0\/16 +deployment\/shop\/edge +DENIED +egress: an address outside the pod network: no policy applies on this side\n +ingress: NetworkPolicies$/m,
    );
    assert.match(
      run.stdout,
      /^10\.2\.0\.0-10\.255\.255\.255 +deployment\/shop\/edge +ALLOWED TCP:443,8443 +egress: .*\n +ingress: NetworkPolicies: shop\/edge spec\.ingress\[1\]$/m,
    );
    const json = netpol([
      'explain',
      '--focus-workload',
      'statefulset/shop/db',
      '--focus-peer',
      'shop/web',
      '-o',
      'json',
    ]);
    assert.equal(json.status, 0, json.stderr);
    const { explanations } = JSON.parse(json.stdout) as {
      explanations: { direction: string; source: string; allowed: boolean; ingress: { decidedBy: string } }[];
    };
    assert.deepEqual(
      explanations.map((e) => [e.direction, e.source, e.allowed]),
      [
        ['egress', 'statefulset/shop/db', false],
        ['ingress', 'deployment/shop/web', true],
      ],
    );
  });

  it('explain refuses SRC with a focus, a port given twice, and a missing DST (exit 2)', () => {
    const both = netpol(['explain', 'shop/web', 'shop/api', '--focus-workload', 'shop/web']);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /^error: give SRC and DST, or --focus-workload \/ --focus-peer, not both$/m);
    const twice = netpol(['explain', 'shop/web', 'shop/api', '80', '--port', '80']);
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /^error: give the port once/m);
    const alone = netpol(['explain', 'shop/web']);
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /^error: give SRC and DST /m);
    const classic = netpol(['explain', 'shop/web', 'shop/api', '--port', '9000']);
    assert.equal(classic.status, 0, classic.stderr);
    assert.match(classic.stdout, /^ALLOWED \(TCP\/9000\)/);
  });
});
