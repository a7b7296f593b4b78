// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2), as kubernetes-sigs/network-policy-api
// defines it in apis/v1alpha2/clusternetworkpolicy_types.go (field docs of spec.tier, spec.priority,
// the rule actions Accept/Deny/Pass, the peer types and ClusterNetworkPolicyProtocol) and its CRDs in
// config/crd/{standard,experimental}; the conformance scenarios in conformance/base/{admin_tier,
// baseline_tier,api_integration} are modelled, not copied, on our own "houses" fixture.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowed,
  anp,
  banp,
  explain,
  house,
  houses,
  inventoryOf,
  model,
  rule,
  subjectHouse,
} from '../testing/admin-policies.ts';
import { adminPoliciesOf } from './admin-policy.ts';
import { netpolDiagnostics } from './diagnostics.ts';

const cnp = (name: string, tier: string, priority: number, spec: string): string =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n  tier: ${tier}\n  priority: ${priority}\n${spec}---\n`;
const fromHouse = (name: string): string => `{namespaces: ${house(name)}}`;
const denyAll = (namespace: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: ${namespace}}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n---\n`;
const allowSlytherin = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-slytherin, namespace: gryffindor}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{namespaceSelector: ${house('slytherin')}}]}]
  egress: [{to: [{namespaceSelector: ${house('slytherin')}}]}]
