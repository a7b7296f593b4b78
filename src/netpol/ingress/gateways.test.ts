// Gateway attachment and cross-namespace references as gateway-api apis/v1 defines them:
// gateway_types.go (Listener.allowedRoutes defaults to namespaces.from Same; All; Selector; kinds),
// referencegrant_types.go (a grant in the referent's namespace; from group/kind/namespace; to
// group/kind and name, all names of the kind when unset).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../../load/load.ts';
import type { Inventory } from '../../model/inventory.ts';
import { buildInventory } from '../../model/inventory.ts';
import { attachmentsOf, referenceGranted } from './gateways.ts';
import { routesOf } from './routes.ts';

function inventory(text: string): Inventory {
  const { resources } = loadSources([{ file: 'gateways.yaml', text, format: 'yaml', named: true }]);
  return buildInventory(resources);
}

const gateway = (listeners: string): string => `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: example
  listeners: ${listeners}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {edge: "true"}}
`;

const route = (namespace: string, parent: string, kind = 'HTTPRoute'): string => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: {name: r, namespace: ${namespace}}
spec:
  parentRefs: [${parent}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`;

function refused(text: string): (string | undefined)[] {
  const inv = inventory(text);
  const [first] = routesOf(inv);
  assert.ok(first);
  return attachmentsOf(inv, first).map((attachment) => attachment.refused);
}

describe('attachmentsOf', () => {
  const parent = '{name: public, namespace: infra}';
  it('Same by default: a route of another namespace is refused, one of the Gateway namespace taken', () => {
    const listeners = '[{name: http, port: 80, protocol: HTTP}]';
    assert.deepEqual(refused(gateway(listeners) + route('shop', parent)), [
      'no listener of Gateway infra/public allows HTTPRoutes from namespace shop (allowedRoutes)',
    ]);
    assert.deepEqual(refused(gateway(listeners) + route('infra', '{name: public}')), [undefined]);
  });

  it('All takes every namespace; Selector those whose labels it matches', () => {
    const all = '[{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]';
    assert.deepEqual(refused(gateway(all) + route('lab', parent)), [undefined]);
    const selector =
      '[{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {edge: "true"}}}}}]';
    assert.deepEqual(refused(gateway(selector) + route('shop', parent)), [undefined]);
    assert.equal(refused(gateway(selector) + route('lab', parent)).length, 1);
    assert.notEqual(refused(gateway(selector) + route('lab', parent))[0], undefined);
  });

  it('kinds, when listed, must name the route kind; sectionName and port pick the listener', () => {
    const listeners =
      '[{name: grpc, port: 443, protocol: HTTPS, allowedRoutes: {namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}}, {name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]';
    assert.deepEqual(
      refused(gateway(listeners) + route('shop', '{name: public, namespace: infra, sectionName: grpc}')),
      [
        'no listener named grpc of Gateway infra/public allows HTTPRoutes from namespace shop (allowedRoutes)',
      ],
    );
    assert.deepEqual(
      refused(
        gateway(listeners) +
          route('shop', '{name: public, namespace: infra, sectionName: grpc}', 'GRPCRoute'),
      ),
      [undefined],
    );
    assert.deepEqual(
      refused(gateway(listeners) + route('shop', '{name: public, namespace: infra, port: 80}')),
      [undefined],
    );
    assert.deepEqual(
      refused(gateway(listeners) + route('shop', '{name: public, namespace: infra, sectionName: tls}')),
      ['Gateway infra/public has no listener named tls'],
    );
  });

  it('takes a route as attached to a Gateway the input lacks, and leaves out parents that are no Gateway', () => {
    assert.deepEqual(refused(route('shop', '{name: elsewhere}')), [undefined]);
    assert.deepEqual(refused(route('shop', '{name: web, kind: Service, group: ""}')), []);
  });
});

describe('referenceGranted', () => {
  const routeText = `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  rules: [{backendRefs: [{name: invoices, namespace: billing, port: 80}, {name: web, port: 80}]}]
`;
  const grant = (from: string, to: string, namespace = 'billing'): string => `
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: ${namespace}}
spec: {from: [${from}], to: [${to}]}
`;
  function granted(text: string): boolean[] {
    const inv = inventory(text);
    const [route] = routesOf(inv);
    assert.ok(route);
    return route.backends.map((backend) => referenceGranted(inv, route, backend));
  }
  const from = '{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}';

  it('needs a grant in the backend namespace for a cross-namespace backend; a local one needs none', () => {
    assert.deepEqual(granted(routeText), [false, true]);
    assert.deepEqual(granted(routeText + grant(from, '{group: "", kind: Service}')), [true, true]);
    assert.deepEqual(granted(routeText + grant(from, '{group: "", kind: Service, name: invoices}')), [
      true,
      true,
    ]);
  });

  it('refuses a grant naming another Service, another route kind or namespace, or written in another namespace', () => {
    assert.deepEqual(granted(routeText + grant(from, '{group: "", kind: Service, name: payments}')), [
      false,
      true,
    ]);
    assert.deepEqual(
      granted(
        routeText +
          grant(
            '{group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: shop}',
            '{group: "", kind: Service}',
          ),
      ),
      [false, true],
    );
    assert.deepEqual(
      granted(
        routeText +
          grant(
            '{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: lab}',
            '{group: "", kind: Service}',
          ),
      ),
      [false, true],
    );
    assert.deepEqual(granted(routeText + grant(from, '{group: "", kind: Service}', 'shop')), [false, true]);
  });
});
