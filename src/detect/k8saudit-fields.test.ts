// The ka.* fields as falcosecurity/plugins plugins/k8saudit/pkg/k8saudit/extract.go extracts them:
// getValuesRecursive expands every container (or takes the one of an index argument), arrayAsStrings
// fails the whole field on one absent item while arrayAsStringsSkipNil skips it, a value that is not a
// JSON string prints as JSON, readFromContainerEffectively falls back to the pod's ID and then to 0,
// readContainerRepositories cuts at the first ':' and then at '@', readSubjectNamesByKind filters the
// binding's subjects. An empty result is absent (libsinsp plugin_filtercheck.cpp).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldValue } from './field-value.ts';
import {
  imageRepository,
  k8sauditExtractor,
  k8sauditFieldInfo,
  K8SAUDIT_FIELDS,
  NO_INDEX,
} from './k8saudit-fields.ts';

function extract(field: string, event: unknown, options: { index?: number; arg?: string } = {}): FieldValue {
  return k8sauditExtractor(field, options.index ?? NO_INDEX, options.arg ?? '')(event);
}

const pod = (spec: Record<string, unknown>): Record<string, unknown> => ({
  auditID: 'p',
  verb: 'create',
  objectRef: { resource: 'pods', namespace: 'shop', name: 'web' },
  requestObject: { kind: 'Pod', spec },
  responseObject: { metadata: { name: 'web-7d9f' } },
});

const POD = pod({
  securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000, 5000] },
  hostNetwork: true,
  containers: [
    {
      name: 'web',
      image: 'registry.example.com:5000/shop/web:2.4',
      command: ['/bin/web', '--port', '8080'],
      ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 19090 }],
      securityContext: { runAsUser: 0, privileged: true, capabilities: { add: ['NET_ADMIN', 'SYS_TIME'] } },
    },
    { name: 'proxy', image: 'envoyproxy/envoy@sha256:0123', args: ['-c', '/etc/envoy.yaml'] },
  ],
  initContainers: [{ name: 'init', image: 'busybox:1.36', securityContext: { runAsGroup: 10 } }],
  volumes: [
    { name: 'sock', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } },
    { name: 'flex', flexVolume: { driver: 'example/lvm' } },
    { name: 'cache', emptyDir: {} },
  ],
});

const BINDING = {
  auditID: 'b',
  objectRef: { resource: 'clusterrolebindings', name: 'ops' },
  requestObject: {
    roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
      { kind: 'ServiceAccount', name: 'orphan' },
    ],
  },
};

