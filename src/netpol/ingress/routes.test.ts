// Route backends as the upstream types define them: kubernetes/api networking/v1/types.go
// (IngressSpec.defaultBackend, IngressBackend.service|resource, ServiceBackendPort name|number) and
// gateway-api apis/v1 (httproute_types.go, grpcroute_types.go, object_reference_types.go
// BackendObjectReference: group "" and kind Service by default, namespace the route's; shared_types.go
// ParentReference: group gateway.networking.k8s.io and kind Gateway by default).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../../load/load.ts';
import type { Inventory } from '../../model/inventory.ts';
import { buildInventory } from '../../model/inventory.ts';
import { routesOf } from './routes.ts';

function inventory(text: string): Inventory {
  const { resources } = loadSources([{ file: 'routes.yaml', text, format: 'yaml', named: true }]);
  return buildInventory(resources);
}

describe('routesOf', () => {
  it('reads an Ingress: default backend, rules by host and path, port by number or name, resource backends', () => {
    const [route] = routesOf(
      inventory(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 8080}}}
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
    - http:
        paths:
          - path: /static
            pathType: Prefix
            backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: assets}}
`),
    );
    assert.ok(route);
    assert.equal(route.label, 'ingress/shop/shop');
    assert.deepEqual(
      route.backends.map((b) => [b.serves, b.group, b.kind, b.namespace, b.name, b.port, b.path.join('.')]),
      [
        [
          '(default backend)',
          '',
          'Service',
          'shop',
          'fallback',
          { type: 'number', number: 8080 },
          'spec.defaultBackend',
        ],
        [
          'shop.example.com/',
          '',
          'Service',
          'shop',
          'web',
          { type: 'name', name: 'http' },
          'spec.rules.0.http.paths.0.backend',
        ],
        [
          '*/static',
          'k8s.example.com',
          'StorageBucket',
          'shop',
          'assets',
          { type: 'none' },
          'spec.rules.1.http.paths.0.backend',
        ],
      ],
    );
  });

  it('reads the removed extensions/v1beta1 backend (serviceName, servicePort as number or name)', () => {
    const [route] = routesOf(
      inventory(`
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old}
spec:
  backend: {serviceName: web, servicePort: http}
  rules:
    - http: {paths: [{path: /, backend: {serviceName: api, servicePort: 8080}}]}
`),
    );
    assert.deepEqual(
      route?.backends.map((b) => [b.namespace, b.name, b.port]),
      [
        ['default', 'web', { type: 'name', name: 'http' }],
        ['default', 'api', { type: 'number', number: 8080 }],
      ],
    );
  });

  it('reads an HTTPRoute: backendRef defaults, cross-namespace refs, request mirrors, parentRef defaults', () => {
    const [route] = routesOf(
      inventory(`
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  parentRefs:
    - {name: public, namespace: infra, sectionName: https}
    - {name: mesh-svc, kind: Service, group: ""}
  hostnames: [shop.example.com]
  rules:
    - backendRefs:
        - {name: web, port: 80}
        - {name: invoices, namespace: billing, port: 8080, kind: Service}
      filters:
        - type: RequestMirror
          requestMirror: {backendRef: {name: shadow, port: 80}}
`),
    );
    assert.ok(route);
    assert.deepEqual(
      route.backends.map((b) => [b.serves, b.kind, b.namespace, b.name, b.port, b.path.join('.')]),
      [
        [
          'shop.example.com rules[0]',
          'Service',
          'shop',
          'web',
          { type: 'number', number: 80 },
          'spec.rules.0.backendRefs.0',
        ],
        [
          'shop.example.com rules[0]',
          'Service',
          'billing',
          'invoices',
          { type: 'number', number: 8080 },
          'spec.rules.0.backendRefs.1',
        ],
        [
          'shop.example.com rules[0] (mirror)',
          'Service',
          'shop',
          'shadow',
          { type: 'number', number: 80 },
          'spec.rules.0.filters.0.requestMirror.backendRef',
        ],
      ],
    );
    assert.deepEqual(
      route.parents.map((p) => [p.group, p.kind, p.namespace, p.name, p.sectionName]),
      [
        ['gateway.networking.k8s.io', 'Gateway', 'infra', 'public', 'https'],
        ['', 'Service', 'shop', 'mesh-svc', undefined],
      ],
    );
  });

  it('reads a GRPCRoute, and leaves out kinds of other API groups', () => {
    const routes = routesOf(
      inventory(`
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: api, namespace: apps}
spec:
  parentRefs: [{name: public}]
  rules: [{backendRefs: [{name: api, port: 9090}]}]
---
apiVersion: example.com/v1
kind: HTTPRoute
metadata: {name: other}
spec: {rules: [{backendRefs: [{name: x, port: 1}]}]}
`),
    );
    assert.deepEqual(
      routes.map((r) => [r.label, r.backends.length, r.parents[0]?.namespace]),
      [['grpcroute/apps/api', 1, 'apps']],
    );
  });
});
