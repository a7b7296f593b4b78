// `kubeward netpol ingress` prints names, hosts and paths from the input escaped, in every format.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import { assertTerminalSafe } from '../testing/terminal-safety.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('kubeward netpol ingress on hostile names', () => {
  for (const format of ['table', 'md', 'json'])
    it(`-o ${format}: the route, host, path and Service names are escaped`, () => {
      const run = runNetpol(['ingress', '-f', 'testdata/terminal/netpol-ingress.yaml', '-o', format], ROOT);
      assert.equal(run.status, 0, run.stderr);
      assertTerminalSafe(run.stdout, `-o ${format} stdout`);
      assert.ok(
        run.stdout.includes('shop\\r\\x1b[2Kall-allowed') ||
          run.stdout.includes('shop\\r\\u001b[2Kall-allowed'),
        run.stdout,
      );
      assert.ok(run.stdout.includes('selects no pod'), run.stdout);
    });
});
