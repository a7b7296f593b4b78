import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runTool, toolMessage } from './run-tool.ts';

/** Runs a Node script as the tool: a real process, exit code and streams. */
const node = (script: string, maxBytes = 1024) => runTool(process.execPath, ['-e', script], { maxBytes });

describe('running a renderer', () => {
  it('gives its standard output', async () => {
    assert.deepEqual(await node('process.stdout.write("kind: Pod\\n")'), { ok: true, stdout: 'kind: Pod\n' });
  });

  it('gives its own error message when it fails', async () => {
    assert.deepEqual(await node('console.error("warning: x\\nError: chart not found"); process.exit(1)'), {
      ok: false,
      reason: 'chart not found',
    });
  });

  it('stops reading at the size cap', async () => {
    assert.deepEqual(await node('process.stdout.write("x".repeat(5000))', 1000), {
      ok: false,
      reason: 'its output exceeds --max-file-size 1000 bytes',
    });
  });

  it("words kubectl's, kustomize's and helm's errors as one line", () => {
    assert.equal(
      toolMessage(
        'E1207 05:38:06.843125    5525 run.go:72] "command failed" err="unable to find one of \'kustomization.yaml\' in directory \'/tmp/x\'"\n',
      ),
      "unable to find one of 'kustomization.yaml' in directory '/tmp/x'",
    );
    assert.equal(toolMessage('E1 run.go:72] "command failed" err="a \\"quoted\\" word"'), 'a "quoted" word');
    assert.equal(
      toolMessage('Error: accumulating resources: missing.yaml\n\n'),
      'accumulating resources: missing.yaml',
    );
    assert.equal(toolMessage(''), '');
  });
});
