// The images an inventory runs: its workloads' containers, and the image fields of the custom
// resources prometheus-operator makes pods from (Prometheus spec.image and spec.containers, as
// kube-prometheus' manifests/prometheus-prometheus.yaml writes them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { imagesOf } from './image-usage.ts';
import { buildInventory } from './inventory.ts';

function usesOf(text: string): Record<string, string[]> {
  const { resources, diagnostics } = loadSources([{ file: 'in.yaml', text, format: 'yaml', named: true }]);
  assert.deepEqual(diagnostics, []);
  const inventory = buildInventory(resources, { defaultNamespace: 'monitoring' });
  return Object.fromEntries(
    imagesOf(inventory).map(({ image, uses }) => [
      image,
      uses.map(
        (use) =>
          `${use.resource.kind}/${use.resource.name} ${use.field}/${use.container} at ${use.path.join('.')} line ${String(use.resource.origin.locate(use.path).line)}`,
      ),
    ]),
  );
}

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: grafana}
spec:
  selector: {matchLabels: {app: grafana}}
  template:
    metadata: {labels: {app: grafana}}
    spec:
      initContainers: [{name: init, image: busybox:1.36}]
      containers: [{name: grafana, image: grafana/grafana:13.1.3}]
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s}
spec:
  shards: 2
  image: quay.io/prometheus/prometheus:v3.13.2
  containers:
    - name: oauth-proxy
      image: quay.io/oauth2-proxy/oauth2-proxy:v7.6.0
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main}
spec:
  replicas: 3
`;

describe('imagesOf', () => {
  it("lists workload containers and the images an operator's custom resource names, once per resource", () => {
    assert.deepEqual(usesOf(MANIFESTS), {
      'busybox:1.36': [
        'Deployment/grafana initContainers/init at spec.template.spec.initContainers.0.image line 9',
      ],
      'grafana/grafana:13.1.3': [
        'Deployment/grafana containers/grafana at spec.template.spec.containers.0.image line 10',
      ],
      'quay.io/oauth2-proxy/oauth2-proxy:v7.6.0': [
        'Prometheus/k8s containers/oauth-proxy at spec.containers.0.image line 20',
      ],
      'quay.io/prometheus/prometheus:v3.13.2': ['Prometheus/k8s containers/prometheus at spec.image line 17'],
    });
  });

  it("leaves out an operator's default image, which the input does not name", () => {
    const listed = usesOf(MANIFESTS);
    assert.equal(
      Object.values(listed)
        .flat()
        .some((use) => use.startsWith('Alertmanager/')),
      false,
    );
  });
});
