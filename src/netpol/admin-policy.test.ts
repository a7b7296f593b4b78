// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), as
// kubernetes-sigs/network-policy-api defines them at tag v0.1.8: apis/v1alpha1/adminnetworkpolicy_types.go,
// baselineadminnetworkpolicy_types.go and shared_types.go (field docs), and the conformance tests in
// conformance/tests/*.go with their manifests in conformance/base/. The fixtures below are our own,
// shaped like the conformance "houses" (namespaces labelled conformance-house, one server pod each
// with ports 80 "web", 8080, 53/UDP "dns", 5353/UDP and 9003/SCTP).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowed,
  anp,
  banp,
  end,
  explain,
  house,
  houses,
  inventoryOf,
  model,
  rule,
  subjectHouse,
} from '../testing/admin-policies.ts';
import { adminPoliciesOf } from './admin-policy.ts';
import { allowedPorts } from './engine.ts';
import { formatPorts } from './ports.ts';

// conformance/base/api_integration/standard-anp-np-banp.yaml, modelled: an ANP on gryffindor whose
// rules against slytherin the tests switch from Deny to Pass, a NetworkPolicy in gryffindor allowing
// slytherin, and the BANP denying slytherin.
const integration = (action: string, withNetworkPolicy: boolean): string =>
  houses() +
  anp(
    'pass-example',
    10,
    subjectHouse('gryffindor') +
      rule('ingress', 'from-slytherin', action, `{namespaces: ${house('slytherin')}}`) +
      rule('egress', 'to-slytherin', action, `{namespaces: ${house('slytherin')}}`).replace(
        '  egress:',
        '  egress:',
      ),
  ) +
  (withNetworkPolicy
    ? `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-slytherin, namespace: gryffindor}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{namespaceSelector: ${house('slytherin')}}]}]
  egress: [{to: [{namespaceSelector: ${house('slytherin')}}]}]
---
`
    : '') +
  banp(
    subjectHouse('gryffindor') +
      rule('ingress', 'deny-from-slytherin', 'Deny', `{namespaces: ${house('slytherin')}}`) +
      rule('egress', 'deny-to-slytherin', 'Deny', `{namespaces: ${house('slytherin')}}`),
  );

