// Rule matching, case by case against kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go
// (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches, NonResourceURLMatches) and
// plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyRule } from './policy-rule.ts';
import { readPolicyRule } from './policy-rule.ts';
import type { AuthorizationRequest } from './request.ts';
import { resourceRequest } from './request.ts';
import { ruleAllows } from './rule-allows.ts';

const rule = (fields: Partial<PolicyRule>): PolicyRule => readPolicyRule(fields);
const url = (verb: string, path: string): AuthorizationRequest => ({ kind: 'nonResource', verb, path });

const CASES: readonly { name: string; rule: PolicyRule; request: AuthorizationRequest; allowed: boolean }[] =
  [
    // VerbMatches
    {
      name: 'verb: exact',
      rule: rule({ apiGroups: [''], resources: ['pods'], verbs: ['get'] }),
      request: resourceRequest('get', 'pods'),
      allowed: true,
    },
    {
      name: 'verb: other verb',
      rule: rule({ apiGroups: [''], resources: ['pods'], verbs: ['get'] }),
      request: resourceRequest('list', 'pods'),
      allowed: false,
    },
    {
      name: 'verb: * matches all',
      rule: rule({ apiGroups: [''], resources: ['pods'], verbs: ['*'] }),
      request: resourceRequest('deletecollection', 'pods'),
      allowed: true,
    },
    {
      name: 'verb: case-sensitive',
      rule: rule({ apiGroups: [''], resources: ['pods'], verbs: ['GET'] }),
      request: resourceRequest('get', 'pods'),
      allowed: false,
    },
    // APIGroupMatches
    {
      name: 'group: core is ""',
      rule: rule({ apiGroups: [''], resources: ['deployments'], verbs: ['get'] }),
      request: resourceRequest('get', 'deployments', { apiGroup: 'apps' }),
      allowed: false,
    },
    {
      name: 'group: exact',
      rule: rule({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }),
      request: resourceRequest('get', 'deployments', { apiGroup: 'apps' }),
      allowed: true,
    },
    {
      name: 'group: * matches all',
      rule: rule({ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }),
      request: resourceRequest('get', 'deployments', { apiGroup: 'apps' }),
      allowed: true,
    },
    {
      name: 'group: absent matches nothing',
      rule: rule({ resources: ['pods'], verbs: ['get'] }),
      request: resourceRequest('get', 'pods'),
      allowed: false,
    },
    // ResourceMatches
    {
      name: 'resource: pods does not cover pods/exec',
      rule: rule({ apiGroups: [''], resources: ['pods'], verbs: ['create'] }),
      request: resourceRequest('create', 'pods', { subresource: 'exec' }),
      allowed: false,
    },
    {
      name: 'resource: pods/exec exact',
      rule: rule({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }),
      request: resourceRequest('create', 'pods', { subresource: 'exec' }),
      allowed: true,
    },
    {
      name: 'resource: pods/exec does not cover pods',
      rule: rule({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }),
      request: resourceRequest('create', 'pods'),
      allowed: false,
    },
    {
      name: 'resource: pods/* is a literal, not a wildcard',
      rule: rule({ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] }),
      request: resourceRequest('create', 'pods', { subresource: 'exec' }),
      allowed: false,
    },
    {
      name: 'resource: * covers subresources',
      rule: rule({ apiGroups: [''], resources: ['*'], verbs: ['create'] }),
      request: resourceRequest('create', 'pods', { subresource: 'exec' }),
      allowed: true,
    },
    {
      name: 'resource: */scale matches any scale',
      rule: rule({ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] }),
      request: resourceRequest('update', 'deployments', { apiGroup: 'apps', subresource: 'scale' }),
      allowed: true,
    },
    {
      name: 'resource: */scale does not match the parent',
      rule: rule({ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] }),
      request: resourceRequest('update', 'deployments', { apiGroup: 'apps' }),
      allowed: false,
    },
    // ResourceNameMatches
    {
      name: 'names: listed name',
      rule: rule({ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] }),
      request: resourceRequest('get', 'secrets', { name: 'tls' }),
      allowed: true,
    },
    {
      name: 'names: other name',
      rule: rule({ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] }),
      request: resourceRequest('get', 'secrets', { name: 'db' }),
      allowed: false,
    },
    {
      name: 'names: list has no name, never matches',
      rule: rule({ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['list'] }),
      request: resourceRequest('list', 'secrets'),
      allowed: false,
    },
    {
      name: 'names: create has no name, never matches',
      rule: rule({ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['create'] }),
      request: resourceRequest('create', 'secrets'),
      allowed: false,
    },
    {
      name: 'names: list with a metadata.name field selector',
      rule: rule({ apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['list'] }),
      request: resourceRequest('list', 'secrets', { name: 'tls' }),
      allowed: true,
    },
    // NonResourceURLMatches
    {
      name: 'url: exact',
      rule: rule({ nonResourceURLs: ['/healthz'], verbs: ['get'] }),
      request: url('get', '/healthz'),
      allowed: true,
    },
    {
      name: 'url: prefix /healthz/* matches below',
      rule: rule({ nonResourceURLs: ['/healthz/*'], verbs: ['get'] }),
      request: url('get', '/healthz/etcd'),
      allowed: true,
    },
    {
      name: 'url: prefix /healthz/* does not match /healthz',
      rule: rule({ nonResourceURLs: ['/healthz/*'], verbs: ['get'] }),
      request: url('get', '/healthz'),
      allowed: false,
    },
    {
      name: 'url: /api* matches /apis/apps',
      rule: rule({ nonResourceURLs: ['/api*'], verbs: ['get'] }),
      request: url('get', '/apis/apps'),
      allowed: true,
    },
    {
      name: 'url: * matches all',
      rule: rule({ nonResourceURLs: ['*'], verbs: ['*'] }),
      request: url('post', '/anything'),
      allowed: true,
    },
    {
      name: 'url: a resource rule never allows a URL',
      rule: rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }),
      request: url('get', '/metrics'),
      allowed: false,
    },
    {
      name: 'url: a URL rule never allows a resource',
      rule: rule({ nonResourceURLs: ['*'], verbs: ['*'] }),
      request: resourceRequest('get', 'pods'),
      allowed: false,
    },
  ];

describe('ruleAllows (evaluation_helpers.go)', () => {
  for (const testCase of CASES) {
    it(`${testCase.name} → ${testCase.allowed ? 'allowed' : 'denied'}`, () => {
      assert.equal(ruleAllows(testCase.rule, testCase.request), testCase.allowed);
    });
  }
});
