import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUTPUT_FORMATS } from '../render/formats.ts';
import { runCli } from '../testing/cli.ts';
import { pageFindings } from '../testing/html-report.ts';
import { ROOT } from '../testing/scan-examples.ts';
import { assertTerminalSafe } from '../testing/terminal-safety.ts';

const HOSTILE = 'testdata/terminal/hostile.yaml';
/** The object of the hostile manifest, as every format must show it: escaped, visible. */
const OBJECT = 'Pod/apps\\u202e/web\\r\\x1b[2K\\x1b[1Aall clear';
const CONTAINER = 'container "app\\n  LOW      fake-check   1:1   all good\\x1b]0;pwned\\x07"';
const DUPLICATE_KEY = `${HOSTILE}:28:3: error: document 2: mapping key "dup\\u202ekey\\x9b2K" already defined at line 27`;

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata: {name: forged, namespace: apps}
spec:
  containers: [{name: c, image: nginx, securityContext: {privileged: true}}]
`;

/** Every line of `text` that `check` accepts; fails when there is none. */
function lineWith(text: string, check: (line: string) => boolean): string {
  const line = text.split('\n').find(check);
  assert.ok(line !== undefined, text);
  return line;
}

describe('kubeward scan prints hostile names, file names and messages escaped, in every format', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-terminal-'));
    writeFileSync(join(dir, 'a\nb\x1b[2K.yaml'), PRIVILEGED_POD);
    writeFileSync(join(dir, 'broken\r\x1b[1A.yaml'), 'kind: [unclosed\n');
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const scan = (format: string) => {
    const run = runCli(['scan', HOSTILE, dir, '-o', format, '--show-suppressed']);
    assert.equal(run.status, 2, run.stderr);
    assertTerminalSafe(run.stdout, `-o ${format} stdout`);
    assertTerminalSafe(run.stderr, `-o ${format} stderr`);
    return run;
  };

  for (const format of OUTPUT_FORMATS)
    it(`-o ${format}: diagnostics on stderr name the hostile file and key escaped, one line each`, () => {
      const { stderr } = scan(format);
      assert.ok(stderr.split('\n').includes(DUPLICATE_KEY), stderr);
      assert.match(
        lineWith(stderr, (line) => line.startsWith(`${dir}/broken\\r\\x1b[1A.yaml:2:1: error: `)),
        /invalid YAML/,
      );
      assert.equal(stderr.trimEnd().split('\n').length, 2, stderr);
    });

  it('-o table: object, file, message and suppression reason are escaped', () => {
    const { stdout } = scan('table');
    assert.ok(stdout.split('\n').includes(`${OBJECT}  ${HOSTILE}`), stdout);
    assert.ok(stdout.split('\n').includes(`Pod/apps/forged  ${dir}/a\\nb\\x1b[2K.yaml`), stdout);
    const cpu = lineWith(stdout, (line) => line.includes('cpu-limit-missing'));
    assert.match(cpu, /17:7 +container "app\\n/);
    assert.ok(cpu.replace(/17:7 +/, '17:7 ').endsWith(`17:7 ${CONTAINER} has no cpu limit`), cpu);
    assert.match(
      lineWith(stdout, (line) => line.includes('SUPPRESSED')),
      /image "nginx\\x7f:latest" uses the mutable tag :latest \(approved\\n {2}OK {3}nothing to see\\x9b2K\)$/,
    );
  });

  it('-o table in colour: kubeward colours the escaped values, input cannot colour anything', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '1' };
    delete env.NO_COLOR;
    delete env.CI;
    const run = spawnSync(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/main.ts'), 'scan', HOSTILE],
      { cwd: ROOT, encoding: 'utf8', env },
    );
    assertTerminalSafe(run.stdout, 'coloured table');
    assert.ok(run.stdout.includes(`\x1b[1m${OBJECT}\x1b[22m`), run.stdout);
    assert.ok(run.stdout.includes('"SYS_ADMIN\\x1b[31m"'), run.stdout);
  });

  it('-o json: the same data, with nothing raw that a terminal acts on', () => {
    const { stdout } = scan('json');
    assert.ok(stdout.includes('"namespace": "apps\\u202e"'), stdout);
    assert.ok(stdout.includes('\\u009b2K'), stdout);
    const report = JSON.parse(stdout) as { findings: { object: { name: string; namespace: string } }[] };
    assert.ok(report.findings.some(({ object }) => object.name === 'web\r\x1b[2K\x1b[1Aall clear'));
    assert.ok(report.findings.some(({ object }) => object.namespace === 'apps\u202e'));
  });

  it('-o yaml: controls as YAML escapes, bidi overrides as visible text', () => {
    const { stdout } = scan('yaml');
    assert.ok(stdout.includes('name: "web\\r\\e[2K\\e[1Aall clear"'), stdout);
    assert.ok(stdout.includes('namespace: apps\\u202e'), stdout);
  });

  it('-o sarif: the same data, with nothing raw that a terminal acts on', () => {
    const { stdout } = scan('sarif');
    const log = JSON.parse(stdout) as { runs: { results: { message: { text: string } }[] }[] };
    const texts = log.runs.flatMap((run) => run.results.map((result) => result.message.text));
    assert.ok(
      texts.some((text) => text.includes('all good\x1b]0;pwned\x07')),
      stdout,
    );
  });

  it('-o junit: names in attributes and the lines of the failure text are escaped', () => {
    const { stdout } = scan('junit');
    assert.ok(stdout.includes(`classname="${OBJECT}"`), stdout);
    assert.ok(
      stdout.includes(
        `${HOSTILE}:20:9: privileged (${CONTAINER.replaceAll('"', '&quot;')} must not set securityContext.privileged=true)\nRemediation: `,
      ),
      stdout,
    );
    assert.ok(stdout.includes(`file="${dir}/a\\nb\\x1b[2K.yaml"`), stdout);
  });

  it('-o html: names, file names and messages are escaped', () => {
    const { stdout } = scan('html');
    const { objects, rows } = pageFindings(stdout);
    const names = objects.map(([kind, namespace, name, file]) => `${kind}/${namespace}/${name} ${file}`);
    assert.ok(names.includes(`${OBJECT} ${HOSTILE}`), names.join('\n'));
    assert.ok(names.includes(`Pod/apps/forged ${dir}/a\\nb\\x1b[2K.yaml`), names.join('\n'));
    assert.ok(
      rows.some(([, , , , , message]) => message.includes(CONTAINER)),
      rows.map((row) => row[5]).join('\n'),
    );
    assert.ok(stdout.includes(`<li><code>${DUPLICATE_KEY.replaceAll('"', '&quot;')}</code></li>`), stdout);
  });
});

describe('other commands print hostile input escaped', () => {
  const safe = (args: readonly string[]) => {
    const run = runCli(args);
    assertTerminalSafe(run.stdout, `${args.join(' ')} stdout`);
    assertTerminalSafe(run.stderr, `${args.join(' ')} stderr`);
    return run;
  };

  it('checks: an unknown id or theme is quoted escaped in the usage error', () => {
    const explain = safe(['checks', 'explain', 'x\r\x1b[2Kpss-privileged']);
    assert.equal(explain.status, 2);
    assert.match(explain.stderr, /^error: unknown check "x\\r\\x1b\[2Kpss-privileged"/);
    const list = safe(['checks', 'list', '--theme', 'tls\n\u202eok']);
    assert.equal(list.status, 2);
    assert.match(list.stderr, /^error: unknown theme "tls\\n\\u202eok"/);
  });

  it('score: the object name is escaped in the table and the explanation, \\u-escaped in JSON', () => {
    const table = safe(['score', HOSTILE, '-o', 'table']);
    assert.match(table.stdout, /^Pod\/web\\r\\x1b\[2K\\x1b\[1Aall clear\.apps\\u202e {3}-69 /m);
    const explain = safe(['score', HOSTILE, '--explain']);
    assert.ok(
      explain.stdout.startsWith(`Pod/web\\r\\x1b[2K\\x1b[1Aall clear.apps\\u202e (${HOSTILE}:3:1): `),
    );
    const json = safe(['score', HOSTILE]);
    assert.ok(json.stdout.includes('"object": "Pod/web\\r\\u001b[2K\\u001b[1Aall clear.apps\\u202e"'));
    assert.ok(table.stderr.split('\n').includes(DUPLICATE_KEY), table.stderr);
  });

  it('rbac who-can: binding and subject names are escaped in both tables', () => {
    const run = safe(['rbac', 'who-can', 'get', 'pods', '-A', '-f', 'testdata/terminal/rbac.yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^reader\\x9b1A {2}default {4}alice\\x1b\]0;owned\\x07 {2}User$/m);
    assert.match(
      run.stdout,
      /^ops\\r\\x1b\[2Knothing-here +deployer\\n {2}fake-binding {3}system:masters {3}Group {2}ServiceAccount {2}ci\\u202e$/m,
    );
  });

  it('rbac can-i --list: resource names are escaped', () => {
    const run = safe(['rbac', 'can-i', '--list', '--as', 'bob', '-f', 'testdata/terminal/rbac.yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^configmaps +\[\] +\[app\\r\\x1b\[2K\*\] +\[get\]$/m);
  });

  it('rbac paths: workload, ServiceAccount and binding names are escaped in the table and the chains', () => {
    const run = safe(['rbac', 'paths', '-f', 'testdata/terminal/rbac.yaml']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      /^Deployment\/deploy\\x1b\[1Ahidden {3}ci\\u202e {4}deployer\\n {2}fake-binding {3}system:masters {3}Group {3}mounted /m,
    );
    assert.ok(
      run.stdout.includes(
        '  Deployment deploy\\x1b[1Ahidden → ServiceAccount ci\\u202e/deployer\\n  fake-binding   system:masters   Group → ClusterRoleBinding ops\\r\\x1b[2Knothing-here → ClusterRole cluster-admin: create pods\n',
      ),
      run.stdout,
    );
  });

  it('netpol matrix: workload names are escaped in the table, csv and md', () => {
    for (const format of ['table', 'csv', 'md']) {
      const run = safe(['netpol', 'matrix', '-f', 'testdata/terminal/netpol.yaml', '-o', format]);
      assert.equal(run.status, 0, run.stderr);
      assert.ok(run.stdout.includes('deployment/shop/web\\r\\x1b[2Kall-denied'), run.stdout);
      assert.ok(run.stdout.includes('deployment/shop\\x85/api\\u2066'), run.stdout);
    }
  });

  it('netpol explain: the endpoint and the policy names are escaped', () => {
    const run = safe([
      'netpol',
      'explain',
      '10.0.0.1',
      'shop/web\r\x1b[2Kall-denied',
      '80',
      '-f',
      'testdata/terminal/netpol.yaml',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(
      run.stdout.includes('ingress of destination deployment/shop/web\\r\\x1b[2Kall-denied:\n'),
      run.stdout,
    );
    assert.ok(run.stdout.includes('  isolated by: shop/allow-web\\x1b[1A\\x1b[2K ('), run.stdout);
  });

  it('netpol assert: a test name cannot forge a TAP line, nor a reason a JUnit one', () => {
    const args = [
      'netpol',
      'assert',
      'testdata/terminal/netassert.yaml',
      '-f',
      'testdata/terminal/netpol.yaml',
    ];
    const tap = safe([...args, '-o', 'tap']);
    assert.equal(tap.status, 1, tap.stderr);
    assert.equal(
      tap.stdout,
      [
        'TAP version 14',
        '1..1',
        'not ok 1 - reach\\nok 99 - everything is fine',
        '  ---',
        '  reason: "no workload shop/gho\\\\x1b[2Kst in the manifests"',
        '  ...',
        '',
      ].join('\n'),
    );
    const junit = safe([...args, '-o', 'junit']);
    assert.ok(junit.stdout.includes('<testcase name="reach\\nok 99 - everything is fine"'), junit.stdout);
  });
});
