// Parsing of kubectl's `VERB RESOURCE[.GROUP][/SUB]` and the namespace RequestInfo gives a request
// (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRequest } from './resources.ts';

describe('parseRequest', () => {
  it('defaults the group of built-in resources', () => {
    assert.deepEqual(parseRequest('list', 'deployments', 'web'), {
      kind: 'resource',
      verb: 'list',
      apiGroup: 'apps',
      resource: 'deployments',
      subresource: '',
      name: '',
      namespace: 'web',
    });
  });
  it('reads an explicit group and a subresource', () => {
    const request = parseRequest('update', 'widgets.example.com/scale', 'web');
    assert.equal(
      request.kind === 'resource' && `${request.apiGroup} ${request.resource} ${request.subresource}`,
      'example.com widgets scale',
    );
  });
  it('drops the namespace of cluster-scoped resources', () => {
    const request = parseRequest('get', 'nodes/proxy', 'web');
    assert.equal(request.kind === 'resource' && request.namespace, '');
  });
  it('puts a Namespace object in its own namespace', () => {
    const request = parseRequest('patch', 'namespaces', 'default', 'team');
    assert.equal(request.kind === 'resource' && request.namespace, 'team');
  });
  it('reads a non-resource URL', () => {
    assert.deepEqual(parseRequest('get', '/healthz', 'web'), {
      kind: 'nonResource',
      verb: 'get',
      path: '/healthz',
    });
  });
  it('refuses an empty verb', () => {
    assert.throws(() => parseRequest('', 'pods', 'web'), /give a verb/);
  });
});
