import type { Mapping } from '../path.ts';
import type { OperatorPods } from './operator-pods.ts';

/*
 * What prometheus-operator v0.93.0 puts in the pod template of the StatefulSets it creates from its
 * custom resources (github.com/prometheus-operator/prometheus-operator):
 * - selector labels: makeSelectorLabels in pkg/prometheus/server/operator.go,
 *   pkg/alertmanager/operator.go and pkg/thanos/operator.go; the label keys and the managed-by value
 *   in pkg/operator/kubernetes.go; `operator.prometheus.io/name` and `operator.prometheus.io/shard`
 *   in pkg/prometheus/common.go. They are copied over spec.podMetadata.labels, so they win.
 * - container ports: MakeContainerPorts in pkg/prometheus/common.go (the web port, 9090), the
 *   thanos-sidecar container in pkg/prometheus/server/statefulset.go (http 10902, grpc 10901, with
 *   spec.thanos), the config reloader in pkg/operator/config_reloader.go (reloader-web 8080), the
 *   Alertmanager ports in pkg/alertmanager/statefulset.go (web 9093, mesh-tcp and mesh-udp 9094) and
 *   the Thanos Ruler ports in pkg/thanos/statefulset.go (grpc 10901, web 10902). spec.portName
 *   (default `web`) names the web port; spec.listenLocal drops the web and reloader ports.
 * - pod spec: spec.serviceAccountName and spec.hostNetwork are copied (Thanos Ruler has no
 *   hostNetwork); a Prometheus pod always sets automountServiceAccountToken (spec's, default true),
 *   an Alertmanager pod copies spec.automountServiceAccountToken, a Thanos Ruler pod sets none.
 * Left out: the `app.kubernetes.io/version` label (the operator's default version of the image) and
 * ports of containers merged in from spec.containers.
 */

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'prometheus-operator' } as const;

/** spec.portName, `web` unless set. */
function webPortName(spec: Mapping): string {
  return typeof spec.portName === 'string' && spec.portName !== '' ? spec.portName : 'web';
}

const listensLocally = (spec: Mapping): boolean => spec.listenLocal === true;

const RELOADER = { name: 'config-reloader', ports: [{ name: 'reloader-web', containerPort: 8080 }] };

/** Prometheus shards: spec.shards (default 1), each a StatefulSet labelled with its shard number. */
function shardsOf(spec: Mapping): number {
  const shards = spec.shards;
  return typeof shards === 'number' && Number.isInteger(shards) && shards > 1 ? shards : 1;
}

/** The pods of prometheus-operator's custom resources (monitoring.coreos.com/v1). */
export const PROMETHEUS_OPERATOR_PODS: readonly OperatorPods[] = [
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    replicas: shardsOf,
    selectorLabels: (name, shard) => ({
      ...MANAGED_BY,
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': name,
      'operator.prometheus.io/name': name,
      prometheus: name,
      'operator.prometheus.io/shard': String(shard),
    }),
    containers: (spec) => [
      {
        name: 'prometheus',
        ports: listensLocally(spec) ? [] : [{ name: webPortName(spec), containerPort: 9090 }],
      },
      ...(listensLocally(spec) ? [] : [RELOADER]),
      ...(spec.thanos === undefined || spec.thanos === null
        ? []
        : [
            {
              name: 'thanos-sidecar',
              ports: [
                { name: 'http', containerPort: 10902 },
                { name: 'grpc', containerPort: 10901 },
              ],
            },
          ]),
    ],
    copies: ['serviceAccountName', 'automountServiceAccountToken', 'hostNetwork'],
    defaults: { automountServiceAccountToken: true },
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Alertmanager',
    selectorLabels: (name) => ({
      ...MANAGED_BY,
      'app.kubernetes.io/name': 'alertmanager',
      'app.kubernetes.io/instance': name,
      alertmanager: name,
    }),
    containers: (spec) => [
      {
        name: 'alertmanager',
        ports: [
          ...(listensLocally(spec) ? [] : [{ name: webPortName(spec), containerPort: 9093 }]),
          { name: 'mesh-tcp', containerPort: 9094, protocol: 'TCP' },
          { name: 'mesh-udp', containerPort: 9094, protocol: 'UDP' },
        ],
      },
      ...(listensLocally(spec) ? [] : [RELOADER]),
    ],
    copies: ['serviceAccountName', 'automountServiceAccountToken', 'hostNetwork'],
    defaults: {},
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ThanosRuler',
    selectorLabels: (name) => ({
      ...MANAGED_BY,
      'app.kubernetes.io/name': 'thanos-ruler',
      'app.kubernetes.io/instance': name,
      'thanos-ruler': name,
    }),
    containers: (spec) => [
      {
        name: 'thanos-ruler',
        ports: [
          { name: 'grpc', containerPort: 10901 },
          ...(listensLocally(spec) ? [] : [{ name: webPortName(spec), containerPort: 10902 }]),
        ],
      },
    ],
    copies: ['serviceAccountName'],
    defaults: {},
  },
];
