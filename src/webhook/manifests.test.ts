// The deployment must pass our own scan (restricted Pod Security Standards once those checks are
// registered) and follow the admissionregistration.k8s.io/v1 ValidatingWebhook contract
// (kubernetes/api admissionregistration/v1/types.go: sideEffects, failurePolicy, timeoutSeconds 1-30).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load as parseYaml } from '../load/js-yaml.ts';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { loadSources } from '../load/load.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from '../testing/clock.ts';
import { getAt } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import { memoryLimitMiB, renderManifests, webhookManifests } from './manifests.ts';
import type { ManifestOptions } from './manifests.ts';

const OPTIONS: ManifestOptions = {
  namespace: 'kubeward',
  name: 'kubeward-webhook',
  image:
    'ghcr.io/kubeward/kubeward:0.1.0@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  caBundle: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  apiServerCidrs: ['10.0.0.0/28'],
  timeoutSeconds: 5,
  tlsSecret: 'kubeward-webhook-tls',
  connect: 'allow',
  maxInFlight: 16,
  maxBodyBytes: 3 * 1024 * 1024,
};

/** Each rule of the ValidatingWebhookConfiguration as `OPERATIONS resources`. */
function routes(options: ManifestOptions): string[] {
  const configuration = webhookManifests(options).find(
    (manifest) => manifest.kind === 'ValidatingWebhookConfiguration',
  );
  const rules = getAt(configuration ?? {}, ['webhooks', 0, 'rules']) as readonly {
    operations: readonly string[];
    resources: readonly string[];
  }[];
  return rules.map((rule) => `${rule.operations.join()} ${rule.resources.join()}`);
}

/** The field at `path` of the first manifest of `kind`. */
const field = (kind: string, path: FieldPath): unknown => {
  const found =
    webhookManifests(OPTIONS).find(
      (manifest) => manifest.kind === kind && getAt(manifest, ['metadata', 'name']) === OPTIONS.name,
    ) ?? webhookManifests(OPTIONS).find((manifest) => manifest.kind === kind);
  assert.ok(found, kind);
  return getAt(found, path);
};

