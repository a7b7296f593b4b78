// `kubeward netpol explain` and `matrix` run for real in a child process on testdata/netpol/cnp:
// cluster.yaml holds the workloads, cnp.yaml an Admin-tier and a Baseline-tier ClusterNetworkPolicy
// (policy.networking.k8s.io/v1alpha2, apis/v1alpha2/clusternetworkpolicy_types.go).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import type { CommandRun } from '../testing/netpol-cli.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'netpol', 'cnp');

function netpol(args: readonly string[]): CommandRun {
  return runNetpol(args, FIXTURES);
}

describe('kubeward netpol on ClusterNetworkPolicies', () => {
  it('explain names the Admin-tier CNP rule that accepts, on the named port it resolves, and exits 0', () => {
    const run = netpol(['explain', 'deployment/shop/web', 'deployment/payments/db', '5432', '-f', '.']);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(
      run.stdout,
      [
        'ALLOWED (TCP/5432); allowed ports: TCP:5432',
        'egress of source deployment/shop/web:',
        '  decided by: no policy isolates it in this direction: allowed',
        '  not isolated: no NetworkPolicy selects it in this direction (everything allowed)',
        'ingress of destination deployment/payments/db:',
        '  decided by: ClusterNetworkPolicy protect-payments (priority 10) rule shop-to-postgres: Accept',
        '  matched ClusterNetworkPolicy protect-payments priority 10 rule shop-to-postgres at cnp.yaml:13:5: Accept (TCP:5432)',
        '  allows: TCP:5432',
        '',
      ].join('\n'),
    );
  });

  it('explain follows an Admin Pass to the Baseline-tier CNP that denies, and exits 1', () => {
    const run = netpol([
      'explain',
      'deployment/monitoring/scraper',
      'deployment/payments/db',
      '5432',
      '-f',
      '.',
    ]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^DENIED \(TCP\/5432\); allowed ports: TCP:9100-9199\n/);
    assert.match(
      run.stdout,
      /\n {2}decided by: ClusterNetworkPolicy payments-baseline \(priority 50\) rule deny-rest: Deny\n {2}matched ClusterNetworkPolicy protect-payments priority 10 rule monitoring-decides-later at cnp\.yaml:19:5: Pass \(all\)\n {2}matched ClusterNetworkPolicy payments-baseline priority 50 rule deny-rest at cnp\.yaml:44:5: Deny \(TCP:1-9099,9200-65535 UDP:\* SCTP:\*\)\n/,
    );
  });

  it('matrix -o csv honours both tiers', () => {
    const run = netpol([
      'matrix',
      '-f',
      '.',
      '-o',
      'csv',
      '--focus-workload',
      'deployment/payments/db',
      '--direction',
      'ingress',
    ]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^deployment\/shop\/web,deployment\/payments\/db,TCP:5432$/m);
    assert.match(run.stdout, /^deployment\/monitoring\/scraper,deployment\/payments\/db,TCP:9100-9199$/m);
  });

  it('exposure: the CNPs narrow pods to their ports; addresses, which CNP ingress peers cannot name, stay open', () => {
    const run = netpol(['exposure', '-f', '.', '--direction', 'ingress', '-n', 'payments']);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(
      run.stdout,
      [
        'WORKLOAD                 DIRECTION   EXPOSURE',
        'deployment/payments/db   ingress     open to 0.0.0.0/0 on every port',
        'deployment/payments/db   ingress     open to ::/0 on every port',
        'deployment/payments/db   ingress     exposed to every pod of namespaces matching team=shop (shop) on TCP 5432',
        'deployment/payments/db   ingress     exposed to every pod of namespaces matching team=ops (monitoring) on TCP 9100-9199',
        '',
      ].join('\n'),
    );
  });
});
