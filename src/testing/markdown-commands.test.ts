import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocsTestDirectiveError, commandBlocks, commandsOf } from './markdown-commands.ts';

const PAGE = `# Page

\`\`\`sh
kubeward scan examples/hardened   # a comment stays
# a comment line is dropped

kubectl get pods -A -o yaml \\
  | kubeward scan -f -
\`\`\`

\`\`\`
kubeward scan [paths...]
\`\`\`

<!-- docs-test: exit 1 -->
\`\`\`sh
kubeward scan examples/insecure
\`\`\`

<!-- docs-test: skip: needs a live cluster -->

\`\`\`sh
kubectl apply -f x.yaml
\`\`\`

\`\`\`yaml
kind: Pod
\`\`\`
`;

describe('commandBlocks', () => {
  it('returns the sh blocks with their line, commands, expected exit code and skip reason', () => {
    assert.deepEqual(commandBlocks(PAGE), [
      {
        line: 3,
        commands: [
          'kubeward scan examples/hardened   # a comment stays',
          'kubectl get pods -A -o yaml \\\n  | kubeward scan -f -',
        ],
        exitCode: 0,
        skip: undefined,
      },
      { line: 16, commands: ['kubeward scan examples/insecure'], exitCode: 1, skip: undefined },
      { line: 22, commands: ['kubectl apply -f x.yaml'], exitCode: 0, skip: 'needs a live cluster' },
    ]);
  });

  it('rejects an unknown directive and one that stands before no sh block, naming the line', () => {
    assert.throws(
      () => commandBlocks('<!-- docs-test: exit one -->\n```sh\ntrue\n```\n'),
      (error: unknown) =>
        error instanceof DocsTestDirectiveError && /^1: unknown docs-test directive/.test(error.message),
    );
    assert.throws(
      () => commandBlocks('text\n\n<!-- docs-test: skip: live -->\n```yaml\na: 1\n```\n'),
      (error: unknown) =>
        error instanceof DocsTestDirectiveError &&
        error.message === '3: docs-test directive not followed by a ```sh block',
    );
  });
});

describe('commandsOf', () => {
  it('joins lines ending in \\, |, && or || with the next one', () => {
    assert.deepEqual(commandsOf(['a &&', 'b', 'c |', 'd', 'e ||', 'f']), ['a &&\nb', 'c |\nd', 'e ||\nf']);
  });
});
