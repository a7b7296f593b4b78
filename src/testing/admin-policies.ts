import assert from 'node:assert/strict';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Endpoint, HostNetworkMode, NetpolModel } from '../netpol/engine.ts';
import { allowedPorts, buildNetpolModel } from '../netpol/engine.ts';
import type { Explanation } from '../netpol/explain.ts';
import { explainConnection } from '../netpol/explain.ts';
import { reachabilityMatrix } from '../netpol/matrix.ts';
import type { PortSet } from '../netpol/ports.ts';
import { formatPorts, hasPort } from '../netpol/ports.ts';
import { addressEndpoint, findWorkloads, workloadEndpoint } from '../netpol/query.ts';

/** The namespaces of the network-policy-api conformance tests, one server pod each. */
export const HOUSES = ['gryffindor', 'slytherin', 'ravenclaw', 'hufflepuff'];

/** An AdminNetworkPolicy (v1alpha1) of `priority` with `spec` (its indented lines), as a document. */
export const anp = (name: string, priority: number, spec: string): string =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n  priority: ${priority}\n${spec}---\n`;
/** A BaselineAdminNetworkPolicy (v1alpha1) with `spec`, as a document. */
export const banp = (spec: string, name = 'default'): string =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n${spec}---\n`;
/** The selector of one conformance house. */
export const house = (name: string): string => `{matchLabels: {conformance-house: ${name}}}`;
/** A `subject` line selecting the namespace of one house. */
export const subjectHouse = (name: string): string => `  subject: {namespaces: ${house(name)}}\n`;
/** One rule in `spec.<direction>`; `ports` is a `protocols` (v1alpha2) or `ports` (v1alpha1) line. */
export const rule = (
  direction: 'ingress' | 'egress',
  name: string,
  action: string,
  peer: string,
  ports = '',
): string =>
  `  ${direction}:\n  - name: ${name}\n    action: ${action}\n    ${direction === 'ingress' ? 'from' : 'to'}: [${peer}]\n${ports === '' ? '' : `    ${ports}\n`}`;

/**
 * The conformance "houses" as our own fixture: namespaces labelled conformance-house, one server pod
 * each with ports 80 "web", 8080, 53/UDP "dns", 5353/UDP and 9003/SCTP.
 */
export function houses(): string {
  return HOUSES.map(
    (house) => `apiVersion: v1
kind: Namespace
metadata: {name: ${house}, labels: {conformance-house: ${house}}}
---
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: ${house}, labels: {conformance-house: ${house}}}
spec:
  containers:
  - name: c
    image: i
    ports:
    - {name: web, containerPort: 80}
    - {containerPort: 8080}
    - {name: dns, containerPort: 53, protocol: UDP}
    - {containerPort: 5353, protocol: UDP}
    - {containerPort: 9003, protocol: SCTP}
---
`,
  ).join('');
}

/** The inventory of one YAML text read as cluster.yaml. */
export function inventoryOf(text: string): ReturnType<typeof buildInventory> {
  const { resources } = loadSources([{ file: 'cluster.yaml', text, format: 'yaml', named: true }]);
  return buildInventory(resources);
}

/** The netpol model of a YAML text, after checking the matrix agrees with pairwise answers. */
export function model(text: string, hostNetwork: HostNetworkMode = 'ignore'): NetpolModel {
  const netpol = buildNetpolModel(inventoryOf(text), { ipBlockMatchesPods: false, hostNetwork });
  assertMatrixAgrees(netpol);
  return netpol;
}

/** The matrix's fast path must give the pairwise answer for every pair and address atom. */
function assertMatrixAgrees(netpol: NetpolModel): void {
  const matrix = reachabilityMatrix(netpol);
  const classes = netpol.pods.classes;
  const n = classes.length;
  const text = (id: number): string => formatPorts(matrix.portSets[id] as PortSet);
  for (const source of classes)
    for (const destination of classes)
      assert.equal(
        text(matrix.classToClass[source.index * n + destination.index] ?? 0),
        formatPorts(
          allowedPorts(netpol, { type: 'pods', podClass: source }, { type: 'pods', podClass: destination }),
        ),
        `matrix ${source.namespace} → ${destination.namespace}`,
      );
  netpol.atoms.forEach((range, a) => {
    for (const podClass of classes) {
      const pods: Endpoint = { type: 'pods', podClass };
      const atom: Endpoint = { type: 'ip', range };
      assert.equal(
        text(matrix.atomToClass[a * n + podClass.index] ?? 0),
        formatPorts(allowedPorts(netpol, atom, pods)),
      );
      assert.equal(
        text(matrix.classToAtom[podClass.index * netpol.atoms.length + a] ?? 0),
        formatPorts(allowedPorts(netpol, pods, atom)),
      );
    }
  });
}

/** A workload (`ns/name`) or an address of the model, as an endpoint. */
export function end(netpol: NetpolModel, reference: string): Endpoint {
  const address = addressEndpoint(reference);
  if (address) return address;
  const [workload] = findWorkloads(netpol, reference);
  assert.ok(workload, reference);
  const endpoint = workloadEndpoint(netpol, workload);
  assert.ok(endpoint);
  return endpoint;
}

/** Whether the model allows `from` to reach `to` on one port. */
export function allowed(
  netpol: NetpolModel,
  from: string,
  to: string,
  protocol: 'TCP' | 'UDP' | 'SCTP',
  port: number,
): boolean {
  return hasPort(allowedPorts(netpol, end(netpol, from), end(netpol, to)), protocol, port);
}

/** The engine's explanation of `from` → `to` (workloads or addresses of the model), on one TCP port or on any. */
export function explain(netpol: NetpolModel, from: string, to: string, port?: number): Explanation {
  return explainConnection(
    netpol,
    end(netpol, from),
    end(netpol, to),
    port === undefined ? undefined : { protocol: 'TCP', port },
  );
}