const ROLE = {
  auditID: 'r',
  requestObject: {
    rules: [
      { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['get', 'create'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'], nonResourceURLs: ['/metrics'] },
    ],
  },
};

const TABLE: readonly (readonly [string, unknown, FieldValue, { index?: number; arg?: string }?])[] = [
  [
    'ka.req.pod.containers.image',
    POD,
    ['registry.example.com:5000/shop/web:2.4', 'envoyproxy/envoy@sha256:0123'],
  ],
  ['ka.req.pod.containers.image.repository', POD, ['registry.example.com', 'envoyproxy/envoy']],
  ['ka.req.pod.containers.image', POD, ['envoyproxy/envoy@sha256:0123'], { index: 1 }],
  ['ka.req.pod.containers.image', POD, undefined, { index: 2 }],
  ['ka.req.container.image', POD, 'registry.example.com:5000/shop/web:2.4'],
  ['ka.req.container.image.repository', POD, 'registry.example.com'],
  ['ka.req.pod.containers.command', POD, ['/bin/web --port 8080']],
  ['ka.req.pod.containers.args', POD, ['-c /etc/envoy.yaml']],
  ['ka.req.pod.containers.host_port', POD, ['8080', '19090']],
  ['ka.req.pod.containers.privileged', POD, ['true']],
  ['ka.req.container.privileged', POD, 'true'],
  ['ka.req.pod.containers.run_as_user', POD, ['0']],
  // readFromContainerEffectively reads `runAsUser` right under the pod spec and each container (keys
  // "requestObject", "spec", "runAsUser"), not under their securityContext: a pod that sets its IDs in
  // securityContext, as Kubernetes defines them, gets the default 0.
  ['ka.req.pod.containers.eff_run_as_user', POD, ['0', '0']],
  ['ka.req.pod.initContainers.eff_run_as_group', POD, ['0']],
  [
    'ka.req.pod.containers.eff_run_as_user',
    pod({ runAsUser: 1000, containers: [{ name: 'a', runAsUser: 0 }, { name: 'b' }] }),
    ['0', '1000'],
  ],
  [
    'ka.req.pod.containers.eff_run_as_group',
    pod({ containers: [{ name: 'a', runAsGroup: 5 }, { name: 'b' }] }),
    ['5', '0'],
  ],
  ['ka.req.pod.ephemeralContainers.eff_run_as_user', POD, undefined],
  ['ka.req.pod.containers.add_capabilities', POD, ['["NET_ADMIN","SYS_TIME"]']],
  ['ka.req.pod.containers.read_only_fs', POD, undefined],
  ['ka.req.pod.initContainers.name', POD, ['init']],
  ['ka.req.pod.run_as_user', POD, '1000'],
  ['ka.req.pod.fs_group', POD, '2000'],
  ['ka.req.pod.supplemental_groups', POD, ['4000', '5000']],
  ['ka.req.pod.host_network', POD, 'true'],
  ['ka.req.pod.host_pid', POD, undefined],
  ['ka.req.pod.volumes.hostpath', POD, ['/var/run/docker.sock']],
  ['ka.req.pod.volumes.flexvolume_driver', POD, ['example/lvm']],
  ['ka.req.pod.volumes.volume_type', POD, ['hostPath', 'flexVolume', 'emptyDir']],
  ['ka.req.volume.hostpath', POD, 'true', { arg: '/var/run/*' }],
  ['ka.req.volume.hostpath', POD, 'false', { arg: '/var/lib' }],
  ['ka.target.pod.name', POD, 'web-7d9f'],
  ['ka.resp.name', POD, 'web-7d9f'],
  ['ka.req.binding.role', BINDING, 'cluster-admin'],
  ['ka.req.binding.subjects.user_names', BINDING, ['jane']],
  ['ka.req.binding.subjects.group_names', BINDING, ['devs']],
  ['ka.req.binding.subjects.serviceaccount_names', BINDING, ['deployer', 'orphan']],
  ['ka.req.binding.subjects.serviceaccount_ns_names', BINDING, ['ci:deployer']],
  [
    'ka.req.binding.subjects',
    BINDING,
    [
      '{"kind":"User","name":"jane"}',
      '{"kind":"Group","name":"devs"}',
      '{"kind":"ServiceAccount","name":"deployer","namespace":"ci"}',
      '{"kind":"ServiceAccount","name":"orphan"}',
    ],
  ],
  ['ka.req.binding.subject.has_name', BINDING, 'true', { arg: 'anyone' }],
  ['ka.req.role.rules.verbs', ROLE, ['get', 'create', '*']],
  ['ka.req.role.rules.resources', ROLE, ['deployments'], { index: 1 }],
  ['ka.req.role.rules.apiGroups', ROLE, ['', 'apps']],
  ['ka.req.role.rules.nonResourceURLs', ROLE, ['/metrics']],
  // extract.go reads ka.sourceips through extractRulesField: requestObject.rules[].sourceIPs.
  ['ka.sourceips', { auditID: 's', sourceIPs: ['10.0.0.1'] }, undefined],
  [
    'ka.req.service.ports',
    { auditID: 's', requestObject: { spec: { ports: [{ port: 80 }] } } },
    ['[{"port":80}]'],
  ],
  ['ka.req.configmap.obj', { auditID: 'c', requestObject: { data: { password: 'x' } } }, '{"password":"x"}'],
  ['ka.response.code', { auditID: 'c', responseStatus: { code: 403 } }, '403'],
  ['ka.uri.param', { auditID: 'u', requestURI: '/x?a=1&b=two+words&b=3' }, 'two words', { arg: 'b' }],
  ['ka.uri.param', { auditID: 'u', requestURI: '/x?a=%zz&b=1' }, undefined, { arg: 'b' }],
  ['ka.uri.param', { auditID: 'u', requestURI: '/x?a=1;b=1' }, undefined, { arg: 'a' }],
  ['ka.user.groups', { auditID: 'u', user: { groups: [] } }, undefined],
  ['ka.auth.decision', { auditID: 'a', annotations: { 'authorization.k8s.io/decision': 'allow' } }, 'allow'],
  ['ka.cluster.name', { auditID: 'a', annotations: { cluster_name: 'prod' } }, 'prod'],
  ['ka.target.subresource', { auditID: 'a', objectRef: { subresource: null } }, 'null'],
];

describe('ka.* extraction (k8saudit plugin extract.go)', () => {
  for (const [field, event, expected, options] of TABLE)
    it(`${field}${options?.index !== undefined ? `[${options.index}]` : options?.arg !== undefined ? `[${options.arg}]` : ''} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(extract(field, event, options), expected);
    });

  it('has no request fields when the request object is absent, as at level Metadata', () => {
    const metadataOnly = { auditID: 'm', verb: 'create', objectRef: { resource: 'pods', name: 'web' } };
    for (const field of K8SAUDIT_FIELDS.filter(
      (f) =>
        f.startsWith('ka.req.') && f !== 'ka.req.binding.subject.has_name' && f !== 'ka.req.configmap.name',
    )) {
      const info = k8sauditFieldInfo(field);
      assert.equal(extract(field, metadataOnly, info?.argRequired ? { arg: 'x' } : {}), undefined, field);
    }
  });

  it('fails the image field of a pod when one container has no image (arrayAsStrings)', () => {
    const partial = pod({ containers: [{ name: 'a', image: 'nginx' }, { name: 'b' }] });
    assert.equal(extract('ka.req.pod.containers.image', partial), undefined);
    assert.deepEqual(extract('ka.req.pod.containers.name', partial), ['a', 'b']);
  });

  it('cuts image repositories as the plugin does', () => {
    assert.equal(imageRepository('falcosecurity/falco:0.38'), 'falcosecurity/falco');
    assert.equal(imageRepository('nginx@sha256:abcd'), 'nginx');
    assert.equal(imageRepository('localhost:5000/app:1'), 'localhost');
    assert.equal(imageRepository('busybox'), 'busybox');
  });

  it('declares lists, index and key arguments as fields.go does', () => {
    assert.deepEqual(k8sauditFieldInfo('ka.req.pod.containers.image'), {
      name: 'ka.req.pod.containers.image',
      list: true,
      arg: 'index',
      argRequired: false,
    });
    assert.deepEqual(k8sauditFieldInfo('ka.uri.param'), {
      name: 'ka.uri.param',
      list: false,
      arg: 'key',
      argRequired: true,
    });
    assert.equal(k8sauditFieldInfo('ka.req.pod.containers.nope'), undefined);
    assert.equal(
      k8sauditFieldInfo('ka.req.pod.ephemeralContainers.host_port'),
      undefined,
      'ephemeral containers have no ports',
    );
    assert.equal(new Set(K8SAUDIT_FIELDS).size, K8SAUDIT_FIELDS.length);
  });
});
