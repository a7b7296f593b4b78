// The pods prometheus-operator v0.93.0 creates from its custom resources, as the network and RBAC
// views see them (labels, named ports, ServiceAccount, token, host network). The facts are cited in
// prometheus-operator.ts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../../load/load.ts';
import { CHECKS } from '../../checks/registry.ts';
import { parseConfig } from '../../config/parse-config.ts';
import { loadInputs } from '../../scan/inputs.ts';
import { scanLoaded } from '../../scan/scan.ts';
import { TEST_NOW } from '../../testing/clock.ts';
import { buildInventory } from '../inventory.ts';
import { operatorWorkloads, podWorkloads } from './operator-pods.ts';

function inventoryOf(text: string) {
  const { resources, diagnostics } = loadSources([{ file: 'in.yaml', text, format: 'yaml', named: true }]);
  assert.deepEqual(diagnostics, []);
  return buildInventory(resources, { defaultNamespace: 'monitoring' });
}

function podsOf(text: string) {
  return operatorWorkloads(inventoryOf(text)).map((workload) => ({
    name: `${workload.resource.kind}/${workload.namespace}/${workload.resource.name}`,
    labels: workload.podMetadata.labels,
    podSpec: workload.podSpec,
  }));
}

const MANAGED = { 'app.kubernetes.io/managed-by': 'prometheus-operator' };

describe('pods of prometheus-operator custom resources', () => {
  it('gives a Prometheus pod its selector labels over spec.podMetadata.labels, one set per shard', () => {
    const pods = podsOf(
      'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s}\n' +
        'spec: {shards: 2, podMetadata: {labels: {team: obs, prometheus: other}}, serviceAccountName: prom, thanos: {}}\n',
    );
    const labels = (shard: string) => ({
      team: 'obs',
      ...MANAGED,
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': 'k8s',
      'operator.prometheus.io/name': 'k8s',
      prometheus: 'k8s',
      'operator.prometheus.io/shard': shard,
    });
    const podSpec = {
      serviceAccountName: 'prom',
      automountServiceAccountToken: true,
      containers: [
        { name: 'prometheus', ports: [{ name: 'web', containerPort: 9090 }] },
        { name: 'config-reloader', ports: [{ name: 'reloader-web', containerPort: 8080 }] },
        {
          name: 'thanos-sidecar',
          ports: [
            { name: 'http', containerPort: 10902 },
            { name: 'grpc', containerPort: 10901 },
          ],
        },
      ],
    };
    assert.deepEqual(pods, [
      { name: 'Prometheus/monitoring/k8s', labels: labels('0'), podSpec },
      { name: 'Prometheus/monitoring/k8s', labels: labels('1'), podSpec },
    ]);
  });

  it('names the web port spec.portName, drops it with listenLocal, and copies the token and host network settings', () => {
    const [alertmanager, thanosRuler] = podsOf(
      'apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: main, namespace: ops}\n' +
        'spec: {portName: http, automountServiceAccountToken: false, hostNetwork: true}\n---\n' +
        'apiVersion: monitoring.coreos.com/v1\nkind: ThanosRuler\nmetadata: {name: rules}\n' +
        'spec: {listenLocal: true, automountServiceAccountToken: false, hostNetwork: true}\n',
    );
    assert.deepEqual(alertmanager, {
      name: 'Alertmanager/ops/main',
      labels: {
        ...MANAGED,
        'app.kubernetes.io/name': 'alertmanager',
        'app.kubernetes.io/instance': 'main',
        alertmanager: 'main',
      },
      podSpec: {
        automountServiceAccountToken: false,
        hostNetwork: true,
        containers: [
          {
            name: 'alertmanager',
            ports: [
              { name: 'http', containerPort: 9093 },
              { name: 'mesh-tcp', containerPort: 9094, protocol: 'TCP' },
              { name: 'mesh-udp', containerPort: 9094, protocol: 'UDP' },
            ],
          },
          { name: 'config-reloader', ports: [{ name: 'reloader-web', containerPort: 8080 }] },
        ],
      },
    });
    assert.deepEqual(thanosRuler, {
      name: 'ThanosRuler/monitoring/rules',
      labels: {
        ...MANAGED,
        'app.kubernetes.io/name': 'thanos-ruler',
        'app.kubernetes.io/instance': 'rules',
        'thanos-ruler': 'rules',
      },
      podSpec: { containers: [{ name: 'thanos-ruler', ports: [{ name: 'grpc', containerPort: 10901 }] }] },
    });
  });

  it('ignores other API versions and kinds', () => {
    assert.deepEqual(
      podsOf(
        'apiVersion: monitoring.coreos.com/v1alpha1\nkind: Prometheus\nmetadata: {name: a}\nspec: {}\n---\n' +
          'apiVersion: example.com/v1\nkind: Alertmanager\nmetadata: {name: b}\nspec: {}\n',
      ),
      [],
    );
  });

  it('adds them to the pods the network and RBAC views see, never to the workloads checks see', async () => {
    const directory = join(import.meta.dirname, '..', '..', '..', 'testdata', 'operators', 'prometheus');
    const loaded = await loadInputs([directory], { recursive: true });
    const inventory = buildInventory(loaded.resources);
    assert.deepEqual(inventory.workloads, []);
    assert.deepEqual(
      podWorkloads(inventory).map((workload) => `${workload.resource.kind}/${workload.resource.name}`),
      ['Prometheus/main', 'Alertmanager/main', 'ThanosRuler/rules'],
    );
  });

  it('draws network findings on them, and no workload check (the pod spec is not in the input)', async () => {
    const directory = join(import.meta.dirname, '..', '..', '..', 'testdata', 'operators', 'prometheus');
    const loaded = await loadInputs([directory], { recursive: true });
    const { report } = scanLoaded(loaded, {
      checks: CHECKS,
      run: parseConfig('<defaults>', '', CHECKS).run,
      now: TEST_NOW,
    });
    assert.deepEqual(
      report.findings.map((finding) => `${finding.checkId} ${finding.object.kind}/${finding.object.name}`),
      ['netpol-namespace-default-deny Namespace/monitoring', 'netpol-workload-unselected ThanosRuler/rules'],
    );
  });
});
