// Mesh checks apply only to inputs with something of a mesh: without one, the scorecard must say the
// mesh theme was not checked rather than passed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../config/parse-config.ts';
import { loadSources } from '../../load/load.ts';
import { buildInventory } from '../../model/inventory.ts';
import { scanLoaded } from '../../scan/scan.ts';
import { TEST_NOW } from '../../testing/clock.ts';
import { CHECKS } from '../registry.ts';
import { meshInInput } from './istio.ts';

const DEPLOYMENT = (podAnnotations: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations: {${podAnnotations}}
    spec:
      containers: [{name: web, image: registry.example.com/web:1.0}]
`;

const load = (text: string) => loadSources([{ file: 'in.yaml', text, format: 'yaml', named: true }]);

describe('meshInInput', () => {
  const cases: readonly (readonly [string, string, boolean])[] = [
    ['a plain Deployment', DEPLOYMENT('team: shop'), false],
    [
      'a pod template annotation of Istio',
      DEPLOYMENT('traffic.sidecar.istio.io/excludeOutboundPorts: "5432"'),
      true,
    ],
    ['a pod template annotation of Linkerd', DEPLOYMENT('config.linkerd.io/skip-inbound-ports: "25"'), true],
    [
      'a namespace label',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}\n',
      true,
    ],
    [
      'an Istio object',
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}\n',
      true,
    ],
    [
      'a Linkerd object',
      'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: web, namespace: shop}\nspec: {port: http}\n',
      true,
    ],
  ];
  for (const [name, text, expected] of cases)
    it(`${expected ? 'finds' : 'finds no'} mesh in ${name}`, () => {
      assert.equal(meshInInput(buildInventory(load(text).resources, {})), expected);
    });
});

describe('mesh theme on the scorecard', () => {
  const run = parseConfig('<defaults>', '', CHECKS).run;
  const meshTheme = (text: string) => {
    const { report } = scanLoaded(load(text), { checks: CHECKS, run, now: TEST_NOW });
    const theme = report.summary.themes.find(({ id }) => id === 'mesh');
    assert.ok(theme);
    return theme;
  };

  it('is not checked on manifests without a mesh', () => {
    assert.equal(meshTheme(DEPLOYMENT('team: shop')).checks, 0);
  });

  it('is checked, and finds the bypass, when the input uses a mesh', () => {
    const theme = meshTheme(DEPLOYMENT('traffic.sidecar.istio.io/excludeOutboundPorts: "5432"'));
    assert.equal(theme.checks, CHECKS.filter((check) => check.theme === 'mesh').length);
    assert.equal(theme.findings, 1);
  });
});
