// Route → Service → port → workloads, and whether policy lets the controller in. Service semantics
// from kubernetes/api core/v1 types.go (ServiceSpec.selector: without one, endpoints are managed
// outside; ServicePort.targetPort: a number, or a name looked up in each pod's container ports, or
// absent: the port), the controller defaults from kubernetes/ingress-nginx deploy.yaml and GEP-1762.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../../load/load.ts';
import type { Inventory } from '../../model/inventory.ts';
import { buildInventory } from '../../model/inventory.ts';
import { DEFAULT_NETPOL_OPTIONS } from '../engine.ts';
import type { RouteAnalysis } from './analysis.ts';
import { analyzeRoutes } from './analysis.ts';
import type { ControllerSpec } from './controller.ts';
import { INGRESS_NGINX_CONTROLLER, parseControllerSpec } from './controller.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'testdata', 'netpol', 'ingress');

function inventory(text: string, file = 'cluster.yaml'): Inventory {
  const { resources } = loadSources([{ file, text, format: 'yaml', named: true }]);
  return buildInventory(resources);
}

function spec(text: string): ControllerSpec {
  const parsed = parseControllerSpec(text);
  assert.ok(typeof parsed !== 'string', parsed as string);
  return parsed;
}

function analyze(inv: Inventory, gatewayController?: string): RouteAnalysis {
  return analyzeRoutes(inv, DEFAULT_NETPOL_OPTIONS, {
    ingressController: spec(INGRESS_NGINX_CONTROLLER),
    gatewayController: gatewayController === undefined ? undefined : spec(gatewayController),
  });
}

/** `serves -> verdict: workload port allowed|blocked ...` per row. */
function summary(analysis: RouteAnalysis): string[] {
  return analysis.rows.map(
    (row) =>
      `${row.backend.serves} from ${row.peer?.name ?? '-'}: ${row.verdict}${row.destinations
        .map((d) => ` ${d.workloads.join('+')}:${String(d.port)}=${String(d.allowed)}`)
        .join('')}`,
  );
}

function fixture(name: string): Inventory {
  return inventory(readFileSync(join(FIXTURES, name), 'utf8'), `testdata/netpol/ingress/${name}`);
}

