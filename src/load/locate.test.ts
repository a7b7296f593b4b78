import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from './load.ts';

const at = (text: string, path: (string | number)[], format: 'yaml' | 'json' = 'yaml', resource = 0) => {
  const { resources } = loadSources([{ file: 'm', text, format, named: true }]);
  const found = resources[resource];
  assert.ok(found, 'resource loaded');
  const { line, column } = found.origin.locate(path);
  return `${line}:${column}`;
};

describe('locating field paths', () => {
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: app',
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: nginx',
    '      securityContext:',
    '        privileged: true',
    '    - name: "side"',
    '      image: busybox',
    '',
  ].join('\n');

  it('finds any item of a long sequence, and none past its end', () => {
    const args = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many', 'data:', '  list:'];
    for (let i = 0; i < 300; i++) args.push(`    - item-${String(i)}`);
    const text = `${args.join('\n')}\n`;
    assert.equal(at(text, ['data', 'list', 0]), '7:7');
    assert.equal(at(text, ['data', 'list', 63]), '70:7');
    assert.equal(at(text, ['data', 'list', 64]), '71:7');
    assert.equal(at(text, ['data', 'list', 299]), '306:7');
    assert.equal(at(text, ['data', 'list', 300]), '6:3');
  });

  it('points at the key of a map entry', () => {
    assert.equal(at(pod, ['spec', 'containers', 0, 'securityContext', 'privileged']), '10:9');
  });

  it('points at the start of a list item', () => {
    assert.equal(at(pod, ['spec', 'containers', 1]), '11:7');
    assert.equal(at(pod, ['spec', 'containers', 1, 'image']), '12:7');
  });

  it('falls back to the deepest existing node for a missing field', () => {
    assert.equal(at(pod, ['spec', 'containers', 1, 'securityContext', 'runAsNonRoot']), '11:7');
    assert.equal(at(pod, ['spec', 'volumes']), '5:1');
  });

  it('finds documents after the first in a stream', () => {
    const stream = `${pod}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n`;
    assert.equal(at(stream, ['spec', 'type'], 'yaml', 1), '19:3');
  });

  it('finds items of a kind: List', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: b\n';
    assert.equal(at(list, ['metadata', 'name'], 'yaml', 1), '10:7');
  });

  it('handles flow style and quoted keys', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {"containers": [{name: a, image: x}, {name: b, image: y}]}\n';
    assert.equal(at(text, ['spec', 'containers', 1, 'image']), '4:54');
  });

  it('matches whole keys, whatever their style', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  imagePullPolicy: Always\n  \'image\': x\n  "im\\x61ge2": y\n';
    assert.equal(at(text, ['spec', 'image']), '6:3');
    assert.equal(at(text, ['spec', 'image2']), '7:3');
    assert.equal(at(text, ['spec', 'imag']), '4:1');
    const blockKey =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  ? |\n    multi\n    line\n  : x\n';
    assert.equal(at(blockKey, ['spec', 'multi\nline\n']), '6:1');
  });

  it('locates in JSON', () => {
    const text =
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "a"},\n  "spec": {\n    "hostPID": true\n  }\n}\n';
    assert.equal(at(text, ['spec', 'hostPID'], 'json'), '6:5');
  });

  it('gives the end of the value too', () => {
    const { resources } = loadSources([{ file: 'm', text: pod, format: 'yaml', named: true }]);
    const position = resources[0]?.origin.locate(['spec', 'containers', 0, 'image']);
    assert.deepEqual(position, { line: 8, column: 7, endLine: 8, endColumn: 19 });
  });
});