describe('webhook manifests', () => {
  it('is clean under kubeward scan with every registered check, Pod Security restricted', () => {
    assert.ok(
      CHECKS.some((check) => check.id.startsWith('pss-')),
      'the pss-* checks are registered',
    );
    const text = renderManifests(webhookManifests(OPTIONS));
    const loaded = loadSources([{ file: 'webhook.yaml', text, format: 'yaml', named: true }]);
    const { report } = scanLoaded(loaded, {
      checks: CHECKS,
      run: parseConfig('t.yaml', 'settings: {pssLevel: restricted, pssVersion: latest}', CHECKS).run,
      now: TEST_NOW,
    });
    assert.deepEqual(report.diagnostics, []);
    assert.deepEqual(
      report.findings.map((finding) => `${finding.checkId}: ${finding.message}`),
      [],
    );
    assert.equal(loaded.resources.length, 8);
  });

  it('renders YAML that reads back to the same objects', () => {
    const manifests = webhookManifests(OPTIONS);
    const documents = renderManifests(manifests)
      .split(/^---\n/m)
      .map((doc) => parseYaml(doc));
    assert.deepEqual(documents, manifests);
  });

  it('runs 2 non-root replicas with a read-only root, no capabilities and RuntimeDefault seccomp', () => {
    const pod = ['spec', 'template', 'spec'];
    const container = [...pod, 'containers', 0];
    assert.equal(field('Deployment', ['spec', 'replicas']), 2);
    assert.equal(field('Deployment', [...pod, 'automountServiceAccountToken']), false);
    assert.equal(field('Deployment', [...pod, 'securityContext', 'runAsNonRoot']), true);
    assert.equal(
      field('Deployment', [...pod, 'securityContext', 'seccompProfile', 'type']),
      'RuntimeDefault',
    );
    assert.ok(field('Deployment', [...pod, 'affinity', 'podAntiAffinity']));
    assert.equal(field('Deployment', [...container, 'securityContext', 'readOnlyRootFilesystem']), true);
    assert.equal(field('Deployment', [...container, 'securityContext', 'allowPrivilegeEscalation']), false);
    assert.deepEqual(field('Deployment', [...container, 'securityContext', 'capabilities', 'drop']), ['ALL']);
    assert.ok(field('Deployment', [...container, 'resources', 'limits', 'memory']));
    assert.equal(field('ServiceAccount', ['automountServiceAccountToken']), false);
    assert.equal(field('PodDisruptionBudget', ['spec', 'minAvailable']), 1);
  });

  it('registers a fail-closed webhook that skips kube-system and its own namespace', () => {
    const hook = (...path: FieldPath): unknown =>
      field('ValidatingWebhookConfiguration', ['webhooks', 0, ...path]);
    assert.equal(hook('failurePolicy'), 'Fail');
    assert.equal(hook('sideEffects'), 'None');
    assert.equal(hook('timeoutSeconds'), 5);
    assert.deepEqual(hook('admissionReviewVersions'), ['v1']);
    assert.equal(
      Buffer.from(String(hook('clientConfig', 'caBundle')), 'base64').toString(),
      OPTIONS.caBundle,
    );
    assert.deepEqual(hook('clientConfig', 'service'), {
      namespace: 'kubeward',
      name: 'kubeward-webhook',
      path: '/validate',
      port: 443,
    });
    assert.deepEqual(hook('namespaceSelector', 'matchExpressions', 0, 'values'), ['kube-system', 'kubeward']);
    assert.deepEqual(routes(OPTIONS), [
      'CREATE,UPDATE pods,replicationcontrollers,podtemplates',
      'CREATE,UPDATE deployments,replicasets,statefulsets,daemonsets',
      'CREATE,UPDATE jobs,cronjobs',
      'UPDATE pods/ephemeralcontainers',
    ]);
  });

  it('routes kubectl exec, attach and port-forward to the webhook, and refuses them in serve, under --connect deny', () => {
    const options = { ...OPTIONS, connect: 'deny' as const };
    assert.equal(routes(options).at(-1), 'CONNECT pods/exec,pods/attach,pods/portforward');
    const deployment = webhookManifests(options).find((manifest) => manifest.kind === 'Deployment');
    const args = getAt(deployment ?? {}, ['spec', 'template', 'spec', 'containers', 0, 'args']) as string[];
    assert.deepEqual(args.slice(-2), ['--connect', 'deny']);
  });

  it('pulls an image pinned by digest IfNotPresent, and a tag Always', () => {
    const container = ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy'];
    assert.equal(field('Deployment', [...container]), 'IfNotPresent');
    const tagged = webhookManifests({ ...OPTIONS, image: 'ghcr.io/kubeward/kubeward:0.1.0' }).find(
      (manifest) => manifest.kind === 'Deployment',
    );
    assert.equal(getAt(tagged ?? {}, container), 'Always');
  });

  it('drains before stopping, runs as cluster-critical on distinct nodes, and sizes memory from the in-flight bound', () => {
    const pod = ['spec', 'template', 'spec'];
    const container = [...pod, 'containers', 0];
    assert.deepEqual(field('Deployment', [...container, 'lifecycle', 'preStop']), { sleep: { seconds: 5 } });
    assert.equal(field('Deployment', [...pod, 'priorityClassName']), 'system-cluster-critical');
    assert.deepEqual(
      field('Deployment', [
        ...pod,
        'affinity',
        'podAntiAffinity',
        'requiredDuringSchedulingIgnoredDuringExecution',
      ]),
      [
        {
          labelSelector: { matchLabels: field('Deployment', ['spec', 'selector', 'matchLabels']) },
          topologyKey: 'kubernetes.io/hostname',
        },
      ],
    );
    assert.equal(memoryLimitMiB(16, 3 * 2 ** 20), 192 + 192);
    assert.equal(field('Deployment', [...container, 'resources', 'limits', 'memory']), '384Mi');
    const args = field('Deployment', [...container, 'args']) as string[];
    assert.deepEqual(args.slice(args.indexOf('--max-in-flight'), args.indexOf('--max-in-flight') + 4), [
      '--max-in-flight',
      '16',
      '--max-body-bytes',
      String(3 * 2 ** 20),
    ]);
  });

  it('denies all traffic in the namespace by default', () => {
    const deny = webhookManifests(OPTIONS).find(
      (manifest) => getAt(manifest, ['metadata', 'name']) === 'default-deny',
    );
    assert.deepEqual(getAt(deny, ['spec']), { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('admits only the API servers on the webhook port and allows no egress', () => {
    assert.deepEqual(field('NetworkPolicy', ['spec', 'policyTypes']), ['Ingress', 'Egress']);
    assert.deepEqual(field('NetworkPolicy', ['spec', 'egress']), []);
    assert.deepEqual(field('NetworkPolicy', ['spec', 'ingress', 0, 'from']), [
      { ipBlock: { cidr: '10.0.0.0/28' } },
    ]);
    assert.deepEqual(field('NetworkPolicy', ['spec', 'ingress', 0, 'ports']), [
      { protocol: 'TCP', port: 8443 },
    ]);
  });
});
