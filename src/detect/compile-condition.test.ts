// The semantics of compiled conditions, each row against falcosecurity/libs:
// - userspace/libsinsp/sinsp_filtercheck.cpp (compare_nocache: a field that extracts nothing makes
//   every comparison false, `exists` included; compare_rhs: on a list field `in` needs every value in
//   the set, `intersects` one, and other operators are refused; on a single value both are membership);
// - userspace/libsinsp/plugin_filtercheck.cpp (extract_nocache: a plugin result of length 0 is
//   "extracted nothing", so an empty list is absent);
// - userspace/libsinsp/filter_compare.cpp (flt_compare_string: strcmp order, strstr, strcasestr,
//   prefix and suffix, glob; bcontains/bstartswith are not string operators);
// - userspace/libsinsp/sinsp_filter_transformers/ (tolower, toupper, b64, basename, len);
// and the plugins: falcosecurity/plugins plugins/k8saudit/pkg/k8saudit/extract.go (no `auditID`, no
// ka.* field) and plugins/json/pkg/json/json.go (json.value takes a JSON pointer).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RulesError } from './errors.ts';
import { holds, oneRule } from './testing/one-rule.ts';

const EVENT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: 'e1',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/shop/pods/web/exec?command=sh&command=-c&container=web',
  verb: 'create',
  user: { username: 'Jane.Doe', groups: ['devs', 'system:authenticated'] },
  impersonatedUser: { username: 'Jane.Doe' },
  objectRef: { resource: 'pods', namespace: 'shop', name: 'web', subresource: 'exec', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 101 },
  requestObject: {
    spec: {
      containers: [
        { name: 'web', image: 'registry.example.com/shop/web:2.4', securityContext: { privileged: true } },
        { name: 'proxy', image: 'envoyproxy/envoy:v1.30' },
      ],
      initContainers: [],
      volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }],
    },
    metadata: { annotations: { 'a/b': 'slash', 'c~d': 'tilde' } },
  },
  stageTimestamp: '2026-03-14T09:26:05.158832Z',
  annotations: { 'authorization.k8s.io/decision': 'allow', token: 'c2VjcmV0' },
};

const TABLE: readonly (readonly [string, boolean])[] = [
  // Absent fields: every comparison is false, so its negation is true.
  ['ka.impuser.name = Jane.Doe', true],
  ['ka.auth.reason = x', false],
  ['ka.auth.reason != x', false],
  ['not ka.auth.reason = x', true],
  ['ka.auth.reason exists', false],
  ['not ka.auth.reason exists', true],
  ['ka.target.subresource exists', true],
  ['ka.auth.reason startswith ""', false],
  // An empty list is absent: `in` is not vacuously true.
  ['ka.req.pod.initContainers.image in (x)', false],
  ['not ka.req.pod.initContainers.image in (x)', true],
  ['ka.req.pod.initContainers.image exists', false],
  // List fields: `in` needs every value, `intersects` one.
  ['ka.req.pod.containers.name in (web, proxy, other)', true],
  ['ka.req.pod.containers.name in (web)', false],
  ['ka.req.pod.containers.name intersects (web)', true],
  ['ka.req.pod.containers.name intersects (db)', false],
  ['ka.req.pod.containers.privileged intersects (true)', true],
  ['ka.req.pod.containers.privileged in (true)', true],
  ['ka.req.pod.containers.image[1] in (envoyproxy/envoy:v1.30)', true],
  ['ka.req.pod.containers.image[2] exists', false],
  ['ka.user.groups intersects (devs)', true],
  // Single values: `in` and `intersects` are set membership.
  ['ka.verb in (create, update)', true],
  ['ka.verb intersects (create)', true],
  ['ka.verb in ()', false],
  // String operators.
  ['ka.verb = create', true],
  ['ka.verb == create', true],
  ['ka.verb != create', false],
  ['ka.verb != get', true],
  ['ka.user.name contains Doe', true],
  ['ka.user.name icontains jane.DOE', true],
  ['ka.user.name startswith Jane', true],
  ['ka.user.name endswith .Doe', true],
  ['ka.user.name > 1', true],
  ['ka.response.code > 2', false],
  ['ka.response.code >= 101', true],
  ['ka.response.code < 2', true],
  ['ka.response.code >= 0x1', true],
  ['ka.uri glob "/api/v1/namespaces/*/pods/*"', true],
  ['ka.uri glob "/api/v?/namespaces/shop/pods/web/exec*"', true],
  ['ka.uri glob "/api/v1/*/pods"', false],
  ['ka.user.name iglob "jane.*"', true],
  ['ka.user.name glob "jane.*"', false],
  ['ka.target.namespace regex "sh[a-z]+"', true],
  ['ka.target.namespace regex "sh"', false],
  // RE2 syntax, as libsinsp compiles `regex` operands with RE2: inline flags are RE2's, not JavaScript's.
  ['ka.target.namespace regex "(?i)SH[A-Z]+"', true],
  ['ka.uri pmatch (/api/v1/namespaces/shop, /apis)', true],
  ['ka.uri pmatch (/api/v1/namespaces/sh)', false],
  // libs userspace/libsinsp/test/prefix_search.ut.cpp: a `*` component matches any one component.
  ['ka.uri pmatch (/api/*/namespaces/shop/pods)', true],
  ['ka.uri pmatch (/api/v1/namespaces/shop/pods/web/exec/*)', false],
  // Field arguments and the json plugin.
  ['ka.uri.param[command] = sh', true],
  ['ka.uri.param[container] = web', true],
  ['ka.uri.param[stdin] exists', false],
  ['jevt.value[/objectRef/name] = web', true],
  ['jevt.value[/requestObject/spec/containers/1/name] = proxy', true],
  ['jevt.value[/requestObject/metadata/annotations/a~1b] = slash', true],
  ['jevt.value[/requestObject/metadata/annotations/c~0d] = tilde', true],
  ['jevt.value[/responseStatus/code] = 101', true],
  ['jevt.value[/user/groups] = \'["devs","system:authenticated"]\'', true],
  ['json.value[/nothing] exists', false],
  ['jevt.value[/constructor] exists', false],
  ['jevt.value[/user/toString] exists', false],
  ['jevt.rawtime = 1773480365158832000', true],
  // Transformers.
  ['tolower(ka.user.name) = jane.doe', true],
  ['toupper(ka.verb) = CREATE', true],
  ['b64(jevt.value[/annotations/token]) = secret', true],
  ['basename(ka.uri) startswith exec?', true],
  ['len(ka.user.groups) = 2', true],
  ['len(ka.verb) > 5', true],
  ['len(ka.req.pod.initContainers.image) = 0', false],
  ['tolower(ka.req.pod.containers.name) intersects (web)', true],
  // Another field on the right.
  ['ka.user.name = val(ka.impuser.name)', true],
  ['ka.user.name = val(ka.auth.reason)', false],
  ['ka.target.name in val(ka.req.pod.containers.name)', true],
  ['ka.verb in val(ka.req.pod.containers.name)', false],
];

