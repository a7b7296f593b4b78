// Quoted scalars continued at a shallow indent: the YAML 1.2 spec (s-flow-line-prefix) refuses them;
// go-yaml, which kubectl decodes manifests with, folds them (checked with `kubectl kustomize`, v1.32).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from './parse.ts';
import { indentQuotedContinuations } from './quoted-continuations.ts';

function parse(text: string): ReturnType<typeof parseSource> {
  return parseSource({ file: 'x.yaml', text, format: 'yaml' });
}

describe('quoted scalars continued at a shallow indent', () => {
  it('reads them as kubectl does, folded, with a warning at each such line', () => {
    const parsed = parse(
      'metadata:\n  name: "a\n  b"\n  annotations:\n    x: \'one\n\n    two\'\n    z: "we\\\n  b"\n',
    );
    assert.deepEqual(parsed.documents[0]?.value, {
      metadata: { name: 'a b', annotations: { x: 'one\ntwo', z: 'web' } },
    });
    assert.deepEqual(
      parsed.diagnostics.map((diagnostic) => `${diagnostic.level} ${diagnostic.line}:${diagnostic.column}`),
      ['warning 3:1', 'warning 7:1', 'warning 9:1'],
    );
  });

  it('leaves spec-conforming YAML, block scalars and comments alone', () => {
    const text = 'a: "x\n   y"\nb: |\n  "not\n c: a quote\n# "comment\nd: \'it\'\'s\'\n';
    assert.deepEqual(indentQuotedContinuations(text), { text, lines: [] });
    const parsed = parse('a: "x\n   y"\n');
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.documents[0]?.value, { a: 'x y' });
  });

  it('still reports other deficient indentation as invalid YAML', () => {
    const parsed = parse('a:\n  b: 1\n c: 2\n');
    assert.match(parsed.diagnostics[0]?.message ?? '', /^document 1: invalid YAML: /);
    assert.equal(parsed.diagnostics[0]?.level, 'error');
  });
});
