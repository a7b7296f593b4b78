import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildCliBundle } from '../testing/bundle.ts';
import { ROOT } from '../testing/scan-examples.ts';
import { VERSION } from '../version.ts';

let bin = '';
before(() => {
  bin = buildCliBundle();
});

const env = { ...process.env, NO_COLOR: '1', KUBEWARD_DEBUG: '' };

/** Runs the built bin with node, as the package's bin runs it. */
function kubeward(args: readonly string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, ...extraEnv },
  });
}

/**
 * Runs the built bin with stdout a real pipe that this side closes: after the first chunk, or
 * before anything arrives when `closeAt` is 'start'. Resolves to the exit code and stderr.
 */
function withClosedStdout(
  args: readonly string[],
  closeAt: 'first-chunk' | 'start',
): Promise<{ code: number | null; stderr: string; chunks: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let chunks = 0;
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.stdout.on('data', () => {
      chunks++;
      child.stdout.destroy();
    });
    if (closeAt === 'start') child.stdout.destroy();
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stderr, chunks });
    });
  });
}

describe('the built bin', () => {
  it('starts through a plain #!/usr/bin/env node shebang, as BusyBox env runs it', () => {
    assert.equal(readFileSync(bin, 'utf8').split('\n')[0], '#!/usr/bin/env node');
    const run = spawnSync(bin, ['--version'], {
      encoding: 'utf8',
      env: { ...env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${VERSION}\n`);
  });

  it('names the files under src/ in the stack trace of an internal error (KUBEWARD_DEBUG=1)', () => {
    // A preloaded module breaks a built-in kubeward relies on: writing the report then fails as a bug would.
    const broken = "JSON.stringify = () => { throw new Error('JSON.stringify is broken'); };";
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(broken)}`,
        bin,
        'scan',
        'examples/insecure/api.yaml',
        '-o',
        'json',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...env, KUBEWARD_DEBUG: '1' } },
    );
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stderr, /^internal error: JSON\.stringify is broken/m);
    assert.match(run.stderr, /\/src\/[\w/-]+\.ts:\d+:\d+/);
  });

  it('scans one small file with the same report as the sources', () => {
    const run = kubeward(['scan', 'examples/insecure/api.yaml', '-o', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    assert.ok(report.findings.length > 0);
  });

  it('evaluates string-width, which the bundle holds, only when a table measures text other than printable ASCII', () => {
    const counter = [
      'const Segmenter = Intl.Segmenter; let made = 0;',
      'Intl.Segmenter = class extends Segmenter { constructor(...a) { super(...a); made++; } };',
      "process.on('exit', () => process.stderr.write(`segmenters: ${made}\\n`));",
    ].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'kubeward-width-')), 'rbac.yaml');
    const whoCan = (user: string) => {
      writeFileSync(
        file,
        [
          'kind: ClusterRoleBinding',
          'apiVersion: rbac.authorization.k8s.io/v1',
          'metadata: {name: readers}',
          'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
          `subjects: [{kind: User, name: ${user}, apiGroup: rbac.authorization.k8s.io}]`,
        ].join('\n'),
      );
      return kubeward(['rbac', 'who-can', 'get', 'secrets', '-f', file], {
        NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(counter)}`,
      });
    };
    const ascii = whoCan('alice');
    assert.equal(ascii.status, 0, ascii.stderr);
    assert.match(ascii.stdout, /^readers {2,}alice {27}User$/m);
    assert.match(ascii.stderr, /^segmenters: 0$/m);
    // SUBJECT is as wide as system:kube-controller-manager (30 columns): 漢字 takes 4 of them.
    const wide = whoCan('漢字');
    assert.equal(wide.status, 0, wide.stderr);
    assert.match(wide.stdout, /^readers {2,}漢字 {28}User$/m);
    assert.match(wide.stderr, /^segmenters: [1-9]/m);
  });

  const linuxOnly = {
    skip: process.platform === 'linux' ? false : 'nice values per thread and /proc/self/task are Linux only',
  };
  it(
    'gives the threads that V8 started before the bin the lowest priority, and keeps the main thread at its own',
    linuxOnly,
    () => {
      // Field 19 of /proc/PID/task/TID/stat is the nice value; the fields after the command name start at 3.
      const probe = [
        "import { readdirSync, readFileSync } from 'node:fs';",
        "const nice = (tid) => { const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'); return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]; };",
        "const helpers = readdirSync('/proc/self/task').filter((tid) => Number(tid) !== process.pid);",
        "process.on('exit', () => process.stderr.write(`main: ${nice(process.pid)}\\nhelpers: ${helpers.map(nice).join(' ')}\\n`));",
      ].join('\n');
      const run = kubeward(['--version'], {
        NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(probe)}`,
      });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`^main: ${String(getPriority())}$`, 'm'));
      assert.match(run.stderr, /^helpers: 19( 19){3,}$/m);
    },
  );

  it('draws netpol matrix -o svg with Graphviz from a chunk of its own, which main.js does not load', () => {
    const run = kubeward(['netpol', 'matrix', '-f', 'examples/netpol/manifests.yaml', '-o', 'svg']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^<\?xml [^]*<title>cluster_default<\/title>[^]*<\/svg>\n$/);
    assert.doesNotMatch(readFileSync(bin, 'utf8'), /CGraphviz/);
  });
});