const web = (
  namespace: string,
  name: string,
  labels: string,
  ports = '[{name: http, containerPort: 8080}]',
): string => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: c, image: i, ports: ${ports}}]}
`;

const service = (namespace: string, name: string, selector: string, ports: string): string => `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec: {selector: ${selector}, ports: ${ports}}
`;

const ingress = (namespace: string, service: string, port: string): string => `
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: r, namespace: ${namespace}}
spec: {defaultBackend: {service: {name: ${service}, port: ${port}}}}
`;

describe('routeReachability', () => {
  it('testdata/netpol/ingress/shop-ingress.yaml: port by name and number, default deny, ExternalName and selector-less Services', () => {
    const analysis = analyze(fixture('shop-ingress.yaml'));
    assert.deepEqual(
      analysis.peers.map((peer) => [peer.name, peer.modelled, peer.spec.namespace]),
      [['{ingress-controller}', true, 'ingress-nginx']],
    );
    assert.deepEqual(summary(analysis), [
      '(default backend) from {ingress-controller}: not evaluated',
      'shop.example.com/ from {ingress-controller}: allowed deployment/shop/web:8080=true',
      'shop.example.com/api from {ingress-controller}: blocked deployment/shop/api:9090=false',
      'shop.example.com/docs from {ingress-controller}: not evaluated',
    ]);
    const [legacy, allowed, blocked, docs] = analysis.rows;
    assert.match(legacy?.detail ?? '', /has no selector: its endpoints are managed outside/);
    assert.match(docs?.detail ?? '', /is an ExternalName Service/);
    assert.equal(
      allowed?.destinations[0]?.reason,
      'allowed by NetworkPolicy shop/allow-ingress-nginx spec.ingress[0] at testdata/netpol/ingress/shop-ingress.yaml:102:7',
    );
    assert.equal(
      blocked?.destinations[0]?.reason,
      'denied: isolated by NetworkPolicy shop/default-deny (testdata/netpol/ingress/shop-ingress.yaml:90:3) and no rule admits it',
    );
    assert.equal(
      blocked?.destinations[0]?.blockedBy,
      'NetworkPolicy shop/default-deny isolates them for ingress and no rule admits it',
    );
  });

  it('testdata/netpol/ingress/gateway-routes.yaml: GEP-1762 pods per Gateway, ReferenceGrants, allowedRoutes', () => {
    const analysis = analyze(fixture('gateway-routes.yaml'));
    assert.deepEqual(
      analysis.peers.map((peer) => [peer.name, peer.spec.text]),
      [['{gateway infra/public}', 'infra/gateway.networking.k8s.io/gateway-name=public']],
    );
    assert.deepEqual(summary(analysis), [
      'shop.example.com rules[0] from {gateway infra/public}: allowed pod/shop/storefront:8080=true',
      'shop.example.com rules[1] from {gateway infra/public}: allowed pod/billing/invoices:8080=true',
      'shop.example.com rules[2] from {gateway infra/public}: no traffic',
      'rules[0] from -: no traffic',
    ]);
    assert.deepEqual(
      analysis.rows.map((row) => row.problem),
      [undefined, undefined, 'not-granted', 'detached'],
    );
  });

  it('one --gateway-controller for every Gateway: the billing rule no longer admits it', () => {
    const analysis = analyze(
      fixture('gateway-routes.yaml'),
      'envoy-gateway-system/app.kubernetes.io/name=envoy',
    );
    assert.deepEqual(
      analysis.peers.map((peer) => peer.name),
      ['{gateway-controller}'],
    );
    assert.deepEqual(summary(analysis).slice(0, 2), [
      'shop.example.com rules[0] from {gateway-controller}: allowed pod/shop/storefront:8080=true',
      'shop.example.com rules[1] from {gateway-controller}: blocked pod/billing/invoices:8080=false',
    ]);
  });

  it('uses the controller pods of the input when the selector finds them, and their egress policies', () => {
    const text =
      web(
        'ingress-nginx',
        'ingress-nginx-controller',
        '{app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}',
      ) +
      web('shop', 'web', '{app: web}') +
      service('shop', 'web', '{app: web}', '[{port: 80, targetPort: http}]') +
      ingress('shop', 'web', '{number: 80}');
    const open = analyze(inventory(text));
    assert.deepEqual(
      open.peers.map((peer) => [peer.name, peer.modelled]),
      [['deployment/ingress-nginx/ingress-nginx-controller', false]],
    );
    assert.deepEqual(summary(open), [
      '(default backend) from deployment/ingress-nginx/ingress-nginx-controller: allowed deployment/shop/web:8080=true',
    ]);
    const closed = analyze(
      inventory(`${text}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-egress, namespace: ingress-nginx}
spec: {podSelector: {}, policyTypes: [Egress]}
`),
    );
    assert.deepEqual(summary(closed), [
      '(default backend) from deployment/ingress-nginx/ingress-nginx-controller: blocked deployment/shop/web:8080=false',
    ]);
    assert.equal(
      closed.rows[0]?.destinations[0]?.blockedBy,
      "on the controller's side, NetworkPolicy ingress-nginx/no-egress isolates them for egress and no rule admits it",
    );
  });

  it('resolves a named targetPort per pod group, and a pod group without that name is no endpoint', () => {
    const text =
      web('shop', 'web-v1', '{app: web, v: "1"}', '[{name: http, containerPort: 8080}]') +
      web('shop', 'web-v2', '{app: web, v: "2"}', '[{name: http, containerPort: 9080}]') +
      web('shop', 'web-v3', '{app: web, v: "3"}', '[{name: web, containerPort: 80}]') +
      service('shop', 'web', '{app: web}', '[{port: 80, targetPort: http}]') +
      ingress('shop', 'web', '{number: 80}');
    assert.deepEqual(summary(analyze(inventory(text))), [
      '(default backend) from {ingress-controller}: allowed deployment/shop/web-v1:8080=true deployment/shop/web-v2:9080=true deployment/shop/web-v3:undefined=undefined',
    ]);
    const none =
      web('shop', 'web', '{app: web}', '[{name: web, containerPort: 80}]') +
      service('shop', 'web', '{app: web}', '[{port: 80, targetPort: http}]') +
      ingress('shop', 'web', '{number: 80}');
    const [row] = analyze(inventory(none)).rows;
    assert.equal(row?.problem, 'target-port-undefined');
    assert.equal(
      row?.detail,
      'Service shop/web port 80 targets container port "http", which no pod it selects declares',
    );
  });

  it('blocks some pod groups and not others: partly blocked', () => {
    const text =
      web('shop', 'a', '{app: web, v: a}') +
      web('shop', 'b', '{app: web, v: b}') +
      service('shop', 'web', '{app: web}', '[{port: 80, targetPort: 8080}]') +
      ingress('shop', 'web', '{number: 80}') +
      `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-closed, namespace: shop}
