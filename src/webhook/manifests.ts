import { dump } from '../load/js-yaml.ts';
import { parseImageReference } from '../model/image.ts';
import type { Mapping } from '../model/path.ts';
import { CONNECT_SUBRESOURCES } from './evaluate.ts';
import { WEBHOOK_DEFAULTS } from './defaults.ts';

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
  /** `deny`: route CONNECT to pods/exec, attach and portforward to the webhook, which refuses them. */
  readonly connect: 'allow' | 'deny';
  /** The server's bound on reviews at once (`--max-in-flight`); the memory limit is sized from it. */
  readonly maxInFlight: number;
  /** The server's largest request body (`--max-body-bytes`); the memory limit is sized from it. */
  readonly maxBodyBytes: number;
}

/** The workload API resources reviewed on CREATE and UPDATE. */
const REVIEWED_RESOURCES = [
  { apiGroups: [''], resources: ['pods', 'replicationcontrollers', 'podtemplates'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
] as const;

/**
 * Memory the server needs besides the reviews it holds: the runtime and the check catalogue (idle
 * RSS is 120–140 MiB, and about 260 MiB at the peak of a flood of 2 MiB reviews with 16 in flight:
 * `npm run bench -- webhook` measures both).
 */
const BASE_MEMORY_MIB = 192;
/** Memory one review in flight may take per byte of its body: the buffered body, its string and its parse. */
const MEMORY_PER_BODY_BYTE = 4;

/**
 * The container's memory limit in MiB: the base plus every review in flight at the largest body.
 * Reviews beyond `maxInFlight` are answered 429 before their body is read, so this bound holds.
 */
export function memoryLimitMiB(maxInFlight: number, maxBodyBytes: number): number {
  return BASE_MEMORY_MIB + Math.ceil((maxInFlight * maxBodyBytes * MEMORY_PER_BODY_BYTE) / 2 ** 20);
}

const TLS_DIR = '/etc/kubeward/tls';
/**
 * Time the pod keeps serving after it is marked for deletion, so the API servers' endpoints drop it
 * before it stops listening (the `sleep` action: Kubernetes 1.30 or later).
 */
const PRE_STOP_SECONDS = 5;
const USER_ID = 65532;

/**
 * The complete hardened deployment of the webhook, in apply order: Namespace (restricted Pod Security),
 * ServiceAccount (no token, no RBAC), Service, Deployment (2 replicas on different nodes, non-root,
 * read-only root fs, no capabilities, RuntimeDefault seccomp, system-cluster-critical priority, a
 * memory limit sized from the in-flight bound, a preStop pause so endpoints drain), PodDisruptionBudget,
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
          rules: [
            ...REVIEWED_RESOURCES.map((rule) => ({
              operations: ['CREATE', 'UPDATE'],
              apiGroups: [...rule.apiGroups],
              apiVersions: ['v1'],
              resources: [...rule.resources],
              scope: 'Namespaced',
            })),
            {
              operations: ['UPDATE'],
              apiGroups: [''],
              apiVersions: ['v1'],
              resources: ['pods/ephemeralcontainers'],
              scope: 'Namespaced',
            },
            ...(options.connect === 'deny'
              ? [
                  {
                    operations: ['CONNECT'],
                    apiGroups: [''],
                    apiVersions: ['v1'],
                    resources: CONNECT_SUBRESOURCES.map((subresource) => `pods/${subresource}`),
                    scope: 'Namespaced',
                  },
                ]
              : []),
          ],
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
          priorityClassName: 'system-cluster-critical',
          securityContext: {
            runAsNonRoot: true,
            runAsUser: USER_ID,
            runAsGroup: USER_ID,
            fsGroup: USER_ID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          },
          containers: [
            {
              name: 'webhook',
              image: options.image,
              imagePullPolicy:
                parseImageReference(options.image).digest === undefined ? 'Always' : 'IfNotPresent',
              args: [
                'webhook',
                'serve',
                '--tls-cert',
                `${TLS_DIR}/tls.crt`,
                '--tls-key',
                `${TLS_DIR}/tls.key`,
                '--port',
                String(WEBHOOK_DEFAULTS.port),
                '--max-in-flight',
                String(options.maxInFlight),
                '--max-body-bytes',
                String(options.maxBodyBytes),
                ...(options.connect === 'deny' ? ['--connect', 'deny'] : []),
              ],
              ports: [{ name: 'https', containerPort: WEBHOOK_DEFAULTS.port, protocol: 'TCP' }],
              readinessProbe: probe('/readyz'),
              livenessProbe: probe('/healthz'),
              lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SECONDS } } },
              resources: {
                requests: { cpu: '100m', memory: `${String(BASE_MEMORY_MIB)}Mi` },
                limits: {
                  cpu: '1',
                  memory: `${String(memoryLimitMiB(options.maxInFlight, options.maxBodyBytes))}Mi`,
                },
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
