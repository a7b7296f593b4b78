import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from './load.ts';

const yaml = (text: string, file = 'm.yaml') => loadSources([{ file, text, format: 'yaml', named: true }]);
const json = (text: string, file = 'm.json') => loadSources([{ file, text, format: 'json', named: true }]);

describe('parsing as Kubernetes does (sigs.k8s.io/yaml over goyaml.v2, YAML 1.1)', () => {
  it('reads yes/on/y as true and no/off/n as false', () => {
    const { resources } = yaml(
      'apiVersion: v1\nkind: X\nmetadata: {name: a}\na: yes\nb: on\nc: y\nd: no\ne: off\nf: n\ng: "yes"\n',
    );
    const object = resources[0]?.object;
    assert.deepEqual(
      [object?.a, object?.b, object?.c, object?.d, object?.e, object?.f, object?.g],
      [true, true, true, false, false, false, 'yes'],
    );
  });

  it('reads 0644 as octal, as goyaml.v2 resolves it (defaultMode: 0644 is 420)', () => {
    const { resources } = yaml('apiVersion: v1\nkind: X\nmetadata: {name: a}\nmode: 0644\n');
    assert.equal(resources[0]?.object.mode, 420);
  });

  it('keeps timestamps as strings, as they are once converted to JSON', () => {
    const { resources } = yaml('apiVersion: v1\nkind: X\nmetadata: {name: a}\nwhen: 2024-01-02\n');
    assert.equal(resources[0]?.object.when, '2024-01-02');
  });

  it('resolves merge keys', () => {
    const { resources } = yaml(
      'apiVersion: v1\nkind: X\nmetadata: {name: a}\nbase: &b {x: 1}\nderived:\n  <<: *b\n  z: 2\n',
    );
    assert.deepEqual(resources[0]?.object.derived, { x: 1, z: 2 });
  });
});

describe('multi-document streams', () => {
  it('keeps every document with its index, skipping empty ones', () => {
    const { resources } = yaml(
      'apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: B\nmetadata: {name: b}\n',
    );
    assert.deepEqual(
      resources.map((r) => [r.kind, r.origin.document]),
      [
        ['A', 0],
        ['B', 2],
      ],
    );
  });

  it('loses no good document when another one is broken, and reports file:line:col', () => {
    const text =
      'apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\napiVersion: v1\nkind: B\nmetadata: {name: [b\n---\napiVersion: v1\nkind: C\nmetadata: {name: c}\n';
    const { resources, diagnostics } = yaml(text);
    assert.deepEqual(
      resources.map((r) => r.kind),
      ['A', 'C'],
    );
    assert.equal(resources[1]?.origin.document, 2);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.level, 'error');
    assert.equal(diagnostics[0]?.line, 8);
    assert.match(diagnostics[0]?.message ?? '', /^document 2: invalid YAML: /);
  });
});