describe('AdminNetworkPolicy tiers', () => {
  it('Deny in an ANP is final, whatever the NetworkPolicies allow (admin-network-policy-standard-integration.go)', () => {
    const netpol = model(integration('Deny', true));
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 8080), false);
    assert.equal(allowed(netpol, 'gryffindor/server', 'slytherin/server', 'TCP', 80), false);
    assert.equal(
      allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80),
      false,
      'NP isolates gryffindor',
    );
  });

  it('Pass hands over to the NetworkPolicy that selects the pod, which allows (same test, pass-ingress/pass-egress)', () => {
    const netpol = model(integration('Pass', true));
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'gryffindor/server', 'slytherin/server', 'TCP', 8080), true);
  });

  it('Pass with no NetworkPolicy selecting the pod falls to the BANP, which denies (same test, "respect the match for baseline")', () => {
    const netpol = model(integration('Pass', false));
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'gryffindor/server', 'slytherin/server', 'TCP', 80), false);
    assert.equal(
      allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80),
      true,
      'no rule: default allow',
    );
  });

  it('Allow in an ANP is final: a NetworkPolicy cannot take it back', () => {
    const netpol = model(
      houses() +
        anp(
          'allow',
          5,
          subjectHouse('gryffindor') +
            rule('ingress', 'all-ravenclaw', 'Allow', `{namespaces: ${house('ravenclaw')}}`),
        ) +
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: gryffindor}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n',
    );
    assert.equal(allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
  });

  it('lower priority numbers go first: a Pass at 40 wins over a Deny at 50 (admin-network-policy-standard-priority.go)', () => {
    const fixture = (passPriority: number): string =>
      houses() +
      anp(
        'priority-50',
        50,
        subjectHouse('gryffindor') +
          rule(
            'ingress',
            'deny-slytherin',
            'Deny',
            `{pods: {namespaceSelector: ${house('slytherin')}, podSelector: ${house('slytherin')}}}`,
          ),
      ) +
      anp(
        'pass',
        passPriority,
        subjectHouse('gryffindor') +
          rule(
            'ingress',
            'pass-slytherin',
            'Pass',
            `{pods: {namespaceSelector: ${house('slytherin')}, podSelector: ${house('slytherin')}}}`,
          ),
      ) +
      banp(
        subjectHouse('gryffindor') +
          rule('ingress', 'allow-slytherin', 'Allow', `{namespaces: ${house('slytherin')}}`),
      );
    assert.equal(allowed(model(fixture(60)), 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    const passFirst = model(fixture(40));
    assert.equal(allowed(passFirst, 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
    const explanation = explain(passFirst, 'slytherin/server', 'gryffindor/server', 80);
    assert.equal(
      explanation.ingress.decidedBy,
      'BaselineAdminNetworkPolicy default rule allow-slytherin: Allow',
    );
    assert.deepEqual(
      explanation.ingress.adminRules.map((reason) => `${reason.policy}/${reason.rule}:${reason.action}`),
      ['pass/pass-slytherin:Pass'],
    );
  });

  it('two ANPs of one priority: warned, and evaluated by name (the spec leaves the order undefined)', () => {
    const text =
      houses() +
      anp(
        'b-allow',
        7,
        subjectHouse('gryffindor') + rule('ingress', 'allow', 'Allow', `{namespaces: ${house('slytherin')}}`),
      ) +
      anp(
        'a-deny',
        7,
        subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', `{namespaces: ${house('slytherin')}}`),
      );
    const policies = adminPoliciesOf(inventoryOf(text));
    assert.deepEqual(
      policies.problems.map((problem) => problem.message),
      [
        'AdminNetworkPolicy b-allow has priority 7 like a-deny: the API leaves the order undefined; kubeward evaluates a-deny first (by name)',
      ],
    );
    const netpol = model(text);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    const distinct = adminPoliciesOf(inventoryOf(text.replace('priority: 7\n', 'priority: 6\n')));
    assert.deepEqual(distinct.problems, []);
  });

  it('rules within an ANP go in order, port by port (admin-network-policy-standard-gress-rules.go)', () => {
    const netpol = model(
      houses() +
        anp(
          'gress-rules',
          15,
          '  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: gryffindor}}}\n' +
            `  egress:
  - {name: allow-ravenclaw, action: Allow, to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: ravenclaw}}}]}
  - {name: deny-ravenclaw, action: Deny, to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: ravenclaw}}}]}
  - name: allow-hufflepuff-some
    action: Allow
    to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: hufflepuff}}}]
    ports: [{portNumber: {protocol: TCP, port: 8080}}, {portNumber: {protocol: UDP, port: 5353}}, {portNumber: {protocol: SCTP, port: 9003}}]
  - {name: deny-hufflepuff-rest, action: Deny, to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: hufflepuff}}}]}
`,
        ),
    );
    assert.equal(allowed(netpol, 'gryffindor/server', 'ravenclaw/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'gryffindor/server', 'hufflepuff/server', 'TCP', 8080), true);
    assert.equal(allowed(netpol, 'gryffindor/server', 'hufflepuff/server', 'UDP', 5353), true);
    assert.equal(allowed(netpol, 'gryffindor/server', 'hufflepuff/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'gryffindor/server', 'hufflepuff/server', 'UDP', 53), false);
    assert.equal(
      formatPorts(allowedPorts(netpol, end(netpol, 'gryffindor/server'), end(netpol, 'hufflepuff/server'))),
      'TCP:8080 UDP:5353 SCTP:9003',
    );
  });

  it('portRange and namedPort: a named port resolves on the destination, in any protocol (admin-network-policy-experimental-ingress-rules.go)', () => {
    const netpol = model(
      houses() +
        anp(
          'ports',
          3,
          subjectHouse('gryffindor') +
            `  ingress:
  - name: deny-web
    action: Deny
    from: [{namespaces: ${house('slytherin')}}]
    ports: [{namedPort: web}, {namedPort: dns}]
  - name: deny-range
    action: Deny
    from: [{namespaces: ${house('slytherin')}}]
    ports: [{portRange: {protocol: TCP, start: 8000, end: 8090}}]
`,
        ),
    );
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'UDP', 53), false);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 8080), false);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'UDP', 5353), true);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 8091), true);
  });

  it('namespaces by label select every pod of the labelled namespaces, and nothing else', () => {
    const netpol = model(
      houses() +
        anp(
          'deny-by-label',
          1,
          `  subject: {namespaces: {matchExpressions: [{key: conformance-house, operator: In, values: [gryffindor, ravenclaw]}]}}\n` +
            rule('ingress', 'deny-hufflepuff', 'Deny', `{namespaces: ${house('hufflepuff')}}`),
        ),
    );
    assert.equal(allowed(netpol, 'hufflepuff/server', 'gryffindor/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'hufflepuff/server', 'ravenclaw/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'hufflepuff/server', 'slytherin/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
  });

  it('networks match addresses outside the cluster (admin-network-policy-standard-egress-inline-cidr-rules.go)', () => {
    const netpol = model(
      houses() +
        anp(
          'cidr',
          4,
          subjectHouse('gryffindor') +
            `  egress:
  - {name: allow-dns-server, action: Allow, to: [{networks: [8.8.8.8/32]}]}
  - {name: deny-rest, action: Deny, to: [{networks: [0.0.0.0/0]}]}
`,
        ),
    );
    assert.equal(allowed(netpol, 'gryffindor/server', '8.8.8.8', 'UDP', 53), true);
    assert.equal(allowed(netpol, 'gryffindor/server', '1.1.1.1', 'TCP', 443), false);
    assert.equal(allowed(netpol, 'slytherin/server', '1.1.1.1', 'TCP', 443), true);
  });

  it('a peer with no known field fails closed: a Deny matches everything, an Allow nothing (shared_types.go)', () => {
    const netpol = model(
      houses() +
        anp(
          'unknown-peer',
          2,
          subjectHouse('gryffindor') + rule('ingress', 'deny-future', 'Deny', '{sameLabels: [x]}'),
        ),
    );
    assert.equal(allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), false);
    const problems = netpol.admin.policies.admin[0]?.problems.map((problem) => problem.message);
    assert.deepEqual(problems, [
      'peer needs exactly one of namespaces, pods: read as matching everything (fail closed)',
    ]);
    const allow = model(
      houses() +
        anp(
          'unknown-peer',
          2,
          subjectHouse('gryffindor') + rule('ingress', 'allow-future', 'Allow', '{sameLabels: [x]}'),
        ) +
        banp(subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', `{namespaces: {}}`)),
    );
    assert.equal(allowed(allow, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), false);
  });

  it('only the BANP named default counts; others are ignored with a problem', () => {
    const text =
      houses() +
      banp(subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', '{namespaces: {}}'), 'strict');
    const policies = adminPoliciesOf(inventoryOf(text));
    assert.deepEqual(policies.baseline, []);
    assert.deepEqual(
      policies.problems.map((problem) => problem.message),
      ['BaselineAdminNetworkPolicy strict is ignored: the only one a cluster accepts is named "default"'],
    );
    assert.equal(allowed(model(text), 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(
      allowed(
        model(text.replace('name: strict', 'name: default')),
        'ravenclaw/server',
        'gryffindor/server',
        'TCP',
        80,
      ),
      false,
    );
  });

  it('explain names the ANP rule that decided, with its priority and place', () => {
    const netpol = model(integration('Deny', true));
    const explanation = explain(netpol, 'slytherin/server', 'gryffindor/server', 80);
    assert.equal(explanation.allowed, false);
    assert.equal(explanation.egress.decidedBy, 'no policy isolates it in this direction: allowed');
    assert.equal(
      explanation.ingress.decidedBy,
      'AdminNetworkPolicy pass-example (priority 10) rule from-slytherin: Deny',
    );
    assert.match(explanation.ingress.adminRules[0]?.location ?? '', /^cluster\.yaml:\d+:\d+$/);
    const passed = model(integration('Pass', true));
    const viaNp = explain(passed, 'slytherin/server', 'gryffindor/server', 80);
    assert.equal(viaNp.ingress.decidedBy, 'NetworkPolicies');
    assert.deepEqual(
      viaNp.ingress.rules.map((reason) => reason.policy),
      ['gryffindor/allow-slytherin'],
    );
  });
});

describe('hostNetwork pods', () => {
  const fixture =
    houses() +
    `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent, namespace: ravenclaw}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent, conformance-house: ravenclaw}}
    spec: {hostNetwork: true, containers: [{name: c, image: i}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: gryffindor}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

  it('ignore (default): a hostNetwork DaemonSet reaches isolated pods as their own node, and explain says so', () => {
    const netpol = model(fixture, 'ignore');
    assert.equal(allowed(netpol, 'daemonset/ravenclaw/node-agent', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), false);
    const explanation = explain(netpol, 'daemonset/ravenclaw/node-agent', 'gryffindor/server');
    assert.match(explanation.ingress.decidedBy, /^node-local: a hostNetwork DaemonSet runs on every node/);
  });

  it('pod: hostNetwork pods are ordinary pods, so the deny-all isolates them like any other', () => {
    const netpol = model(fixture, 'pod');
    assert.equal(allowed(netpol, 'daemonset/ravenclaw/node-agent', 'gryffindor/server', 'TCP', 80), false);
  });

  it('ANP subjects and peers never take in hostNetwork pods under ignore; nodes peers do', () => {
    const text =
      fixture +
      '---\n' +
      anp(
        'deny-egress',
        1,
        subjectHouse('ravenclaw') + rule('egress', 'deny-all', 'Deny', '{namespaces: {}}'),
      ) +
      anp('deny-nodes', 2, subjectHouse('gryffindor') + rule('egress', 'deny-nodes', 'Deny', '{nodes: {}}'));
    const ignored = model(text, 'ignore');
    assert.equal(allowed(ignored, 'daemonset/ravenclaw/node-agent', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(allowed(ignored, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), false);
    assert.equal(
      allowed(ignored, 'gryffindor/server', 'daemonset/ravenclaw/node-agent', 'TCP', 10250),
      false,
    );
    const asPods = model(text, 'pod');
    assert.equal(allowed(asPods, 'daemonset/ravenclaw/node-agent', 'slytherin/server', 'TCP', 80), false);
    assert.equal(allowed(asPods, 'gryffindor/server', 'daemonset/ravenclaw/node-agent', 'TCP', 10250), true);
  });
});