describe('a closed stdout (EPIPE)', () => {
  it('ends scan quietly with its normal exit code when the reader stops after the first chunk', async () => {
    const manifests = mkdtempSync(join(tmpdir(), 'kubeward-cli-'));
    const examples = join(ROOT, 'examples/insecure');
    // Ten copies under other names: copies of one object would be one object, declared again.
    for (let copy = 0; copy < 10; copy++) {
      mkdirSync(join(manifests, String(copy)));
      for (const file of readdirSync(examples))
        writeFileSync(
          join(manifests, String(copy), file),
          readFileSync(join(examples, file), 'utf8').replace(
            /(\bname"?:\s*"?)([a-z0-9][\w.-]*)/g,
            `$1$2-${String(copy)}`,
          ),
        );
    }
    const clean = await withClosedStdout(
      ['scan', manifests, '-o', 'json', '--fail-on', 'none'],
      'first-chunk',
    );
    assert.equal(clean.chunks, 1);
    assert.equal(clean.stderr, '');
    assert.equal(clean.code, 0);
    const failing = await withClosedStdout(['scan', manifests, '-o', 'json'], 'first-chunk');
    assert.equal(failing.stderr, '');
    assert.equal(failing.code, 1);
  });

  it('ends netpol matrix quietly when the pipe is closed before it writes', async () => {
    const run = await withClosedStdout(['netpol', 'matrix', '-f', 'examples/netpol/manifests.yaml'], 'start');
    assert.doesNotMatch(run.stderr, /EPIPE|Error/);
    assert.equal(run.code, 0);
  });
});

describe('unknown commands', () => {
  it('are a usage error that suggests the nearest command', () => {
    const run = kubeward(['scna']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown command 'scna'/);
    assert.match(run.stderr, /did you mean scan\?/i);
  });

  it('are a usage error with --help too, instead of the top-level help', () => {
    const run = kubeward(['scna', '--help']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /unknown command 'scna'[\s\S]*did you mean scan\?/i);
    const nested = kubeward(['rbac', 'who-cann', '--help']);
    assert.equal(nested.status, 2);
    assert.match(nested.stderr, /did you mean who-can\?/i);
  });

  it('leave --help of known commands alone', () => {
    for (const args of [['--help'], ['scan', '--help'], ['rbac', '--help'], ['help', 'scan']]) {
      const run = kubeward(args);
      assert.equal(run.status, 0, args.join(' '));
      assert.match(run.stdout, /^Usage: kubeward/, args.join(' '));
    }
  });

  it('read an operand of a command that takes files besides its sub-commands as a file, --help kept', () => {
    const run = kubeward(['detect', 'events.jsonl', '--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: kubeward detect \[options\] \[command\] \[files\.\.\.\]/);
  });
});