describe('condition semantics (libsinsp filterchecks, k8saudit and json plugins)', () => {
  for (const [condition, expected] of TABLE)
    it(`${condition} → ${expected}`, () => {
      assert.equal(holds(condition, EVENT), expected);
    });

  it('reads no ka.* field of an object without auditID, while jevt.value still reads it', () => {
    const anonymous: Record<string, unknown> = { ...EVENT };
    delete anonymous.auditID;
    assert.equal(holds('ka.verb = create', anonymous), false);
    assert.equal(holds('not ka.verb exists', anonymous), true);
    assert.equal(holds('jevt.value[/verb] = create', anonymous), true);
  });

  it('resolves lists by name inside list literals and macros by name, nested', () => {
    const preamble = `
- list: writers
  items: [create, update]
- list: mutating
  items: [writers, patch, "force apply"]
- macro: mutation
  condition: ka.verb in (mutating)
- macro: shop_mutation
  condition: mutation and ka.target.namespace = shop
`;
    assert.equal(holds('shop_mutation', EVENT, preamble), true);
    assert.equal(holds('ka.verb in (mutating, delete) and not ka.verb in (writers)', EVENT, preamble), false);
    assert.equal(holds('ka.verb in ("force apply")', { ...EVENT, verb: 'force apply' }, preamble), true);
  });

  const REFUSED: readonly (readonly [string, string, number])[] = [
    ['ka.verb bcontains 637265', "'bcontains' operator not supported for string filters", 1],
    ['ka.verb bstartswith 63', "'bstartswith' operator not supported for string filters", 1],
    [
      'ka.user.groups = devs',
      "list filter 'ka.user.groups' only supports operators 'exists', 'in' and 'intersects'",
      1,
    ],
    ['a and ka.user.groups contains d', "list filter 'ka.user.groups' only supports operators", 7],
    ['ka.nope = x', 'filter_check called with nonexistent field ka.nope', 1],
    ['ka.verb[0] = x', 'filter ka.verb does not accept an argument', 1],
    ['ka.uri.param = x', 'filter ka.uri.param requires an argument', 1],
    ['ka.req.pod.containers.image[01] in (x)', "argument must be a numeric index, got '01'", 1],
    ['len(ka.verb) contains 1', "'contains' operator not supported for type 'uint64'", 1],
    ['len(ka.verb) > abc', 'expected a number value', 16],
    ['ka.verb regex "("', 'invalid regex pattern', 15],
    ['ka.verb regex "(?=g)et"', 'invalid regex pattern', 15],
  ];
  for (const [condition, message, col] of REFUSED)
    it(`refuses ${condition} at column ${col}`, () => {
      const preamble = '- macro: a\n  condition: ka.verb exists\n';
      assert.throws(
        () => oneRule(condition, preamble),
        (error: unknown) =>
          error instanceof RulesError &&
          error.reason.includes(message) &&
          error.condition?.pos.col === col &&
          error.location.item === "rule 'probe'",
      );
    });
});
