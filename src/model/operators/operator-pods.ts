import { derivation, derived } from '../derived.ts';
import type { Inventory } from '../inventory.ts';
import { namespaceOf, ofKind } from '../inventory.ts';
import type { Labels } from '../label-selector.ts';
import { labelsOf } from '../label-selector.ts';
import type { Mapping } from '../path.ts';
import { isRecord } from '../path.ts';
import type { Workload } from '../workload.ts';
import { PROMETHEUS_OPERATOR_PODS } from './prometheus-operator.ts';

/** A named container port an operator gives its pods. */
export interface OperatorPort {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** Pod spec fields an operator copies from the custom resource's spec unchanged. */
export type CopiedField = 'serviceAccountName' | 'automountServiceAccountToken' | 'hostNetwork';

/**
 * How an operator turns one kind of custom resource into pods: what a network policy or an RBAC
 * binding can see of them (labels, named ports, ServiceAccount, token and host network), nothing more.
 */
export interface OperatorPods {
  readonly apiVersion: string;
  readonly kind: string;
  /** How many sets of pods one resource makes, numbered from 0 (Prometheus shards); 1 unless given. */
  readonly replicas?: (spec: Mapping) => number;
  /** The labels the operator sets on the pods of the resource `name`, over spec.podMetadata.labels. */
  readonly selectorLabels: (name: string, replica: number) => Labels;
  /** The containers (name and named ports) of the pods. */
  readonly containers: (
    spec: Mapping,
  ) => readonly { readonly name: string; readonly ports: readonly OperatorPort[] }[];
  /** The pod spec fields copied from the resource's spec. */
  readonly copies: readonly CopiedField[];
  /** The value a copied field takes when the resource's spec has none. */
  readonly defaults: Readonly<Partial<Record<CopiedField, unknown>>>;
}

/** Every operator kind modelled, one entry per custom resource kind. */
const OPERATOR_PODS: readonly OperatorPods[] = [...PROMETHEUS_OPERATOR_PODS];

function podSpecOf(operator: OperatorPods, spec: Mapping): Mapping {
  const podSpec: Record<string, unknown> = {};
  for (const field of operator.copies) {
    const value = spec[field] ?? operator.defaults[field];
    if (value !== undefined) podSpec[field] = value;
  }
  podSpec.containers = operator.containers(spec).map(({ name, ports }) => ({ name, ports }));
  return podSpec;
}

/**
 * The pods operators create from custom resources of the inventory, as workloads whose resource is
 * the custom resource: the pod spec holds only what {@link OperatorPods} models, `specPath` is the
 * resource's `spec` (where serviceAccountName and hostNetwork are written) and `metadataPath` its
 * `spec.podMetadata`.
 */
const OPERATOR_WORKLOADS = derivation('operator workloads', (inventory): readonly Workload[] =>
  OPERATOR_PODS.flatMap((operator) =>
    ofKind(inventory, operator.kind)
      .filter((resource) => resource.apiVersion === operator.apiVersion && resource.name !== '')
      .flatMap((resource) => {
        const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
        const podMetadata = isRecord(spec.podMetadata) ? spec.podMetadata : {};
        const podSpec = podSpecOf(operator, spec);
        const replicas = operator.replicas?.(spec) ?? 1;
        return Array.from({ length: replicas }, (_, replica) => ({
          resource,
          namespace: namespaceOf(inventory, resource),
          podSpec,
          specPath: ['spec'],
          podMetadata: {
            labels: { ...labelsOf(podMetadata.labels), ...operator.selectorLabels(resource.name, replica) },
          },
          metadataPath: ['spec', 'podMetadata'],
        }));
      }),
  ),
);

/** The pods operators create from the inventory's custom resources (see {@link OperatorPods}). */
export function operatorWorkloads(inventory: Inventory): readonly Workload[] {
  return derived(inventory, OPERATOR_WORKLOADS);
}

const POD_WORKLOADS = derivation('pod workloads', (inventory): readonly Workload[] => [
  ...inventory.workloads,
  ...operatorWorkloads(inventory),
]);

/**
 * Every set of pods the network and RBAC views reason about: the inventory's workloads, then the pods
 * operators create from custom resources. Workload checks (Pod Security and the like) see only
 * `inventory.workloads`: an operator's pod spec is not written in the input.
 */
export function podWorkloads(inventory: Inventory): readonly Workload[] {
  return derived(inventory, POD_WORKLOADS);
}
