import { dump } from 'js-yaml';
import type { Mapping } from '../model/path.ts';
import { WEBHOOK_DEFAULTS } from './server.ts';

/** What the deployment is made of; every field has a sensible default in the CLI. */
export interface ManifestOptions {
  readonly namespace: string;
  /** Name of the Service, Deployment, ServiceAccount and the rest. */
  readonly name: string;
  /** Pinned by digest for production; a tag is accepted. */
  readonly image: string;
  /** PEM of the CA that signed the serving certificate (`kubeward webhook cert`); omitted when undefined. */
  readonly caBundle: string | undefined;
  /** Sources the NetworkPolicy admits to the webhook port: the API servers' addresses. Empty: any source. */
  readonly apiServerCidrs: readonly string[];
  /** API server's wait for the webhook, 1–30 s. */
  readonly timeoutSeconds: number;
  /** Secret holding tls.crt and tls.key. */
  readonly tlsSecret: string;
}

/** The workload API resources reviewed on CREATE and UPDATE. */
export const REVIEWED_RESOURCES = [
  { apiGroups: [''], resources: ['pods', 'replicationcontrollers', 'podtemplates'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
] as const;

const TLS_DIR = '/etc/kubeward/tls';
const USER_ID = 65532;

/**
 * The complete hardened deployment of the webhook, in apply order: Namespace (restricted Pod Security),
 * ServiceAccount (no token, no RBAC), Service, Deployment (2 replicas, non-root, read-only root fs, no
 * capabilities, RuntimeDefault seccomp, resources, spread over nodes), PodDisruptionBudget,
 * NetworkPolicies (namespace default-deny; the webhook port in from the API servers, nothing out) and
 * the ValidatingWebhookConfiguration
 * (failurePolicy Fail, sideEffects None, never for kube-system or its own namespace).
 */
export function webhookManifests(options: ManifestOptions): readonly Mapping[] {
  const { namespace, name } = options;
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'kubeward' };
  const metadata = { name, namespace, labels };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata, automountServiceAccountToken: false },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }],
      },
    },
    deployment(options, labels),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata,
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            ...(options.apiServerCidrs.length > 0
              ? { from: options.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })) }
              : {}),
            ports: [{ protocol: 'TCP', port: WEBHOOK_DEFAULTS.port }],
          },
        ],
        egress: [],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: `${name}.kubeward.io`, labels },
      webhooks: [
        {
          name: `validate.${name}.kubeward.io`,
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Fail',
          matchPolicy: 'Equivalent',
          timeoutSeconds: options.timeoutSeconds,
          clientConfig: {
            service: { namespace, name, path: '/validate', port: 443 },
            ...(options.caBundle === undefined
              ? {}
              : { caBundle: Buffer.from(options.caBundle, 'utf8').toString('base64') }),
          },
          namespaceSelector: {
            matchExpressions: [
              { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', namespace] },
            ],
          },
          rules: REVIEWED_RESOURCES.map((rule) => ({
            operations: ['CREATE', 'UPDATE'],
            apiGroups: [...rule.apiGroups],
            apiVersions: ['v1'],
            resources: [...rule.resources],
            scope: 'Namespaced',
          })),
        },
      ],
    },
  ];
}

function deployment(options: ManifestOptions, labels: Readonly<Record<string, string>>): Mapping {
  const { namespace, name } = options;
  const probe = (path: string): Mapping => ({
    httpGet: { path, port: 'https', scheme: 'HTTPS' },
    periodSeconds: 10,
    timeoutSeconds: 2,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: USER_ID,
            runAsGroup: USER_ID,
            fsGroup: USER_ID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchLabels: labels },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          containers: [
            {
              name: 'webhook',
              image: options.image,
              imagePullPolicy: 'Always',
              args: [
                'webhook',
                'serve',
                '--tls-cert',
                `${TLS_DIR}/tls.crt`,
                '--tls-key',
                `${TLS_DIR}/tls.key`,
                '--port',
                String(WEBHOOK_DEFAULTS.port),
              ],
              ports: [{ name: 'https', containerPort: WEBHOOK_DEFAULTS.port, protocol: 'TCP' }],
              readinessProbe: probe('/readyz'),
              livenessProbe: probe('/healthz'),
              // The bin gives V8 a 64 MiB young generation (for scans); under load the server's RSS reaches
              // about 280 MiB (npm run bench -- webhook).
              resources: {
                requests: { cpu: '100m', memory: '256Mi' },
                limits: { cpu: '1', memory: '512Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                privileged: false,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'tls', mountPath: TLS_DIR, readOnly: true }],
            },
          ],
          volumes: [{ name: 'tls', secret: { secretName: options.tlsSecret, defaultMode: 0o440 } }],
        },
      },
    },
  };
}

/** The manifests as one multi-document YAML stream, ready for `kubectl apply -f -`. */
export function renderManifests(manifests: readonly Mapping[]): string {
  return manifests.map((manifest) => dump(manifest, { lineWidth: -1, noRefs: true })).join('---\n');
}
