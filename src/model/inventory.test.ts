import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { containersOf } from './containers.ts';
import { buildInventory, find } from './inventory.ts';

const inventoryOf = (text: string) =>
  buildInventory(loadSources([{ file: 'm.yaml', text, format: 'yaml', named: true }]).resources);

const template = 'metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: i}]}';

describe('pod-template view', () => {
  it('finds the pod spec of every workload kind', () => {
    const inventory = inventoryOf(
      [
        'apiVersion: v1\nkind: Pod\nmetadata: {name: pod}\nspec: {containers: [{name: c, image: i}]}',
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: deploy}\nspec:\n  template:\n    ${template}`,
        `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  template:\n    ${template}`,
        `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: sts}\nspec:\n  template:\n    ${template}`,
        `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  template:\n    ${template}`,
        `apiVersion: batch/v1\nkind: Job\nmetadata: {name: job}\nspec:\n  template:\n    ${template}`,
        `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    ${template}`,
        `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: pt}\ntemplate:\n    ${template}`,
        `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: x}}\n        spec: {containers: [{name: c, image: i}]}`,
      ].join('\n---\n'),
    );
    assert.deepEqual(
      inventory.workloads.map((w) => [w.resource.kind, w.specPath.join('.')]),
      [
        ['Pod', 'spec'],
        ['Deployment', 'spec.template.spec'],
        ['ReplicaSet', 'spec.template.spec'],
        ['StatefulSet', 'spec.template.spec'],
        ['DaemonSet', 'spec.template.spec'],
        ['Job', 'spec.template.spec'],
        ['ReplicationController', 'spec.template.spec'],
        ['PodTemplate', 'template.spec'],
        ['CronJob', 'spec.jobTemplate.spec.template.spec'],
      ],
    );
    assert.deepEqual(inventory.workloads[1]?.podMetadata, { labels: { app: 'x' } });
  });

  it('iterates init, regular and ephemeral containers in that order', () => {
    const inventory = inventoryOf(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  ephemeralContainers: [{name: e}]\n  containers: [{name: c}]\n  initContainers: [{name: i}]\n',
    );
    const spec = inventory.workloads[0]?.podSpec ?? {};
    assert.deepEqual(
      [...containersOf(spec)].map((c) => `${c.path.join('.')}=${c.name}`),
      ['initContainers.0=i', 'containers.0=c', 'ephemeralContainers.0=e'],
    );
  });

  it('reports wrong field types with file:line:col and leaves the workload out', () => {
    const inventory = inventoryOf(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      securityContext:\n        privileged: "yes"\n---\n' +
        'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers:\n    app: {image: x}\n',
    );
    assert.equal(inventory.workloads.length, 0);
    assert.deepEqual(
      inventory.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
      [
        '8:9 Pod/p: invalid spec.containers[0].securityContext.privileged: must be a boolean, got string "yes"',
        '14:3 Pod/q: invalid spec.containers: must be a list, got a map',
      ],
    );
  });

  // A pod template's metadata is an ObjectMeta too: kubectl refuses `enabled: true` there as at the
  // top ("cannot unmarshal bool into Go struct field ObjectMeta.spec.jobTemplate.metadata.labels of
  // type string"), so no selector ever sees a boolean label.
  it('reports pod template metadata of the wrong types and leaves the workload out', () => {
    const inventory = inventoryOf(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata:\n      labels: {app: web, enabled: true}\n    spec: {containers: [{name: c, image: i}]}\n---\n' +
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {annotations: [a]}\n        spec: {containers: [{name: c, image: i}]}\n---\n' +
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok}\nspec:\n  template:\n    metadata: {labels: {enabled: "true", none: null}}\n    spec: {containers: [{name: c, image: i}]}\n`,
    );
    assert.deepEqual(
      inventory.workloads.map((w) => w.resource.name),
      ['ok'],
    );
    assert.deepEqual(
      inventory.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
      [
        '7:26 Deployment/web: invalid spec.template.metadata.labels.enabled: must be a string, got boolean true',
        '17:20 CronJob/cj: invalid spec.jobTemplate.spec.template.metadata.annotations: must be a map, got a list',
      ],
    );
  });
});

describe('namespaces', () => {
  it('collects declared and implied namespaces with the implicit name label', () => {
    const inventory = inventoryOf(
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: a}}\n---\n' +
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: batch}\n---\n' +
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\n---\n' +
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n',
    );
    assert.deepEqual(
      [...inventory.namespaces.values()].map((n) => [n.name, n.labels, n.resource?.kind]),
      [
        ['batch', { 'kubernetes.io/metadata.name': 'batch' }, undefined],
        ['default', { 'kubernetes.io/metadata.name': 'default' }, undefined],
        ['shop', { team: 'a', 'kubernetes.io/metadata.name': 'shop' }, 'Namespace'],
      ],
    );
  });

  it('indexes by kind and keeps configs apart', () => {
    const inventory = inventoryOf(
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: audit.k8s.io/v1\nkind: Policy\n',
    );
    assert.deepEqual(
      inventory.byKind.get('Service')?.map((r) => r.name),
      ['s'],
    );
    assert.deepEqual(
      inventory.configs.map((r) => r.kind),
      ['Policy'],
    );
  });
});

describe('finding an object by kind, namespace and name', () => {
  it('takes the effective namespace, the later declaration, and no namespace for cluster-scoped kinds', () => {
    const inventory = inventoryOf(
      [
        'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\nautomountServiceAccountToken: false',
        'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: default}',
        'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop}',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: app, namespace: shop}',
      ].join('\n---\n'),
    );
    const inDefault = find(inventory, 'ServiceAccount', 'default', 'app');
    assert.equal(inDefault?.namespace, 'default');
    assert.equal(inDefault?.object.automountServiceAccountToken, undefined);
    assert.equal(find(inventory, 'ServiceAccount', 'shop', 'app')?.namespace, 'shop');
    assert.equal(find(inventory, 'ServiceAccount', 'other', 'app'), undefined);
    assert.equal(find(inventory, 'ServiceAccount', 'default', 'ap'), undefined);
    assert.equal(find(inventory, 'ClusterRole', '', 'app')?.kind, 'ClusterRole');
    assert.equal(find(inventory, 'ClusterRole', 'shop', 'app'), undefined);
  });
});
