import type { Framework } from './framework.ts';

/**
 * The CIS Kubernetes Benchmark as data: every recommendation of the version kubeward maps its checks
 * to, with a short title in kubeward's words, whether the benchmark assesses it automatically or
 * manually, and, when no kubeward check implements it, why. Checks declare the ids they implement
 * in their `cis` metadata; `src/checks/cis-benchmark.test.ts` keeps the two in step.
 *
 * Read from kube-bench's definitions of the benchmark (aquasecurity/kube-bench cfg/cis-1.12/
 * master.yaml, etcd.yaml, controlplane.yaml, node.yaml, policies.yaml at a73ce378418c), which
 * kube-bench applies to Kubernetes 1.32 to 1.34; the assessment is the benchmark's own
 * (Automated)/(Manual) marking.
 */

/** How the benchmark assesses a recommendation. */
export type CisAssessment = 'automated' | 'manual';

/** One recommendation of the benchmark. */
export interface CisRecommendation {
  /** The benchmark's id, `1.2.14`. */
  readonly id: string;
  /** What it asks, in a few words. */
  readonly title: string;
  readonly assessment: CisAssessment;
  /** Why no kubeward check implements it; absent when checks do. */
  readonly outOfScope?: string;
}

/** One section of the benchmark (`1.2 API Server`). */
export interface CisSection {
  readonly id: string;
  readonly title: string;
  readonly recommendations: readonly CisRecommendation[];
}

/** A benchmark version and its sections. */
export interface CisBenchmark {
  readonly name: string;
  readonly version: string;
  /** What the version was read from. */
  readonly source: string;
  readonly sections: readonly CisSection[];
}

const OWNERSHIP =
  'file ownership: kubeward audits the modes of the files it reads on a node, not their owners (check with stat)';
const MANUAL_SITE = 'manual: the right value depends on the site; the benchmark leaves it to review';
const NOT_READ = (what: string): string => `${what}: not among the files kubeward reads on a node`;

const auto = (id: string, title: string, outOfScope?: string): CisRecommendation =>
  outOfScope === undefined
    ? { id, title, assessment: 'automated' }
    : { id, title, assessment: 'automated', outOfScope };
const manual = (id: string, title: string, outOfScope?: string): CisRecommendation =>
  outOfScope === undefined
    ? { id, title, assessment: 'manual' }
    : { id, title, assessment: 'manual', outOfScope };

