// The `kubeward detect` command end to end: the real CLI on the example audit events and rules.
// Falco's JSON alert shape: falcosecurity/falco userspace/engine/formats.cpp (format_event: keys
// time, rule, priority, source, hostname, output, tags, output_fields in an nlohmann::json object,
// dumped with its keys sorted) and userspace/falco/falco_outputs.cpp (the `%evt.time: Priority`
// prefix of output; format_priority's names).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { auditEvent, jsonLines } from '../testing/audit-events.ts';
import { runCli } from '../testing/cli.ts';
import { ROOT } from '../testing/scan-examples.ts';

const EVENTS = 'examples/audit/events.jsonl';
const RULES = 'examples/audit/rules.yaml';
const dir = mkdtempSync(join(tmpdir(), 'kubeward-detect-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const FINAL_STATS = [
  'detect: 8 events read, 4 matched, 4 alerts (4 shown), 0 dropped',
  '  1  Anonymous request allowed',
  '  1  Guarded secret read',
  '  1  Privileged container created',
  '  1  Shell into a pod',
  '',
].join('\n');

describe('kubeward detect', () => {
  it('prints one Falco JSON alert per line off a terminal, keys as Falco sorts them, stats on stderr', () => {
    const run = runCli(['detect', EVENTS, '--rules', RULES, '--hostname', 'node-1']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, FINAL_STATS);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.deepEqual(Object.keys(first), [
      'hostname',
      'output',
      'output_fields',
      'priority',
      'rule',
      'source',
      'tags',
      'time',
    ]);
    assert.deepEqual(first, {
      hostname: 'node-1',
      output:
        '10:15:08.113848000: Warning Privileged container in new pod (user=jane@example.com pod=shop/debug-tools images=(docker.io/library/busybox:1.36,registry.example.com/ops/netshoot:0.13))',
      output_fields: {
        'evt.time': 1772446508113848000,
        'ka.req.pod.containers.image': [
          'docker.io/library/busybox:1.36',
          'registry.example.com/ops/netshoot:0.13',
        ],
        'ka.resp.name': 'debug-tools',
        'ka.target.namespace': 'shop',
        'ka.user.name': 'jane@example.com',
      },
      priority: 'Warning',
      rule: 'Privileged container created',
      source: 'k8s_audit',
      tags: ['k8s', 'privilege_escalation'],
      time: '2026-03-02T10:15:08.113848000Z',
    });
    assert.match(lines[0] ?? '', /"evt\.time":1772446508113848000,/, 'nanoseconds written exactly');
    const priorities = lines.map((line) => (JSON.parse(line) as { priority: string }).priority);
    assert.deepEqual(priorities, ['Warning', 'Notice', 'Error', 'Critical']);
    const tags = JSON.parse(lines[2] ?? '') as { tags: string[] };
    assert.deepEqual(tags.tags, ['credential_access', 'k8s'], 'tags sorted as a std::set');
  });

  it('prints a table with -o table, one line per alert under one header', () => {
    const run = runCli(['detect', EVENTS, '--rules', RULES, '-o', 'table']);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] ?? '', /^TIME {29}PRIORITY {8}RULE {27}OUTPUT$/);
    assert.equal(
      lines[2],
      '2026-03-02T10:15:12.120772000Z   NOTICE          Shell into a pod               Command run in a pod (user=jane@example.com pod=shop/cart-7d9f action=exec command=sh)',
    );
    assert.equal(lines.length, 6);
  });

  it('shows only alerts at or above --min-priority, and counts the rest', () => {
    const run = runCli(['detect', EVENTS, '--rules', RULES, '--min-priority', 'error', '-o', 'table']);
    assert.equal(run.status, 0);
    assert.deepEqual(
      run.stdout
        .split('\n')
        .slice(1, -1)
        .map((line) => line.split(/ {3,}/)[1]),
      ['ERROR', 'CRITICAL'],
    );
    assert.match(run.stderr, /^detect: 8 events read, 4 matched, 4 alerts \(2 shown\), 0 dropped$/m);
  });

  it('exits 1 with --fail-on when an alert reaches it, 0 when none does', () => {
    assert.equal(runCli(['detect', EVENTS, '--rules', RULES, '--fail-on', 'critical']).status, 1);
    assert.equal(runCli(['detect', EVENTS, '--rules', RULES, '--fail-on', 'Emergency']).status, 0);
    const bad = runCli(['detect', EVENTS, '--rules', RULES, '--fail-on', 'severe']);
    assert.equal(bad.status, 2);
    assert.match(
      bad.stderr,
      /option '--fail-on <priority>' argument 'severe' is invalid\. give one of emergency, alert/,
    );
  });

  it('refuses to run without rules, saying where Falco k8s_audit rules are', () => {
    const run = runCli(['detect', EVENTS]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      "error: no rules to match: give --rules FILE, Falco's Kubernetes audit rules (k8s_audit_rules.yaml from " +
        'https://github.com/falcosecurity/plugins/tree/main/plugins/k8saudit/rules; kubeward does not bundle them) ' +
        'or rules of your own in the same language\n',
    );
  });

  it('names a rules file it cannot read, and a rule that does not compile', () => {
    const missing = runCli(['detect', EVENTS, '--rules', 'nope.yaml']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'error: nope.yaml: cannot read rules: no such file or directory\n');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      '- rule: Broken\n  desc: d\n  condition: ka.verb = create and (\n  output: o\n  priority: WARNING\n  source: k8s_audit\n',
    );
    const run = runCli(['detect', EVENTS, '--rules', broken]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^error: .*broken\.yaml.*Broken/m);
  });

  it('reports a bad line at file:line:col, matches the other lines, and exits 2', () => {
    const file = join(dir, 'bad.log');
    const good = readFileSync(join(ROOT, EVENTS), 'utf8');
    writeFileSync(file, `${good}{"kind": Event}\n`);
    const run = runCli(['detect', file, '--rules', RULES]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout.trimEnd().split('\n').length, 4);
    assert.match(run.stderr, /bad\.log:9:10: error: invalid JSON: Unexpected token 'E'/);
    assert.match(run.stderr, /^detect: 8 events read, 4 matched, 4 alerts \(4 shown\), 1 dropped$/m);
  });

  it('reads stdin and rotated .gz logs', () => {
    const text = readFileSync(join(ROOT, EVENTS), 'utf8');
    const piped = runCli(['detect', '--rules', RULES, '-o', 'json'], { input: text });
    assert.equal(piped.status, 0);
    assert.equal(piped.stdout.trimEnd().split('\n').length, 4);
    const gz = join(dir, 'audit-2026-03-02T10-00-00.000.log.gz');
    writeFileSync(gz, gzipSync(text));
    const rotated = runCli(['detect', gz, '--rules', RULES]);
    assert.equal(rotated.status, 0);
    assert.equal(
      rotated.stdout,
      piped.stdout.replace(/"hostname":"[^"]*"/g, (match) => match),
    );
  });

  it('stops writing quietly when the reader of stdout goes away, and still exits with its code and stats', () => {
    const file = join(dir, 'many.log');
    const anonymous = auditEvent({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
    writeFileSync(file, jsonLines(Array.from({ length: 3000 }, () => anonymous)));
    const err = join(dir, 'err.txt');
    const code = join(dir, 'code.txt');
    const main = join(ROOT, 'src/cli/main.ts');
    const script = `{ "$1" --import "$2" "$3" detect "$4" --rules "$5" -o json 2>"$6"; echo $? >"$7"; } | head -c 100 >/dev/null`;
    const result = spawnSync(
      'sh',
      ['-c', script, 'sh', process.execPath, import.meta.resolve('tsx'), main, file, RULES, err, code],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' },
    );
    assert.equal(result.status, 0);
    assert.equal(readFileSync(code, 'utf8'), '0\n');
    const stderr = readFileSync(err, 'utf8');
    assert.doesNotMatch(stderr, /error/);
    assert.match(stderr, /^detect: \d+ events read, \d+ matched/m);
  });

  it('follows a file with -F, prints stats on SIGUSR1, and stops with its stats on SIGTERM', async () => {
    const file = join(dir, 'follow.log');
    writeFileSync(file, jsonLines([auditEvent({ verb: 'list' })]));
    const child = spawn(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        join(ROOT, 'src/cli/main.ts'),
        'detect',
        '-F',
        file,
        '--rules',
        RULES,
      ],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const until = async (test: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 400 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok(test(), `${what}; stderr: ${stderr}`);
    };
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      appendFileSync(file, readFileSync(join(ROOT, EVENTS), 'utf8'));
      await until(() => stdout.trimEnd().split('\n').length === 4, 'four alerts');
      child.kill('SIGUSR1');
      await until(() => stderr.includes('detect (running): 9 events read'), 'stats on SIGUSR1');
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(stderr, /^detect: 9 events read, 4 matched, 4 alerts \(4 shown\), 0 dropped$/m);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