describe('repeated keys', () => {
  const where = (diagnostics: readonly { line: number; column: number; message: string }[]) =>
    diagnostics.map((d) => `${String(d.line)}:${String(d.column)} ${d.message}`);
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`;

  it('rejects a document that repeats a key, at the second key, naming the first line', () => {
    const { resources, diagnostics } = yaml(`${pod('a')}---\n${pod('b')}${pod('c')}---\n${pod('d')}`);
    assert.deepEqual(
      resources.map((r) => r.name),
      ['a', 'd'],
    );
    assert.deepEqual(where(diagnostics), [
      '10:1 document 2: mapping key "apiVersion" already defined at line 6',
    ]);
    assert.equal(diagnostics[0]?.level, 'error');
  });

  it('finds repeats in nested and flow mappings, quoted or plain, on the general path too', () => {
    const nested = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {x: "1", "x": 2}}\n';
    assert.deepEqual(where(yaml(nested).diagnostics), [
      '3:38 document 1: mapping key "x" already defined at line 3',
    ]);
    const anchored = `${pod('a')}spec: &s\n  a: 1\n  'a': 2\nother: *s\n`;
    assert.deepEqual(where(yaml(anchored).diagnostics), [
      '7:3 document 1: mapping key "a" already defined at line 6',
    ]);
    const keys =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\ndata:\n  1: x\n  "1": y\n  yes: z\n  true: w\n';
    assert.deepEqual(where(yaml(keys).diagnostics), [
      '6:3 document 1: mapping key "1" already defined at line 5',
    ]);
  });

  it('keeps merge keys working: neither << twice nor a key overriding a merged one is a repeat', () => {
    const { resources, diagnostics } = yaml(
      `${pod('a')}base: &b {p: 1, q: 2}\nmore: &m {z: 3}\nderived:\n  <<: *b\n  <<: *m\n  p: 9\n`,
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(resources[0]?.object.derived, { p: 9, q: 2, z: 3 });
  });

  it('rejects a JSON object that repeats a key, as strict decoding does', () => {
    const { resources, diagnostics } = json(
      '{\n  "kind": "Pod",\n  "apiVersion": "v1",\n  "kind": "Service"\n}',
    );
    assert.equal(resources.length, 0);
    assert.deepEqual(where(diagnostics), ['4:3 mapping key "kind" already defined at line 2']);
    const quoted = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"k":"\\"x\\": 1"}}}';
    assert.deepEqual(json(quoted).diagnostics, []);
    const escapes =
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"k\\\\":"\\\\", "l" : "\\":"}}}';
    assert.deepEqual(json(escapes).diagnostics, []);
    assert.deepEqual(where(json('{"kind":"Pod","a":{"b\\\\":1,"b\\u005c":2}}').diagnostics), [
      '1:28 mapping key "b\\\\" already defined at line 1',
    ]);
  });
});

describe('documents that are not objects', () => {
  it('reports a scalar and a sequence document as errors', () => {
    const { resources, diagnostics } = yaml('just a string\n---\n- a\n- b\n');
    assert.equal(resources.length, 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.message]),
      [
        [1, 'document 1 is a string, not a Kubernetes object'],
        [3, 'document 2 is a sequence, not a Kubernetes object'],
      ],
    );
  });

  it('reports a mapping without kind: error when named, warning when found in a directory', () => {
    const text = 'apiVersion: v1\nmetadata: {name: web}\n';
    assert.equal(yaml(text).diagnostics[0]?.level, 'error');
    const walked = loadSources([{ file: 'web.yaml', text, format: 'yaml', named: false }]);
    assert.equal(walked.diagnostics[0]?.level, 'warning');
    assert.equal(walked.diagnostics[0]?.message, 'document 1: not a Kubernetes object (no kind)');
  });

  it('skips with a note what a directory walk finds that is no Kubernetes object', () => {
    const walk = (file: string, text: string, format: 'yaml' | 'json' = 'yaml') =>
      loadSources([{ file, text, format, named: false }]).diagnostics.map(
        (d) => `${d.level} ${d.file}:${String(d.line)}:${String(d.column)} ${d.message}`,
      );
    const skipped = (file: string) =>
      `note ${file}:1:1 document 1 is not a Kubernetes object (no kind or metadata): skipped`;
    assert.deepEqual(walk('package.json', '{"name": "app", "version": "1.0.0"}', 'json'), [
      skipped('package.json'),
    ]);
    assert.deepEqual(walk('.github/workflows/ci.yml', 'name: ci\non: [push]\njobs: {}\n'), [
      skipped('.github/workflows/ci.yml'),
    ]);
    assert.deepEqual(walk('chart/values.yaml', 'replicaCount: 2\n'), [skipped('chart/values.yaml')]);
    assert.deepEqual(walk('chart/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n'), [
      skipped('chart/Chart.yaml'),
    ]);
    assert.deepEqual(walk('hosts.yaml', '- a\n- b\n'), [
      'note hosts.yaml:1:1 document 1 is a sequence, not a Kubernetes object: skipped',
    ]);
    assert.deepEqual(walk('pods.yaml', '- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n'), [
      'error pods.yaml:1:1 document 1 is a sequence, not a Kubernetes object',
    ]);
    assert.deepEqual(
      walk('package.json', '{"name": "app"}', 'json').concat(
        loadSources([
          { file: 'package.json', text: '{"name": "app"}', format: 'json', named: true },
        ]).diagnostics.map((d) => d.level),
      ),
      [skipped('package.json'), 'error'],
    );
  });

  it('keeps unknown kinds (custom resources) without complaint', () => {
    const { resources, diagnostics } = yaml(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
    );
    assert.equal(resources[0]?.kind, 'Widget');
    assert.deepEqual(diagnostics, []);
  });
});

// ObjectMeta's name, generateName and namespace are strings, its labels and annotations maps of
// strings (k8s.io/apimachinery's ObjectMeta): `kubectl apply` refuses a document that breaks this
// when it decodes it ("json: cannot
// unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string"). Under YAML 1.1,
// `namespace: y` and `enabled: true` are such booleans.
describe('metadata types, as ObjectMeta decodes them', () => {
  const errors = (text: string) =>
    yaml(text).diagnostics.map((d) => `${d.level} ${String(d.line)}:${String(d.column)} ${d.message}`);
  const cm = 'apiVersion: v1\nkind: ConfigMap\n';

  it('reports a name, generateName or namespace that is not a string, and leaves the object out', () => {
    const { resources, diagnostics } = yaml(`${cm}metadata:\n  name: a\n  namespace: y\n`);
    assert.equal(resources.length, 0);
    assert.deepEqual(
      diagnostics.map((d) => `${d.level} ${String(d.line)}:${String(d.column)} ${d.message}`),
      ['error 5:3 document 1: invalid metadata.namespace: must be a string, got boolean true'],
    );
    assert.deepEqual(errors(`${cm}metadata: {name: 0644}\n`), [
      'error 3:12 document 1: invalid metadata.name: must be a string, got number 420',
    ]);
    assert.deepEqual(errors(`${cm}metadata: {generateName: [a]}\n`), [
      'error 3:12 document 1: invalid metadata.generateName: must be a string, got a list',
    ]);
  });

  it('reports labels or annotations that are not a map of strings, naming the key', () => {
    assert.deepEqual(errors(`${cm}metadata:\n  name: a\n  labels:\n    app: web\n    enabled: true\n`), [
      'error 7:5 document 1: invalid metadata.labels.enabled: must be a string, got boolean true',
    ]);
    assert.deepEqual(errors(`${cm}metadata: {name: a, annotations: [x]}\n`), [
      'error 3:21 document 1: invalid metadata.annotations: must be a map, got a list',
    ]);
    assert.deepEqual(errors(`${cm}metadata: x\n`), [
      'error 3:1 document 1: invalid metadata: must be a map, got string "x"',
    ]);
  });

  it('names the item of a List whose metadata is refused, and keeps the other items', () => {
    const { resources, diagnostics } = yaml(
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: a}}\n' +
        '- {apiVersion: v1, kind: Pod, metadata: {name: b, labels: {on: 1}}}\n',
    );
    assert.deepEqual(
      resources.map((r) => r.name),
      ['a'],
    );
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      ['document 1 item 1: invalid metadata.labels.true: must be a string, got number 1'],
    );
  });

  it('accepts strings, nulls, quoted booleans and absent fields', () => {
    const text =
      `${cm}metadata:\n  name: a\n  namespace: "y"\n  generateName: null\n` +
      '  labels: {enabled: "true", empty: null}\n  annotations: null\n';
    const { resources, diagnostics } = yaml(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      resources.map((r) => `${r.namespace ?? '-'}/${r.name}`),
      ['y/a'],
    );
    assert.deepEqual(yaml(`${cm}metadata: null\n`).resources.length, 1);
  });
});

describe('lists', () => {
  it('expands kind: List and typed lists, inheriting kind for items that omit it', () => {
    const { resources } = yaml(
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n' +
        '---\napiVersion: v1\nkind: ServiceList\nitems:\n- metadata: {name: s}\n',
    );
    assert.deepEqual(
      resources.map((r) => [r.kind, r.name, r.origin.itemPath]),
      [
        ['Pod', 'p', ['items', 0]],
        ['Service', 's', ['items', 0]],
      ],
    );
  });

  it('reports items that is not a list', () => {
    const { diagnostics } = yaml('apiVersion: v1\nkind: List\nitems: {a: 1}\n');
    assert.equal(diagnostics[0]?.message, 'document 1: List.items must be a list');
  });

  it('loads every item of a List as large as `kubectl get -A -o json` of a big cluster', () => {
    const count = 200_000;
    const items = Array.from({ length: count }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `config-${String(i)}`, namespace: `team-${String(i % 100)}` },
    }));
    const { resources, diagnostics } = json(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    assert.deepEqual(diagnostics, []);
    assert.equal(resources.length, count);
    assert.deepEqual(
      [resources[0], resources.at(-1)].map(
        (r) => `${r?.namespace ?? ''}/${r?.name ?? ''} ${String(r?.origin.itemPath)}`,
      ),
      ['team-0/config-0 items,0', 'team-99/config-199999 items,199999'],
    );
  });
});

describe('configuration files', () => {
  it('recognises node and component configs by apiVersion/kind', () => {
    const { resources } = yaml(
      'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n---\n' +
        'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: []\n---\n' +
        'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n---\napiVersion: v1\nkind: Config\nclusters: []\n---\n' +
        'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
    );
    assert.deepEqual(
      resources.map((r) => r.role),
      ['config', 'config', 'config', 'config', 'config', 'object'],
    );
  });
});

describe('JSON', () => {
  it('parses JSON documents and Lists', () => {
    const { resources } = json(
      '{"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}',
    );
    assert.deepEqual(
      resources.map((r) => `${r.kind}/${r.name}`),
      ['Pod/a', 'Pod/b'],
    );
  });

  it('reports invalid JSON with line and column', () => {
    const { diagnostics } = json('{\n  "kind": "Pod",\n  oops\n}');
    assert.equal(diagnostics[0]?.line, 3);
    assert.match(diagnostics[0]?.message ?? '', /^invalid JSON: /);
  });
});

describe('hostile input', () => {
  it('rejects an alias bomb quickly and with bounded memory', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = performance.now();
    const { resources, diagnostics } = yaml(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n${levels.join('\n')}\n`,
    );
    assert.ok(performance.now() - started < 2000);
    assert.equal(resources.length, 0);
    assert.match(diagnostics[0]?.message ?? '', /expands to more than 1000000 nodes through aliases/);
  });

  it('rejects 1,000-level nesting with a clear error instead of overflowing the stack', () => {
    const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const { diagnostics } = yaml(`apiVersion: v1\nkind: X\nmetadata: {name: a}\ndeep: ${deep}\n`);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.line, 4);
    assert.match(diagnostics[0]?.message ?? '', /nesting exceeded maxDepth/);
  });

  it('rejects deep JSON nesting before walking it', () => {
    const deep = `{"apiVersion":"v1","kind":"X","deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const { resources, diagnostics } = json(deep);
    assert.equal(resources.length, 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.column, d.message]),
      [[1, 293, 'nesting deeper than 256 levels']],
    );
  });

  it('accepts JSON nested within the limit, and strings full of brackets', () => {
    const text = `{"apiVersion":"v1","kind":"X","metadata":{"name":"[[[[{{{{\\"}","deep":${'['.repeat(200)}${']'.repeat(200)}}}`;
    assert.deepEqual(json(text).diagnostics, []);
  });
});
