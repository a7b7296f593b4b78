import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  gatewayNameLabelValue,
  gatewayPodsSpec,
  INGRESS_NGINX_CONTROLLER,
  parseControllerSpec,
} from './controller.ts';

/** The error a spec gives (the test fails when it parses). */
function errorOf(text: string): string {
  const parsed = parseControllerSpec(text);
  assert.equal(typeof parsed, 'string', text);
  return parsed as string;
}

describe('parseControllerSpec (NAMESPACE/SELECTOR in kubectl -l syntax)', () => {
  it('reads the ingress-nginx default: namespace, then labels whose keys carry a prefix with a slash', () => {
    const spec = parseControllerSpec(INGRESS_NGINX_CONTROLLER);
    assert.ok(typeof spec !== 'string');
    assert.equal(spec.namespace, 'ingress-nginx');
    assert.deepEqual(spec.labels, {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    });
  });

  it('reads set-based and inequality requirements into matchExpressions; the modelled pod keeps the equalities', () => {
    const spec = parseControllerSpec(
      'traefik/app=traefik, tier in (edge), track notin (canary,beta), !legacy, zone!=a',
    );
    assert.ok(typeof spec !== 'string');
    assert.deepEqual(spec.selector, {
      matchLabels: { app: 'traefik', tier: 'edge' },
      matchExpressions: [
        { key: 'track', operator: 'NotIn', values: ['canary', 'beta'] },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
        { key: 'zone', operator: 'NotIn', values: ['a'] },
      ],
    });
    assert.deepEqual(spec.labels, { app: 'traefik', tier: 'edge' });
  });

  it('refuses what is no NAMESPACE/SELECTOR, with the reason', () => {
    assert.match(errorOf('app=nginx'), /give NAMESPACE\/LABEL-SELECTOR/);
    assert.match(errorOf('Ingress_NS/app=x'), /"Ingress_NS" is not a namespace name/);
    assert.match(errorOf('ns/app=x,=y'), /not a label requirement/);
    assert.match(errorOf('ns/app=b@d'), /label value "b@d"/);
    assert.match(errorOf('ns/tier in ()'), /needs at least one value/);
  });

  it('refuses a selector no modelled pod can satisfy from its equalities alone', () => {
    assert.match(errorOf('ns/app in (a,b)'), /cannot be modelled/);
    assert.match(errorOf('ns/app'), /cannot be modelled/);
  });
});

describe('gateway pods (GEP-1762, gateway-api geps/gep-1762/index.md)', () => {
  it('labels them gateway.networking.k8s.io/gateway-name=NAME in the Gateway namespace', () => {
    const spec = gatewayPodsSpec('infra', 'public');
    assert.equal(spec.namespace, 'infra');
    assert.deepEqual(spec.labels, { 'gateway.networking.k8s.io/gateway-name': 'public' });
  });

  it('shortens a name over 63 characters to 20 characters, "-" and the SHA-1 of the rest (the GEP example)', () => {
    const name = 'example-very-very-very-very-very-very-very-very-very-long-gateway-name';
    assert.equal(
      gatewayNameLabelValue(name),
      'example-very-very-ve-65cb6f84bc9e50270d0a6c2f845fd98c6fe8d89f',
    );
    assert.equal(gatewayNameLabelValue('a'.repeat(63)), 'a'.repeat(63));
  });
});