/** CIS Kubernetes Benchmark v1.12 (kube-bench `cis-1.12`). */
export const CIS_BENCHMARK: CisBenchmark = {
  name: 'CIS Kubernetes Benchmark',
  version: 'v1.12',
  source: 'aquasecurity/kube-bench cfg/cis-1.12 (Kubernetes 1.32-1.34)',
  sections: [
    {
      id: '1.1',
      title: 'Control plane node configuration files',
      recommendations: [
        auto('1.1.1', 'API server manifest mode 600 or stricter'),
        auto('1.1.2', 'API server manifest owned by root:root', OWNERSHIP),
        auto('1.1.3', 'Controller manager manifest mode 600 or stricter'),
        auto('1.1.4', 'Controller manager manifest owned by root:root', OWNERSHIP),
        auto('1.1.5', 'Scheduler manifest mode 600 or stricter'),
        auto('1.1.6', 'Scheduler manifest owned by root:root', OWNERSHIP),
        auto('1.1.7', 'etcd manifest mode 600 or stricter'),
        auto('1.1.8', 'etcd manifest owned by root:root', OWNERSHIP),
        manual(
          '1.1.9',
          'CNI configuration files mode 600 or stricter',
          NOT_READ('the CNI configuration (/etc/cni/net.d)'),
        ),
        manual(
          '1.1.10',
          'CNI configuration files owned by root:root',
          NOT_READ('the CNI configuration (/etc/cni/net.d)'),
        ),
        auto(
          '1.1.11',
          'etcd data directory mode 700 or stricter',
          NOT_READ('the etcd data directory (/var/lib/etcd)'),
        ),
        auto(
          '1.1.12',
          'etcd data directory owned by etcd:etcd',
          NOT_READ('the etcd data directory (/var/lib/etcd)'),
        ),
        auto('1.1.13', 'Admin kubeconfig mode 600'),
        auto('1.1.14', 'Admin kubeconfig owned by root:root', OWNERSHIP),
        auto('1.1.15', 'scheduler.conf mode 600 or stricter'),
        auto('1.1.16', 'scheduler.conf owned by root:root', OWNERSHIP),
        auto('1.1.17', 'controller-manager.conf mode 600 or stricter'),
        auto('1.1.18', 'controller-manager.conf owned by root:root', OWNERSHIP),
        auto('1.1.19', 'PKI directory and files owned by root:root', OWNERSHIP),
        manual('1.1.20', 'PKI certificates mode 644 or stricter'),
        manual('1.1.21', 'PKI private keys mode 600'),
      ],
    },
    {
      id: '1.2',
      title: 'API server',
      recommendations: [
        manual('1.2.1', 'Anonymous authentication off'),
        auto('1.2.2', 'No static token file'),
        manual(
          '1.2.3',
          'DenyServiceExternalIPs admission plugin on',
          'manual: clusters that use Service externalIPs need them; kubeward reports the Services that set them (service-external-ips)',
        ),
        auto('1.2.4', 'Client certificate for the kubelet connection'),
        auto('1.2.5', 'Kubelet serving certificates verified against a CA'),
        auto('1.2.6', 'Authorization mode without AlwaysAllow'),
        auto('1.2.7', 'Authorization mode includes Node'),
        auto('1.2.8', 'Authorization mode includes RBAC'),
        manual('1.2.9', 'EventRateLimit admission plugin on', MANUAL_SITE),
        auto('1.2.10', 'AlwaysAdmit admission plugin off'),
        manual('1.2.11', 'AlwaysPullImages admission plugin on', MANUAL_SITE),
        auto('1.2.12', 'ServiceAccount admission plugin on'),
        auto('1.2.13', 'NamespaceLifecycle admission plugin on'),
        auto('1.2.14', 'NodeRestriction admission plugin on'),
        auto('1.2.15', 'API server profiling off'),
        auto('1.2.16', 'Audit log path set'),
        auto('1.2.17', 'Audit logs kept 30 days'),
        auto('1.2.18', 'Ten audit log backups kept'),
        auto('1.2.19', 'Audit logs rotated at 100 MB'),
        manual('1.2.20', 'Request timeout appropriate', MANUAL_SITE),
        auto('1.2.21', 'ServiceAccount token lookup on'),
        auto('1.2.22', 'ServiceAccount verification key file set'),
        auto('1.2.23', 'Client certificate for etcd'),
        auto('1.2.24', 'Serving certificate and key set'),
        auto('1.2.25', 'Client CA file set'),
        auto('1.2.26', 'etcd CA file set'),
        manual('1.2.27', 'Encryption provider configuration set'),
        manual('1.2.28', 'Encryption providers appropriate'),
        manual('1.2.29', 'Strong TLS cipher suites only'),
        auto('1.2.30', 'Projected token lifetimes not extended'),
      ],
    },
    {
      id: '1.3',
      title: 'Controller manager',
      recommendations: [
        manual('1.3.1', 'Terminated pod garbage collection threshold appropriate', MANUAL_SITE),
        auto('1.3.2', 'Controller manager profiling off'),
        auto('1.3.3', 'Controllers use their own ServiceAccount credentials'),
        auto('1.3.4', 'ServiceAccount signing key set'),
        auto('1.3.5', 'Root CA file set'),
        auto('1.3.6', 'RotateKubeletServerCertificate feature on'),
        auto('1.3.7', 'Controller manager bound to localhost'),
      ],
    },
    {
      id: '1.4',
      title: 'Scheduler',
      recommendations: [
        auto('1.4.1', 'Scheduler profiling off'),
        auto('1.4.2', 'Scheduler bound to localhost'),
      ],
    },
    {
      id: '2',
      title: 'etcd',
      recommendations: [
        auto('2.1', 'Client serving certificate and key set'),
        auto('2.2', 'Client certificate authentication on'),
        auto('2.3', 'No self-signed client certificates (auto-tls)'),
        auto('2.4', 'Peer certificate and key set'),
        auto('2.5', 'Peer certificate authentication on'),
        auto('2.6', 'No self-signed peer certificates (peer-auto-tls)'),
        manual('2.7', 'A certificate authority for etcd alone'),
      ],
    },
    {
      id: '3.1',
      title: 'Authentication and authorization',
      recommendations: [
        manual('3.1.1', 'No client certificates for users'),
        manual('3.1.2', 'No ServiceAccount tokens for users'),
        manual('3.1.3', 'No bootstrap tokens for users'),
      ],
    },
    {
      id: '3.2',
      title: 'Logging',
      recommendations: [
        manual('3.2.1', 'An audit policy exists'),
        manual('3.2.2', 'The audit policy covers key concerns'),
      ],
    },
    {
      id: '4.1',
      title: 'Worker node configuration files',
      recommendations: [
        auto(
          '4.1.1',
          'Kubelet service file mode 600 or stricter',
          NOT_READ('the kubelet systemd unit and its drop-ins'),
        ),
        auto(
          '4.1.2',
          'Kubelet service file owned by root:root',
          NOT_READ('the kubelet systemd unit and its drop-ins'),
        ),
        manual(
          '4.1.3',
          'kube-proxy kubeconfig mode 600 or stricter',
          NOT_READ(
            "kube-proxy's kubeconfig (a ConfigMap mounted into its pod, or a file outside /etc/kubernetes)",
          ),
        ),
        manual('4.1.4', 'kube-proxy kubeconfig owned by root:root', OWNERSHIP),
        auto('4.1.5', 'Kubelet kubeconfig mode 600 or stricter'),
        auto('4.1.6', 'Kubelet kubeconfig owned by root:root', OWNERSHIP),
        manual('4.1.7', 'Client CA file mode 644 or stricter'),
        manual('4.1.8', 'Client CA file owned by root:root', OWNERSHIP),
        auto('4.1.9', 'Kubelet configuration file mode 600 or stricter'),
        auto('4.1.10', 'Kubelet configuration file owned by root:root', OWNERSHIP),
      ],
    },
    {
      id: '4.2',
      title: 'Kubelet',
      recommendations: [
        auto('4.2.1', 'Kubelet anonymous authentication off'),
        auto('4.2.2', 'Kubelet authorization not AlwaysAllow'),
        auto('4.2.3', 'Kubelet client CA file set'),
        manual('4.2.4', 'Kubelet read-only port off'),
        manual(
          '4.2.5',
          'Streaming connection idle timeout not 0',
          'only the kubelet flag can disable the timeout: 0s in a KubeletConfiguration means the 4h default (kubelet v1beta1 defaulting), and kubeadm writes exactly that',
        ),
        auto('4.2.6', 'Kubelet manages its iptables chains'),
        manual('4.2.7', 'No hostname override', MANUAL_SITE),
        manual('4.2.8', 'Event record rate appropriate', MANUAL_SITE),
        manual('4.2.9', 'Kubelet serving certificate and key set'),
        auto('4.2.10', 'Kubelet client certificate rotation on'),
        manual('4.2.11', 'Kubelet serving certificate rotation on'),
        manual('4.2.12', 'Kubelet strong TLS cipher suites only'),
        manual('4.2.13', 'Pod PID limit set', MANUAL_SITE),
        manual('4.2.14', 'RuntimeDefault seccomp by default', MANUAL_SITE),
      ],
    },
    {
      id: '4.3',
      title: 'kube-proxy',
      recommendations: [auto('4.3.1', 'kube-proxy metrics bound to localhost')],
    },
    {
      id: '5.1',
      title: 'RBAC and ServiceAccounts',
      recommendations: [
        manual('5.1.1', 'cluster-admin bound only where needed'),
        manual('5.1.2', 'Little access to Secrets'),
        manual('5.1.3', 'Few wildcards in roles'),
        manual('5.1.4', 'Little access to create pods'),
        manual('5.1.5', 'Default ServiceAccounts not used'),
        manual('5.1.6', 'ServiceAccount tokens mounted only where needed'),
        manual(
          '5.1.7',
          'No use of the system:masters group',
          'manual: group membership is in client certificates and authenticator configuration, not in RBAC objects',
        ),
        manual('5.1.8', 'Little bind, impersonate and escalate'),
        manual('5.1.9', 'Little access to create PersistentVolumes'),
        manual('5.1.10', 'Little access to nodes/proxy'),
        manual('5.1.11', 'Little access to approve CertificateSigningRequests'),
        manual('5.1.12', 'Little access to webhook configurations'),
        manual('5.1.13', 'Little access to create ServiceAccount tokens'),
      ],
    },
    {
      id: '5.2',
      title: 'Pod Security Standards',
      recommendations: [
        manual('5.2.1', 'A policy control mechanism is active'),
        manual('5.2.2', 'Few privileged containers'),
        manual('5.2.3', 'Few containers sharing the host PID namespace'),
        manual('5.2.4', 'Few containers sharing the host IPC namespace'),
        manual('5.2.5', 'Few containers sharing the host network'),
        manual('5.2.6', 'Few containers allowing privilege escalation'),
        manual('5.2.7', 'Few root containers'),
        manual('5.2.8', 'Few containers with NET_RAW'),
        manual('5.2.9', 'Few containers with added capabilities'),
        manual('5.2.10', 'Few Windows HostProcess containers'),
        manual('5.2.11', 'Few hostPath volumes'),
        manual('5.2.12', 'Few host ports'),
      ],
    },
    {
      id: '5.3',
      title: 'Network policies and CNI',
      recommendations: [
        manual(
          '5.3.1',
          'The CNI enforces NetworkPolicies',
          'manual: whether the network plugin enforces NetworkPolicy is a property of the running cluster, not of its manifests',
        ),
        manual('5.3.2', 'Every namespace has NetworkPolicies'),
      ],
    },
    {
      id: '5.4',
      title: 'Secrets management',
      recommendations: [
        manual('5.4.1', 'Secrets as files rather than environment variables'),
        manual('5.4.2', 'External secret storage considered', 'manual: a design choice, not a setting'),
      ],
    },
    {
      id: '5.5',
      title: 'Extensible admission control',
      recommendations: [
        manual(
          '5.5.1',
          'Image provenance through ImagePolicyWebhook',
          'manual: image provenance can be enforced by other admission controllers; kubeward reports unpinned images (image-digest-missing) instead',
        ),
      ],
    },
    {
      id: '5.6',
      title: 'General policies',
      recommendations: [
        manual('5.6.1', 'Namespaces as administrative boundaries', 'manual: a design choice, not a setting'),
        manual('5.6.2', 'Seccomp profile set on pods'),
        manual('5.6.3', 'Security context on pods and containers'),
        manual('5.6.4', 'Default namespace not used'),
      ],
    },
  ],
};

/** Every recommendation of {@link CIS_BENCHMARK}, in benchmark order. */
export const CIS_RECOMMENDATIONS: readonly CisRecommendation[] = CIS_BENCHMARK.sections.flatMap(
  (section) => section.recommendations,
);

/** The benchmark as a framework catalogue: each recommendation a control, grouped by its section. */
export const CIS_FRAMEWORK: Framework = {
  id: 'cis',
  title: `${CIS_BENCHMARK.name} ${CIS_BENCHMARK.version}`,
  source: CIS_BENCHMARK.source,
  controls: CIS_BENCHMARK.sections.flatMap((section) =>
    section.recommendations.map(({ id, title }) => ({ id, title, group: `${section.id} ${section.title}` })),
  ),
};