---
`;

// conformance/base/api_integration/standard-anp-np-banp.yaml, modelled with v1alpha2 objects: an Admin
// CNP on gryffindor whose rules against slytherin switch action, a NetworkPolicy in gryffindor allowing
// slytherin (or none), and a Baseline CNP denying slytherin.
const integration = (action: string, withNetworkPolicy: boolean): string =>
  houses() +
  cnp(
    'admin-slytherin',
    'Admin',
    10,
    subjectHouse('gryffindor') +
      rule('ingress', 'from-slytherin', action, fromHouse('slytherin')) +
      rule('egress', 'to-slytherin', action, fromHouse('slytherin')),
  ) +
  (withNetworkPolicy ? allowSlytherin : '') +
  cnp(
    'baseline-slytherin',
    'Baseline',
    10,
    subjectHouse('gryffindor') +
      rule('ingress', 'deny-from-slytherin', 'Deny', fromHouse('slytherin')) +
      rule('egress', 'deny-to-slytherin', 'Deny', fromHouse('slytherin')),
  );

describe('ClusterNetworkPolicy, Admin tier', () => {
  const cases: readonly {
    readonly name: string;
    readonly action: string;
    readonly networkPolicy: boolean;
    readonly slytherin: boolean;
    readonly ravenclaw: boolean;
  }[] = [
    // Deny: "No further ClusterNetworkPolicy or NetworkPolicy rules will be processed".
    {
      name: 'Deny is final over a NetworkPolicy that allows',
      action: 'Deny',
      networkPolicy: true,
      slytherin: false,
      ravenclaw: false,
    },
    // Accept: final too; the NetworkPolicy cannot take it back, and still isolates the rest.
    { name: 'Accept is final', action: 'Accept', networkPolicy: true, slytherin: true, ravenclaw: false },
    {
      name: 'Accept is final over the Baseline tier too',
      action: 'Accept',
      networkPolicy: false,
      slytherin: true,
      ravenclaw: true,
    },
    // Pass: "passes evaluation to the next tier": the NetworkPolicy allows...
    {
      name: 'Pass hands over to the NetworkPolicy, which allows',
      action: 'Pass',
      networkPolicy: true,
      slytherin: true,
      ravenclaw: false,
    },
    // ...and without one, the Baseline tier denies.
    {
      name: 'Pass with no NetworkPolicy falls to the Baseline tier, which denies',
      action: 'Pass',
      networkPolicy: false,
      slytherin: false,
      ravenclaw: true,
    },
  ];
  for (const entry of cases)
    it(`${entry.name} (${entry.action}, ${entry.networkPolicy ? 'with' : 'without'} a NetworkPolicy)`, () => {
      const netpol = model(integration(entry.action, entry.networkPolicy));
      assert.equal(
        allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80),
        entry.slytherin,
        'ingress',
      );
      assert.equal(
        allowed(netpol, 'gryffindor/server', 'slytherin/server', 'TCP', 8080),
        entry.slytherin,
        'egress',
      );
      assert.equal(
        allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80),
        entry.ravenclaw,
        'other',
      );
    });

  it('an unknown action is read as Deny (fail closed), with a problem at the action', () => {
    const text = integration('Allow', false);
    const netpol = model(text);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    const messages = netpolDiagnostics(inventoryOf(text), netpol).map(
      (d) => `${d.line}:${d.column} ${d.level}: ${d.message}`,
    );
    assert.ok(
      messages.includes(
        '82:5 warning: ClusterNetworkPolicy admin-slytherin: action "Allow" is not one of Accept, Deny, Pass: the rule is read as Deny (fail closed)',
      ),
      messages.join('\n'),
    );
  });

  it('explain names the CNP rule that decided, its priority, action and place', () => {
    const netpol = model(integration('Deny', true));
    const explanation = explain(netpol, 'slytherin/server', 'gryffindor/server', 80);
    assert.equal(explanation.allowed, false);
    assert.equal(
      explanation.ingress.decidedBy,
      'ClusterNetworkPolicy admin-slytherin (priority 10) rule from-slytherin: Deny',
    );
    assert.equal(explanation.ingress.adminRules[0]?.location, 'cluster.yaml:81:5');
    const accepted = model(integration('Accept', true));
    const out = explain(accepted, 'gryffindor/server', 'slytherin/server', 80);
    assert.equal(
      out.egress.decidedBy,
      'ClusterNetworkPolicy admin-slytherin (priority 10) rule to-slytherin: Accept',
    );
  });

  it('lower priority numbers go first: a Pass at 40 beats a Deny at 50; at 60 the Deny decides', () => {
    const fixture = (passPriority: number): string =>
      houses() +
      cnp(
        'deny-50',
        'Admin',
        50,
        subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', fromHouse('slytherin')),
      ) +
      cnp(
        'pass',
        'Admin',
        passPriority,
        subjectHouse('gryffindor') + rule('ingress', 'pass', 'Pass', fromHouse('slytherin')),
      );
    assert.equal(allowed(model(fixture(40)), 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(allowed(model(fixture(60)), 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
  });

  it('v1alpha1 ANPs and Admin CNPs share one priority order; at a tie the ANP goes first, with a warning', () => {
    const fixture = (cnpPriority: number): string =>
      houses() +
      anp(
        'anp-allow',
        10,
        subjectHouse('gryffindor') + rule('ingress', 'allow', 'Allow', fromHouse('slytherin')),
      ) +
      cnp(
        'cnp-deny',
        'Admin',
        cnpPriority,
        subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', fromHouse('slytherin')),
      );
    assert.equal(allowed(model(fixture(9)), 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    assert.equal(allowed(model(fixture(11)), 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
    const tie = adminPoliciesOf(inventoryOf(fixture(10)));
    assert.deepEqual(
      tie.admin.map((policy) => `${policy.kind}/${policy.name}`),
      ['AdminNetworkPolicy/anp-allow', 'ClusterNetworkPolicy/cnp-deny'],
    );
    assert.deepEqual(
      tie.problems.map((problem) => problem.message),
      [
        'ClusterNetworkPolicy cnp-deny has priority 10 like AdminNetworkPolicy anp-allow: the API leaves the order undefined; kubeward evaluates anp-allow first (AdminNetworkPolicy before ClusterNetworkPolicy)',
      ],
    );
    assert.equal(allowed(model(fixture(10)), 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
    assert.deepEqual(adminPoliciesOf(inventoryOf(fixture(11))).problems, []);
  });
});

describe('ClusterNetworkPolicy, Baseline tier', () => {
  it('comes after the NetworkPolicies: a NetworkPolicy selecting the pod overrides its Deny', () => {
    const without = model(integration('Pass', false));
    assert.equal(allowed(without, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    const withPolicy = model(integration('Pass', true));
    assert.equal(allowed(withPolicy, 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
    const explanation = explain(without, 'slytherin/server', 'gryffindor/server', 80);
    assert.equal(
      explanation.ingress.decidedBy,
      'ClusterNetworkPolicy baseline-slytherin (priority 10) rule deny-from-slytherin: Deny',
    );
    const unmatched = explain(without, 'hufflepuff/server', 'gryffindor/server');
    assert.equal(
      unmatched.ingress.decidedBy,
      'no AdminNetworkPolicy, ClusterNetworkPolicy or BaselineAdminNetworkPolicy rule matches and no NetworkPolicy isolates it: allowed',
    );
  });

  const baselines = (acceptPriority: number, withBanp: boolean): string =>
    houses() +
    cnp(
      'deny-20',
      'Baseline',
      20,
      subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', fromHouse('slytherin')),
    ) +
    cnp(
      'accept',
      'Baseline',
      acceptPriority,
      subjectHouse('gryffindor') + rule('ingress', 'accept', 'Accept', fromHouse('slytherin')),
    ) +
    (withBanp
      ? banp(subjectHouse('gryffindor') + rule('ingress', 'deny-ravenclaw', 'Deny', fromHouse('ravenclaw')))
      : '');

  const cases: readonly {
    readonly name: string;
    readonly text: string;
    readonly slytherin: boolean;
    readonly ravenclaw: boolean;
  }[] = [
    {
      name: 'several Baseline CNPs in priority order: Accept at 10 before Deny at 20',
      text: baselines(10, false),
      slytherin: true,
      ravenclaw: true,
    },
    {
      name: 'Accept at 30 comes after Deny at 20',
      text: baselines(30, false),
      slytherin: false,
      ravenclaw: true,
    },
    {
      name: 'the BANP default comes after every Baseline CNP',
      text: baselines(10, true),
      slytherin: true,
      ravenclaw: false,
    },
  ];
  for (const entry of cases)
    it(entry.name, () => {
      const netpol = model(entry.text);
      assert.equal(
        allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80),
        entry.slytherin,
        'slytherin',
      );
      assert.equal(
        allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80),
        entry.ravenclaw,
        'ravenclaw',
      );
    });

  it('keeps the evaluation order: Baseline CNPs by priority, then the BANP', () => {
    const policies = adminPoliciesOf(inventoryOf(baselines(30, true)));
    assert.deepEqual(
      policies.baseline.map((policy) => `${policy.kind}/${policy.name}`),
      ['ClusterNetworkPolicy/deny-20', 'ClusterNetworkPolicy/accept', 'BaselineAdminNetworkPolicy/default'],
    );
    assert.deepEqual(policies.admin, []);
  });

  it('Pass in the Baseline tier skips its remaining rules: the default allow decides', () => {
    const text =
      houses() +
      cnp(
        'pass-5',
        'Baseline',
        5,
        subjectHouse('gryffindor') + rule('ingress', 'pass', 'Pass', fromHouse('slytherin')),
      ) +
      cnp(
        'deny-all',
        'Baseline',
        6,
        subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', '{namespaces: {}}'),
      );
    const netpol = model(text);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), false);
    const explanation = explain(netpol, 'slytherin/server', 'gryffindor/server', 80);
    assert.equal(
      explanation.ingress.decidedBy,
      'ClusterNetworkPolicy pass-5 (priority 5) rule pass: Pass, then the default allow',
    );
    const anyPort = explain(netpol, 'slytherin/server', 'gryffindor/server');
    assert.equal(
      anyPort.ingress.decidedBy,
      'admin- and baseline-tier rules (AdminNetworkPolicy, ClusterNetworkPolicy, BaselineAdminNetworkPolicy), then the default allow',
    );
    assert.deepEqual(
      anyPort.ingress.baselineRules.map((reason) => `${reason.policy}/${reason.rule}:${reason.action}`),
      ['pass-5/pass:Pass'],
    );
    const other = explain(netpol, 'gryffindor/server', 'hufflepuff/server');
    assert.equal(other.ingress.decidedBy, 'no policy isolates it in this direction: allowed');
  });
});

describe('ClusterNetworkPolicy peers and protocols', () => {
  const accept = (protocols: string): string =>
    houses() +
    denyAll('gryffindor') +
    cnp(
      'ports',
      'Admin',
      1,
      subjectHouse('gryffindor') + rule('ingress', 'some-ports', 'Accept', fromHouse('slytherin'), protocols),
    );
  const probes: readonly ['TCP' | 'UDP' | 'SCTP', number][] = [
    ['TCP', 80],
    ['TCP', 8080],
    ['UDP', 53],
    ['UDP', 5353],
    ['SCTP', 9003],
  ];
  const cases: readonly {
    readonly name: string;
    readonly protocols: string;
    readonly open: readonly string[];
  }[] = [
    {
      name: 'destinationNamedPort resolves on the destination, in the protocol it declares',
      protocols: 'protocols: [{destinationNamedPort: web}, {destinationNamedPort: dns}]',
      open: ['TCP/80', 'UDP/53'],
    },
    {
      name: 'tcp destinationPort range is inclusive',
      protocols: 'protocols: [{tcp: {destinationPort: {range: {start: 8000, end: 8080}}}}]',
      open: ['TCP/8080'],
    },
    {
      name: 'a range that leaves the port out',
      protocols: 'protocols: [{tcp: {destinationPort: {range: {start: 81, end: 8079}}}}]',
      open: [],
    },
    {
      name: 'udp and sctp numbers',
      protocols:
        'protocols: [{udp: {destinationPort: {number: 5353}}}, {sctp: {destinationPort: {number: 9003}}}]',
      open: ['UDP/5353', 'SCTP/9003'],
    },
    {
      name: 'no protocols: every port',
      protocols: '',
      open: ['TCP/80', 'TCP/8080', 'UDP/53', 'UDP/5353', 'SCTP/9003'],
    },
  ];
  for (const entry of cases)
    it(entry.name, () => {
      const netpol = model(accept(entry.protocols));
      const open = probes
        .filter(([protocol, port]) =>
          allowed(netpol, 'slytherin/server', 'gryffindor/server', protocol, port),
        )
        .map(([protocol, port]) => `${protocol}/${port}`);
      assert.deepEqual(open, entry.open);
    });

  it('an invalid port range matches nothing, with a problem at file:line:col', () => {
    const text = accept('protocols: [{tcp: {destinationPort: {range: {start: 90, end: 80}}}}]');
    const netpol = model(text);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 85), false);
    const messages = netpolDiagnostics(inventoryOf(text), netpol).map(
      (d) => `${d.file}:${d.line}:${d.column} ${d.message}`,
    );
    assert.ok(
      messages.includes(
        'cluster.yaml:89:24 ClusterNetworkPolicy ports: invalid port range 90-80 (start must be below end): matches nothing',
      ),
      messages.join('\n'),
    );
  });

  it('namespaces by label: matchExpressions on the namespace labels, for subject and peer', () => {
    const text =
      houses() +
      cnp(
        'by-label',
        'Admin',
        1,
        '  subject: {namespaces: {matchExpressions: [{key: conformance-house, operator: In, values: [gryffindor, hufflepuff]}]}}\n' +
          rule(
            'ingress',
            'not-ravenclaw',
            'Deny',
            '{namespaces: {matchExpressions: [{key: conformance-house, operator: NotIn, values: [ravenclaw]}]}}',
          ),
      );
    const netpol = model(text);
    assert.equal(allowed(netpol, 'slytherin/server', 'gryffindor/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'slytherin/server', 'hufflepuff/server', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'ravenclaw/server', 'hufflepuff/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'slytherin/server', 'ravenclaw/server', 'TCP', 80), true, 'not a subject');
  });

  it('pods peers need both selectors; networks match addresses outside the cluster', () => {
    const text =
      houses() +
      cnp(
        'egress',
        'Admin',
        1,
        subjectHouse('gryffindor') +
          '  egress:\n' +
          `  - {name: pods, action: Accept, to: [{pods: {namespaceSelector: ${house('slytherin')}, podSelector: {}}}]}\n` +
          '  - {name: metadata, action: Deny, to: [{networks: [169.254.169.254/32]}]}\n' +
          '  - {name: rest, action: Deny, to: [{networks: [0.0.0.0/0]}]}\n',
      );
    const netpol = model(text);
    assert.equal(allowed(netpol, 'gryffindor/server', 'slytherin/server', 'TCP', 80), true);
    assert.equal(allowed(netpol, 'gryffindor/server', '169.254.169.254', 'TCP', 80), false);
    assert.equal(allowed(netpol, 'gryffindor/server', '8.8.8.8', 'UDP', 53), false);
    assert.equal(allowed(netpol, 'slytherin/server', '8.8.8.8', 'UDP', 53), true, 'not a subject');
  });

  it('a peer with no known field fails closed: a Deny matches everything, an Accept nothing', () => {
    const fixture = (action: string): string =>
      houses() +
      cnp(
        'future',
        'Admin',
        1,
        subjectHouse('gryffindor') + rule('ingress', 'future', action, '{sameLabels: [x]}'),
      ) +
      cnp(
        'baseline',
        'Baseline',
        1,
        subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', fromHouse('hufflepuff')),
      );
    const deny = model(fixture('Deny'));
    assert.equal(allowed(deny, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), false);
    const acceptRule = model(fixture('Accept'));
    assert.equal(allowed(acceptRule, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), true);
    assert.equal(
      allowed(acceptRule, 'hufflepuff/server', 'gryffindor/server', 'TCP', 80),
      false,
      'not accepted',
    );
    const gryffindor = adminPoliciesOf(inventoryOf(fixture('Accept'))).admin[0];
    assert.deepEqual(
      gryffindor?.problems.map((problem) => problem.message),
      ['peer needs exactly one of namespaces, pods: read as matching nothing (fail closed)'],
    );
  });

  it('domainNames are noted as not resolved; a named port beside a networks peer is refused by the CRD', () => {
    const text =
      houses() +
      cnp(
        'dns',
        'Admin',
        1,
        subjectHouse('gryffindor') +
          '  egress:\n' +
          '  - {name: names, action: Accept, to: [{domainNames: ["*.example.com"]}]}\n' +
          '  - {name: named, action: Accept, to: [{networks: [10.0.0.0/8]}], protocols: [{destinationNamedPort: web}]}\n',
      );
    const netpol = model(text);
    const messages = netpolDiagnostics(inventoryOf(text), netpol).map(
      (d) => `${d.line}:${d.column} ${d.level}: ${d.message}`,
    );
    assert.deepEqual(messages, [
      '82:5 warning: ClusterNetworkPolicy dns: destinationNamedPort cannot be used with networks, nodes or domainNames peers (the CRD refuses it): they have no named ports',
      '81:40 note: ClusterNetworkPolicy dns: rule names allows domain names (*.example.com): they are not resolved, so the matrix shows no address for them',
    ]);
  });
});

describe('ClusterNetworkPolicy objects left out', () => {
  const cases: readonly { readonly name: string; readonly object: string; readonly message: string }[] = [
    {
      name: 'a tier that is neither Admin nor Baseline',
      object: cnp(
        'odd',
        'Developer',
        1,
        subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', '{namespaces: {}}'),
      ),
      message: 'ClusterNetworkPolicy odd: tier "Developer" is not Admin or Baseline: not evaluated',
    },
    {
      name: 'another API version',
      object: cnp(
        'old',
        'Admin',
        1,
        subjectHouse('gryffindor') + rule('ingress', 'deny', 'Deny', '{namespaces: {}}'),
      ).replace('v1alpha2', 'v1alpha1'),
      message:
        'ClusterNetworkPolicy old: policy.networking.k8s.io/v1alpha1 is not evaluated (only policy.networking.k8s.io/v1alpha2)',
    },
  ];
  for (const entry of cases)
    it(entry.name, () => {
      const text = houses() + entry.object;
      const policies = adminPoliciesOf(inventoryOf(text));
      assert.deepEqual(
        policies.problems.map((problem) => problem.message),
        [entry.message],
      );
      assert.equal(allowed(model(text), 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), true);
      const evaluated = model(
        houses() + entry.object.replace('Developer', 'Admin').replace('v1alpha1', 'v1alpha2'),
      );
      assert.equal(allowed(evaluated, 'ravenclaw/server', 'gryffindor/server', 'TCP', 80), false);
    });
});