spec: {podSelector: {matchLabels: {v: b}}, policyTypes: [Ingress]}
`;
    assert.deepEqual(summary(analyze(inventory(text))), [
      '(default backend) from {ingress-controller}: partly blocked deployment/shop/a:8080=true deployment/shop/b:8080=false',
    ]);
  });

  it('a Service with no such TCP port, a UDP-only port, and a Service the input lacks', () => {
    const text =
      web('shop', 'dns', '{app: dns}') +
      service('shop', 'dns', '{app: dns}', '[{name: dns, port: 53, protocol: UDP}]') +
      ingress('shop', 'dns', '{number: 53}') +
      ingress('lab', 'missing', '{number: 80}').replace('name: r,', 'name: r2,');
    const rows = analyze(inventory(text)).rows;
    assert.deepEqual(
      rows.map((row) => [row.verdict, row.problem, row.detail]),
      [
        ['no traffic', 'port-missing', 'Service shop/dns has no TCP port 53 (it exposes 53/UDP (dns))'],
        ['not evaluated', 'not-evaluated', 'Service lab/missing is not in the input'],
      ],
    );
  });

  it('leaves to its own controller an Ingress whose IngressClass another controller serves (default controller only)', () => {
    const text =
      web('shop', 'web', '{app: web}') +
      service('shop', 'web', '{app: web}', '[{port: 80, targetPort: 8080}]') +
      ingress('shop', 'web', '{number: 80}').replace('spec: {', 'spec: {ingressClassName: traefik, ') +
      `
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
`;
    const [row] = analyze(inventory(text)).rows;
    assert.equal(row?.verdict, 'not evaluated');
    assert.equal(
      row?.detail,
      'IngressClass traefik is served by traefik.io/ingress-controller, not ingress-nginx: give its pods with --ingress-controller (setting netpolIngressController)',
    );
    const given = analyzeRoutes(inventory(text), DEFAULT_NETPOL_OPTIONS, {
      ingressController: spec('traefik/app.kubernetes.io/name=traefik'),
      gatewayController: undefined,
    });
    assert.equal(given.rows[0]?.verdict, 'allowed');
    const nginx = text.replace('traefik.io/ingress-controller', 'k8s.io/ingress-nginx');
    assert.equal(analyze(inventory(nginx)).rows[0]?.verdict, 'allowed');
  });

  it("a hostNetwork DaemonSet controller comes from every pod's own node: ingress isolation does not block it", () => {
    const text =
      `
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
  template:
    metadata: {labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
    spec: {hostNetwork: true, containers: [{name: c, image: i}]}
` +
      web('shop', 'web', '{app: web}') +
      service('shop', 'web', '{app: web}', '[{port: 80, targetPort: 8080}]') +
      ingress('shop', 'web', '{number: 80}') +
      `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;
    const [row] = analyze(inventory(text)).rows;
    assert.equal(row?.verdict, 'allowed');
    assert.match(
      row?.destinations[0]?.reason ?? '',
      /^node-local: a hostNetwork DaemonSet runs on every node/,
    );
  });
});
