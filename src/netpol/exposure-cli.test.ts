// `kubeward netpol exposure` run for real in a child process on testdata/netpol/exposure: cluster.yaml
// holds one workload per kind of exposure, admin.yaml adds an ANP and the BANP.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import type { CommandRun } from '../testing/netpol-cli.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'netpol', 'exposure');

function netpol(args: readonly string[]): CommandRun {
  return runNetpol(args, FIXTURES);
}

describe('kubeward netpol exposure', () => {
  it('names each kind of ingress exposure per port in a table', () => {
    const run = netpol(['exposure', '-f', 'cluster.yaml', '--direction', 'ingress']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'WORKLOAD                 DIRECTION   EXPOSURE',
        'deployment/shop/api      ingress     exposed to every pod of namespaces matching team=ops (monitoring) on TCP 9090',
        'deployment/shop/api      ingress     exposed to pods matching app=web in its namespace shop on TCP 9000',
        'deployment/shop/edge     ingress     open to 0.0.0.0/0 on TCP 443',
        'deployment/shop/edge     ingress     open to 10.0.0.0/8 except 10.1.0.0/16 on TCP 8443',
        'deployment/shop/legacy   ingress     not isolated: reachable from everywhere on every port',
        'deployment/shop/web      ingress     exposed to the entire cluster on TCP 8080',
        'statefulset/shop/db      ingress     exposed to every pod of its namespace shop on TCP 5432',
        '',
      ].join('\n'),
    );
  });

  it('--exposed-only leaves out workloads only their own namespace or chosen peers reach', () => {
    const run = netpol(['exposure', '-f', 'cluster.yaml', '--exposed-only', '--direction', 'ingress']);
    assert.equal(run.status, 0, run.stderr);
    const names = [
      ...new Set(
        run.stdout
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(' ')[0]),
      ),
    ];
    assert.deepEqual(names, ['deployment/shop/edge', 'deployment/shop/legacy', 'deployment/shop/web']);
  });

  it('adds the egress summary by default, and -o json gives a stable schema', () => {
    const run = netpol(['exposure', '-f', 'cluster.yaml', '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const document = JSON.parse(run.stdout) as {
      workloads: {
        workload: string;
        namespace: string;
        exposed: boolean;
        ingress: { isolated: boolean; adminPolicies: boolean; exposures: unknown[] };
        egress: { isolated: boolean; exposures: { kind: string; text: string }[] };
      }[];
    };
    const db = document.workloads.find((entry) => entry.workload === 'statefulset/shop/db');
    assert.deepEqual(db?.ingress, {
      isolated: true,
      adminPolicies: false,
      exposures: [
        {
          kind: 'namespace',
          text: 'exposed to every pod of its namespace shop on TCP 5432',
          ports: 'TCP:5432',
          peer: { type: 'pods', namespaces: { scope: 'own', name: 'shop' }, podSelector: 'everything' },
          namespaces: [],
          rules: ['NetworkPolicy shop/db spec.ingress[0]'],
        },
      ],
    });
    assert.deepEqual(db?.egress.exposures, [
      {
        kind: 'everywhere',
        text: 'may connect anywhere (every pod and address) on UDP 53',
        ports: 'UDP:53',
        peer: { type: 'everywhere' },
        namespaces: [],
        rules: ['NetworkPolicy shop/db spec.egress[0]'],
      },
    ]);
    const edge = document.workloads.find((entry) => entry.workload === 'deployment/shop/edge');
    assert.deepEqual((edge?.ingress.exposures[1] as { peer: unknown }).peer, {
      type: 'addresses',
      text: '10.0.0.0/8 except 10.1.0.0/16',
      cidrs: [
        '10.0.0.0/16',
        '10.2.0.0/15',
        '10.4.0.0/14',
        '10.8.0.0/13',
        '10.16.0.0/12',
        '10.32.0.0/11',
        '10.64.0.0/10',
        '10.128.0.0/9',
      ],
    });
  });

  it('names the ANP rule that opens the entire cluster, and -n keeps one namespace', () => {
    const run = netpol(['exposure', '-f', '.', '-n', 'shop', '--direction', 'ingress', '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const document = JSON.parse(run.stdout) as {
      workloads: {
        workload: string;
        ingress: { adminPolicies: boolean; exposures: { text: string; rules: string[] }[] };
      }[];
    };
    const api = document.workloads.find((entry) => entry.workload === 'deployment/shop/api');
    assert.equal(api?.ingress.adminPolicies, true);
    assert.deepEqual(api?.ingress.exposures[0], {
      ...api?.ingress.exposures[0],
      text: 'exposed to the entire cluster on TCP 8081',
      rules: ['AdminNetworkPolicy platform rule everyone-on-8081'],
    });
    const none = netpol(['exposure', '-f', '.', '-n', 'monitoring']);
    assert.equal(none.stdout, 'WORKLOAD   DIRECTION   EXPOSURE\n');
  });

  it('refuses an unknown direction and reports unusable input with exit 2', () => {
    const bad = netpol(['exposure', '-f', 'cluster.yaml', '--direction', 'sideways']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /argument 'sideways' is invalid\. Allowed choices are ingress, egress/);
    const broken = netpol(['exposure', '-f', join('..', 'diff', 'broken.yaml'), '-f', 'cluster.yaml']);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.yaml:\d+:\d+: error: /);
    assert.match(broken.stdout, /deployment\/shop\/web +ingress +exposed to the entire cluster on TCP 8080/);
  });
});
